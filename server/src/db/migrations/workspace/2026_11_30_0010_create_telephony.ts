import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Telephony system tables (docs/decisions/010-telephony.md). Phone lines hold only a hash of
 * their token and a sealed HMAC secret. Every accepted event is a row of `call_events`, whose
 * unique key (call, event, sequence) is what makes intake idempotent; `calls` is the state
 * folded from a call's events, kept in step in the same transaction. Times are ISO-8601 UTC
 * text, so they compare and sort the same way in both dialects.
 */
export function createTelephony(dialect: SqlDialect): Migration {
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('phone_lines')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('number', 'text')
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('token_prefix', 'text', (c) => c.notNull())
        .addColumn('hmac_secret', 'text')
        .addColumn('blocked_numbers', json, (c) => c.notNull())
        .addColumn('rate_per_minute', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute()
      await db.schema.createTable('calls')
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('call_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('direction', 'text')
        .addColumn('from_number', 'text')
        .addColumn('to_number', 'text')
        .addColumn('queue', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('end_reason', 'text')
        .addColumn('recording_url', 'text')
        .addColumn('digits', 'text')
        .addColumn('activity_id', 'text')
        .addColumn('event_count', 'integer', (c) => c.notNull())
        .addColumn('last_event_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('calls_pk', ['line_id', 'call_id'])
        .execute()
      await db.schema.createIndex('calls_open').on('calls').columns(['status', 'last_event_at']).execute()
      await db.schema.createTable('call_events')
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('call_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('sequence', 'bigint', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('data', json, (c) => c.notNull())
        .addPrimaryKeyConstraint('call_events_pk', ['line_id', 'call_id', 'event', 'sequence'])
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('call_events').execute()
      await db.schema.dropTable('calls').execute()
      await db.schema.dropTable('phone_lines').execute()
    },
  }
}
