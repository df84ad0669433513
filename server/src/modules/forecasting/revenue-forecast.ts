/**
 * Monthly revenue from orders (customer-values.ts rules: counted statuses, one currency, line
 * values) summed by the database per order month, then forecast with holt-winters.ts.
 * History runs from the first month with revenue (or `from`'s month) to `to`'s month (default:
 * the last complete month); a month without counted orders is a 0-revenue month, part of the
 * series. Totals are exact decimal strings; the forecast is a number in currency units.
 */
import { sql } from 'kysely'
import { fieldError } from '../../errors.js'
import { checkDate, currencyOf, lineValues } from '../../engine/customer-values.js'
import { formatMoney } from '../../engine/fields/composite.js'
import { getObject } from '../../engine/metadata-store.js'
import type { RecordContext } from '../../engine/records.js'
import { backtest, fit, interval } from './holt-winters.js'
import type { RevenueForecast } from '../../../../contracts/segments-forecasts.js'

export interface RevenueForecastQuery { object?: string; from?: string; to?: string; currency?: string; horizon?: number }

/** 'YYYY-MM' plus n months. */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

function lastCompleteMonth(now: Date): string {
  return addMonths(now.toISOString().slice(0, 7), -1)
}

/** The last day of a 'YYYY-MM' month. */
const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10)

export async function revenueForecast(ctx: RecordContext, query: RevenueForecastQuery, now = new Date()): Promise<RevenueForecast> {
  checkDate(query.from, '/from')
  checkDate(query.to, '/to')
  if (query.from && query.to && query.from > query.to) throw fieldError('/to', 'must not be before from')
  const currency = currencyOf(ctx, query.currency)
  const lastMonth = query.to ? query.to.slice(0, 7) : lastCompleteMonth(now)
  // The customer object only decides which relation orders hang off; every order has one.
  const customers = getObject(ctx.metadata, query.object ?? 'people')
  const lines = lineValues(ctx, customers, { from: query.from, to: monthEnd(lastMonth), withCost: false }, currency)
  const month = ctx.ws.dialect.name === 'sqlite' ? sql`substr(order_date, 1, 7)` : sql`to_char(order_date, 'YYYY-MM')`
  const { rows } = await sql<{ month: string; revenue: unknown }>`select ${month} as month, sum(revenue) as revenue
    from (${lines}) as lv group by ${month} order by 1`.execute(ctx.ws.db)
  const byMonth = new Map(rows.map((r) => [r.month, BigInt(String(r.revenue ?? 0).split('.')[0])]))
  const firstMonth = query.from ? query.from.slice(0, 7) : rows[0]?.month
  const history: { month: string; micros: bigint }[] = []
  if (firstMonth) for (let m = firstMonth; m <= lastMonth; m = addMonths(m, 1)) history.push({ month: m, micros: byMonth.get(m) ?? 0n })
  const y = history.map((h) => Number(h.micros) / 1_000_000)
  const model = fit(y)
  const horizon = query.horizon ?? 12
  const start = history.at(-1)?.month ?? lastMonth
  return {
    currency,
    method: model.method,
    parameters: { alpha: model.alpha, beta: model.beta, gamma: model.gamma },
    history: history.map((h) => ({ month: h.month, revenue: formatMoney(h.micros) })),
    forecast: model.method === 'none' ? [] : Array.from({ length: horizon }, (_, i) => {
      const value = model.forecast(i + 1)
      const width = interval(model, i + 1)
      // Counted revenue is never negative, so neither is the interval's lower end.
      return { month: addMonths(start, i + 1), value, lower: Math.max(0, value - width), upper: value + width }
    }),
    backtest: backtest(y),
  }
}
