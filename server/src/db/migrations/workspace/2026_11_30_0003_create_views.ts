import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Saved list views: a named filter, sort and column layout of one object, private to its
 * owner or shared with the workspace. Filter, sort and columns are JSON because they are
 * read whole and checked against live metadata on every read, never queried into.
 */
export function createViews(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('filter', json)
        .addColumn('sort', json, (c) => c.notNull())
        .addColumn('columns', json, (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('views_object_owner').on('views').columns(['object', 'owner_id']).execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('views').execute()
    },
  }
}
