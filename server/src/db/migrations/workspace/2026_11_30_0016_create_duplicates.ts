import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Duplicate finder jobs. A job scans an object in keyset batches by id and writes each
 * record's match keys (lower-case email, E.164 phone, name block, domain) to
 * `duplicate_keys` in the same transaction as its checkpoint (`scan_after`); a second phase
 * groups the keys in SQL and writes `duplicate_groups`, again checkpointed (`group_after`).
 * A restart therefore continues where the last commit left off. Dismissals ("not
 * duplicates") are sets of record ids that outlive jobs: a later group inside such a set is
 * not shown again.
 */
export function createDuplicates(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  const real = dialect.name === 'postgres' ? 'double precision' : 'real'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('duplicate_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('rules', json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('principal', json, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('total_records', 'integer', (c) => c.notNull())
        .addColumn('records_done', 'integer', (c) => c.notNull())
        .addColumn('scan_after', 'text')
        .addColumn('group_after', 'text')
        .addColumn('groups_found', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('started_at', ts)
        .addColumn('finished_at', ts)
        .execute()
      await db.schema.createIndex('duplicate_jobs_actor').on('duplicate_jobs').columns(['actor', 'created_at']).execute()
      await db.schema.createTable('duplicate_keys')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('match_key', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('match_value', 'text')
        .execute()
      await db.schema.createIndex('duplicate_keys_key').on('duplicate_keys').columns(['job_id', 'rule', 'match_key', 'record_id']).execute()
      await db.schema.createTable('duplicate_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('score', real, (c) => c.notNull())
        .addColumn('match_key', 'text', (c) => c.notNull())
        .addColumn('record_ids', json, (c) => c.notNull())
        .addColumn('dismissed_at', ts)
        .execute()
      await db.schema.createIndex('duplicate_groups_job').on('duplicate_groups').columns(['job_id', 'id']).execute()
      await db.schema.createTable('duplicate_dismissal_members')
        .addColumn('dismissal_id', 'text', (c) => c.notNull())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('duplicate_dismissal_members_pk', ['dismissal_id', 'record_id'])
        .execute()
      await db.schema.createIndex('duplicate_dismissal_members_record').on('duplicate_dismissal_members').columns(['record_id', 'dismissal_id']).execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['duplicate_dismissal_members', 'duplicate_groups', 'duplicate_keys', 'duplicate_jobs']) await db.schema.dropTable(table).execute()
    },
  }
}
