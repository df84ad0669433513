import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Declared rollups (docs/decisions/020-dashboard-rollups.md): one row per rollup table
 * `rollup_<id>` that triggers on the object's table keep exact. `spec` is the rollup's shape
 * (table, day column and zone, dimension columns); `spec_key` its canonical text, unique, so a
 * shape is declared once. `status` moves pending → building → ready (or failed); readers use
 * ready ones only.
 */
export function createRollups(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('rollups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('spec_key', 'text', (c) => c.notNull().unique())
        .addColumn('spec', json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('row_count', 'integer')
        .addColumn('source_rows', 'integer')
        .addColumn('build_ms', 'integer')
        .addColumn('error', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('built_at', ts)
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('rollups').execute()
    },
  }
}
