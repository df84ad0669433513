import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/** A workspace may require two-factor sign-in of its members (workspace setting requireTotp). */
export function addRequireTotp(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('workspaces')
        .addColumn('require_totp', dialect.columnType('boolean') as 'boolean', (c) => c.notNull().defaultTo(dialect.toDb('boolean', false) as never))
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('workspaces').dropColumn('require_totp').execute()
    },
  }
}
