import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Import jobs: one row per uploaded file with its progress checkpoint (`rows_done`), which the
 * runner moves forward in the same transaction as each batch's writes, so a crash resumes
 * exactly where the last commit left off. Errors and the records a job created or updated
 * (with their previous values, for undo) live beside it.
 */
export function createImportJobs(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('import_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('encoding', 'text', (c) => c.notNull())
        .addColumn('delimiter', 'text', (c) => c.notNull())
        .addColumn('mapping', json, (c) => c.notNull())
        .addColumn('key_field', 'text')
        .addColumn('principal', json, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('total_rows', 'integer', (c) => c.notNull())
        .addColumn('rows_done', 'integer', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('skipped', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('started_at', ts)
        .addColumn('finished_at', ts)
        .execute()
      await db.schema.createIndex('import_jobs_status').on('import_jobs').column('status').execute()
      await db.schema.createTable('import_job_errors')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('row_no', 'integer', (c) => c.notNull())
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        .execute()
      await db.schema.createIndex('import_job_errors_job').on('import_job_errors').columns(['job_id', 'row_no']).execute()
      await db.schema.createTable('import_job_changes')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('previous', json)
        .addPrimaryKeyConstraint('import_job_changes_pk', ['job_id', 'record_id'])
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('import_job_changes').execute()
      await db.schema.dropTable('import_job_errors').execute()
      await db.schema.dropTable('import_jobs').execute()
    },
  }
}
