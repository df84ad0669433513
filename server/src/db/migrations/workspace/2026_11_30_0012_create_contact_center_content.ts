import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Contact center content: IVR flows (an editable draft plus immutable published versions),
 * agent scripts and the answers of their runs (linked to the call activity by id), knowledge-base
 * articles, and a folded-text index of activity subjects and bodies for knowledge search.
 * Graphs are JSON because they are read and validated whole, never queried into.
 * docs/decisions/012-ivr-scripts-kb.md says why these are system tables, not record objects.
 */
export function createContactCenterContent(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('ivr_flows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition', json, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('published_version', 'integer')
        .addColumn('published_revision', 'integer')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('ivr_flow_versions')
        .addColumn('flow_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('definition', json, (c) => c.notNull())
        .addColumn('published_by', 'text', (c) => c.notNull())
        .addColumn('published_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('ivr_flow_versions_pk', ['flow_id', 'version'])
        .execute()
      await db.schema.createTable('agent_scripts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('queues', json, (c) => c.notNull())
        .addColumn('call_reasons', json, (c) => c.notNull())
        .addColumn('definition', json, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('agent_script_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('script_id', 'text', (c) => c.notNull())
        .addColumn('script_name', 'text', (c) => c.notNull())
        .addColumn('script_revision', 'integer', (c) => c.notNull())
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('answers', json, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('agent_script_runs_activity').on('agent_script_runs').columns(['activity_id', 'created_at']).execute()
      await db.schema.createTable('kb_articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('tags', json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source_activity_id', 'text')
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('kb_articles_status').on('kb_articles').columns(['status', 'visibility']).execute()
      await db.schema.createTable('kb_request_index')
        .addColumn('activity_id', 'text', (c) => c.primaryKey())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('source_updated_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('kb_request_index_updated').on('kb_request_index').columns(['source_updated_at']).execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['kb_request_index', 'kb_articles', 'agent_script_runs', 'agent_scripts', 'ivr_flow_versions', 'ivr_flows']) await db.schema.dropTable(table).execute()
    },
  }
}
