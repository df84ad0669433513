import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Sales quotas and the analysis schedule (docs/decisions/014-segments-and-forecasts.md).
 * Quotas are configuration an administrator keeps per owner and period, not CRM records users
 * list and filter, so they are a system table: one row per (owner, period, currency), the amount
 * in micro-units like money fields. `analysis_schedules` holds one row per scheduled job kind
 * (today 'rfm') with the next due instant; the scheduler claims a run by moving `next_run_at`
 * forward with a compare-and-set, so a restart or a second process never runs it twice.
 */
export function createQuotasAndSchedules(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  const bigint = dialect.columnType('bigint') as 'bigint'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('sales_quotas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('amount', bigint, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addUniqueConstraint('sales_quotas_owner_period', ['owner_id', 'period', 'currency'])
        .execute()
      await db.schema.createTable('analysis_schedules')
        .addColumn('kind', 'text', (c) => c.primaryKey())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('time_of_day', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('settings', json, (c) => c.notNull())
        .addColumn('next_run_at', ts, (c) => c.notNull())
        .addColumn('last_run_at', ts)
        .addColumn('last_result', json)
        .addColumn('last_error', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('analysis_schedules').execute()
      await db.schema.dropTable('sales_quotas').execute()
    },
  }
}
