import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * IVR flows on live calls (docs/decisions/024-ivr-on-live-calls.md):
 * - `ivr_line_flows`: the flow a phone line answers with (one per line; the published version
 *   current when a call starts is the one it runs);
 * - `ivr_call_sessions`: one row per call in an IVR — the flow version, the moment the call
 *   started (business hours are read then, so a replay agrees), the caller's inputs so far and
 *   the path they took (nodes, keys), which the call card and routing by IVR choice read.
 */
export function createIvrCalls(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('ivr_line_flows')
        .addColumn('line_id', 'text', (c) => c.primaryKey())
        .addColumn('flow_id', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('ivr_call_sessions')
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('call_id', 'text', (c) => c.notNull())
        .addColumn('flow_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('from_number', 'text')
        .addColumn('to_number', 'text')
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('inputs', json, (c) => c.notNull())
        .addColumn('pending', 'text', (c) => c.notNull())
        .addColumn('turn', 'integer', (c) => c.notNull())
        .addColumn('path', json, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('ivr_call_sessions_pk', ['line_id', 'call_id'])
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('ivr_call_sessions').execute()
      await db.schema.dropTable('ivr_line_flows').execute()
    },
  }
}
