import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Where the phone system reaches each agent (docs/decisions/022-executing-routing-decisions.md):
 * a Twilio Client identity, a SIP URI, a phone number or a PBX extension/dial string. A table of
 * its own beside acd_agents, so configuring skills (PUT agents/:userId) and configuring the
 * phone endpoint are separate writes that cannot clobber each other. A callback keeps its
 * acd_calls row; `task_id` names the `task` activity created when it was offered to an agent and
 * `handled_by` who completed or cancelled it over the API.
 */
export function createAgentEndpoints(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('acd_agent_endpoints')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.alterTable('acd_calls').addColumn('handled_by', 'text').execute()
      await db.schema.alterTable('acd_calls').addColumn('task_id', 'text').execute()
      await db.schema.createIndex('acd_calls_kind_status').on('acd_calls').columns(['kind', 'status']).execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('acd_calls_kind_status').execute()
      await db.schema.alterTable('acd_calls').dropColumn('handled_by').execute()
      await db.schema.alterTable('acd_calls').dropColumn('task_id').execute()
      await db.schema.dropTable('acd_agent_endpoints').execute()
    },
  }
}
