import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * The ACD's system tables (docs/decisions/011-acd-routing.md): configuration (skills, queues,
 * agents, routing rules) and the record of what happened (calls and the router's decisions),
 * from which the wallboard and the historical reports are computed. Times of calls and
 * decisions are epoch milliseconds (bigint) so intervals are plain arithmetic on both dialects.
 */
export function createAcd(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  const bool = dialect.columnType('boolean') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('acd_skills')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('acd_queues')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('requirements', json, (c) => c.notNull())
        .addColumn('service_level_seconds', 'integer', (c) => c.notNull())
        .addColumn('overflow_queue_id', 'text')
        .addColumn('overflow_after_seconds', 'integer')
        .addColumn('relaxation', json, (c) => c.notNull())
        .addColumn('callback_after_seconds', 'integer')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('acd_agents')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('skills', json, (c) => c.notNull())
        .addColumn('voice_capacity', 'integer', (c) => c.notNull())
        .addColumn('wrap_up_seconds', 'integer', (c) => c.notNull())
        .addColumn('is_supervisor', bool, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('state_since', 'bigint', (c) => c.notNull())
        .addColumn('idle_since', 'bigint')
        .addColumn('wrap_up_until', 'bigint')
        .addColumn('call_id', 'text')
        .execute()
      await db.schema.createTable('acd_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('match', json, (c) => c.notNull())
        .addColumn('queue_id', 'text')
        .addColumn('priority_boost', 'integer', (c) => c.notNull())
        .execute()
      await db.schema.createTable('acd_calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('origin_queue_id', 'text', (c) => c.notNull())
        .addColumn('queue_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority_boost', 'integer', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('dialled_number', 'text')
        .addColumn('ivr_choice', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('callback_offered', bool, (c) => c.notNull())
        .addColumn('enqueued_at', 'bigint', (c) => c.notNull())
        .addColumn('queue_entered_at', 'bigint', (c) => c.notNull())
        .addColumn('assigned_at', 'bigint')
        .addColumn('answered_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('end_reason', 'text')
        .execute()
      await db.schema.createIndex('acd_calls_status').on('acd_calls').column('status').execute()
      await db.schema.createIndex('acd_calls_enqueued').on('acd_calls').column('enqueued_at').execute()
      await db.schema.createTable('acd_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('call_id', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('queue_id', 'text')
        .addColumn('detail', json, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('acd_decisions_call').on('acd_decisions').column('call_id').execute()
      await db.schema.createIndex('acd_decisions_at').on('acd_decisions').column('at').execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['acd_decisions', 'acd_calls', 'acd_rules', 'acd_agents', 'acd_queues', 'acd_skills']) await db.schema.dropTable(table).execute()
    },
  }
}
