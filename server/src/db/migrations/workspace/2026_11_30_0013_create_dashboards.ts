import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Dashboards: a named grid of widgets, private to its owner or shared with the workspace.
 * Widgets are one JSON column: a dashboard is read and written whole, and every widget is
 * checked against live metadata when its data is computed, never queried into.
 * `dashboard_defaults` remembers which default dashboards a workspace was given, so a default
 * someone deleted is not created again.
 */
export function createDashboards(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('dashboards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('widgets', json, (c) => c.notNull())
        .addColumn('default_key', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('dashboards_owner').on('dashboards').columns(['owner_id']).execute()
      await db.schema.createTable('dashboard_defaults')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('dashboard_defaults').execute()
      await db.schema.dropTable('dashboards').execute()
    },
  }
}
