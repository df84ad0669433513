/**
 * Cohorts and customer lifetime value from order lines (customer-values.ts rules for which
 * orders and lines count). A customer's cohort is the month of their first counted order;
 * period k of a cohort is the k-th month after it. Months without orders appear with zeros up
 * to the last month with any order, so tables are rectangular and empty periods are explicit.
 */
import { sql } from 'kysely'
import { formatMoney } from './fields/composite.js'
import { checkDate, currencyOf, lineValues, readable } from './customer-values.js'
import { getObject } from './metadata-store.js'
import type { RecordContext } from './records.js'

export interface CohortQuery { object: string; from?: string; to?: string; currency?: string }

export interface CohortPeriod { offset: number; month: string; activeCustomers: number; retention: number; revenue: string; cumulativeRevenuePerCustomer: string }
export interface Cohort { cohort: string; customers: number; periods: CohortPeriod[] }

const MAX_LIFETIME_YEARS = 10

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
const big = (value: unknown) => BigInt(String(value ?? 0).split('.')[0])

function monthExpression(ctx: RecordContext, column: string) {
  return ctx.ws.dialect.name === 'sqlite' ? sql`substr(${sql.ref(column)}, 1, 7)` : sql`to_char(${sql.ref(column)}, 'YYYY-MM')`
}

export async function cohorts(ctx: RecordContext, query: CohortQuery): Promise<{ currency: string; cohorts: Cohort[] }> {
  checkDate(query.from, '/from')
  checkDate(query.to, '/to')
  const currency = currencyOf(ctx, query.currency)
  const customers = readable(ctx, getObject(ctx.metadata, query.object))
  const lines = lineValues(ctx, customers, { from: query.from, to: query.to, withCost: false }, currency)
  const { rows } = await sql<{ cohort: string; month: string; active: unknown; revenue: unknown }>`
    with lv as (${lines}),
    per as (select customer, ${monthExpression(ctx, 'order_date')} as month, sum(revenue) as revenue from lv group by customer, ${monthExpression(ctx, 'order_date')}),
    firsts as (select customer, min(month) as cohort from per group by customer)
    select firsts.cohort as cohort, per.month as month, count(*) as active, sum(per.revenue) as revenue
    from per join firsts on firsts.customer = per.customer
    group by firsts.cohort, per.month order by firsts.cohort, per.month`.execute(ctx.ws.db)
  if (!rows.length) return { currency, cohorts: [] }
  const last = Math.max(...rows.map((r) => monthIndex(r.month)))
  const byCohort = new Map<string, Map<number, { active: number; revenue: bigint }>>()
  for (const row of rows) {
    const cells = byCohort.get(row.cohort) ?? new Map()
    cells.set(monthIndex(row.month) - monthIndex(row.cohort), { active: Number(row.active), revenue: big(row.revenue) })
    byCohort.set(row.cohort, cells)
  }
  return {
    currency,
    cohorts: [...byCohort].map(([cohort, cells]) => {
      const size = cells.get(0)?.active ?? 0
      let cumulative = 0n
      const periods: CohortPeriod[] = []
      for (let offset = 0; monthIndex(cohort) + offset <= last; offset++) {
        const cell = cells.get(offset) ?? { active: 0, revenue: 0n }
        cumulative += cell.revenue
        periods.push({
          offset, month: monthOf(monthIndex(cohort) + offset), activeCustomers: cell.active, retention: size ? cell.active / size : 0,
          revenue: formatMoney(cell.revenue), cumulativeRevenuePerCustomer: formatMoney(size ? cumulative / BigInt(size) : 0n),
        })
      }
      return { cohort, customers: size, periods }
    }),
  }
}

export interface LifetimeValue {
  asOf: string
  currency: string
  /** Average revenue so far of customers with at least one counted order by asOf. */
  historicalClv: string
  averageOrderValue: string
  ordersPerCustomerPerYear: number
  /** Share of last year's buyers (12–24 months before asOf) who bought again in the 12 months to asOf. */
  annualRetention: number | null
  expectedLifetimeYears: number
  predictedClv: string
}

/**
 * A simple predictive CLV: average order value × orders per active customer per year ×
 * expected lifetime, with lifetime = 1 / (1 − annual retention), capped at 10 years.
 */
export async function lifetimeValue(ctx: RecordContext, query: { object: string; asOf?: string; currency?: string }): Promise<LifetimeValue> {
  const asOf = query.asOf ?? new Date().toISOString().slice(0, 10)
  checkDate(asOf, '/asOf')
  const currency = currencyOf(ctx, query.currency)
  const customers = readable(ctx, getObject(ctx.metadata, query.object))
  const yearBefore = shiftYears(asOf, -1)
  const twoYearsBefore = shiftYears(asOf, -2)
  const lines = lineValues(ctx, customers, { to: asOf, withCost: false }, currency)
  const { rows } = await sql<Record<string, unknown>>`
    with lv as (${lines}),
    orders_all as (select customer, ord, min(order_date) as order_date, sum(revenue) as revenue from lv group by customer, ord),
    recent as (select * from orders_all where order_date > ${yearBefore}),
    previous as (select distinct customer from orders_all where order_date > ${twoYearsBefore} and order_date <= ${yearBefore})
    select
      (select count(distinct customer) from orders_all) as buyers,
      (select sum(revenue) from orders_all) as revenue_all,
      (select count(*) from recent) as recent_orders,
      (select sum(revenue) from recent) as recent_revenue,
      (select count(distinct customer) from recent) as recent_buyers,
      (select count(*) from previous) as previous_buyers,
      (select count(*) from previous where customer in (select customer from recent)) as retained`.execute(ctx.ws.db)
  const r = rows[0] ?? {}
  const buyers = Number(r.buyers ?? 0)
  const recentOrders = Number(r.recent_orders ?? 0)
  const recentBuyers = Number(r.recent_buyers ?? 0)
  const previousBuyers = Number(r.previous_buyers ?? 0)
  const aov = recentOrders ? big(r.recent_revenue) / BigInt(recentOrders) : 0n
  const frequency = recentBuyers ? recentOrders / recentBuyers : 0
  const retention = previousBuyers ? Number(r.retained ?? 0) / previousBuyers : null
  const lifetime = retention === null ? 1 : retention >= 1 - 1 / MAX_LIFETIME_YEARS ? MAX_LIFETIME_YEARS : 1 / (1 - retention)
  const predicted = BigInt(Math.round(Number(aov) * frequency * lifetime))
  return {
    asOf, currency,
    historicalClv: formatMoney(buyers ? big(r.revenue_all) / BigInt(buyers) : 0n),
    averageOrderValue: formatMoney(aov), ordersPerCustomerPerYear: frequency, annualRetention: retention,
    expectedLifetimeYears: lifetime, predictedClv: formatMoney(predicted),
  }
}

function shiftYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00.000Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.toISOString().slice(0, 10)
}
