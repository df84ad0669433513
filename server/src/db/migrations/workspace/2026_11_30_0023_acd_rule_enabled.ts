import { sql, type Kysely, type Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Routing rules can be switched off without deleting them (the routing-rules editor's
 * enable/disable): `acd_rules.enabled`, true for every rule that exists.
 */
export function addAcdRuleEnabled(dialect: SqlDialect): Migration {
  const bool = dialect.columnType('boolean') as 'boolean'
  const yes = dialect.toDb('boolean', true) as boolean | number
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('acd_rules').addColumn('enabled', bool, (c) => c.notNull().defaultTo(sql.lit(yes))).execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('acd_rules').dropColumn('enabled').execute()
    },
  }
}
