/**
 * Sales quotas (system table sales_quotas, migration 0014) and what they are measured against:
 * - Attainment: the amounts of won opportunities (stage outcome won) by close date in the
 *   period, per owner and currency, summed exactly in micro-units; attainment = won / quota.
 * - Forecast categories per owner and period (pipeline-forecast.ts's CATEGORY rule): open
 *   amounts by category and the closed (won) amount, lost ones left out.
 * A period is a month 'YYYY-MM' or a quarter 'YYYY-Qn'. Owners without a quota still appear
 * with a null quota when they have amounts; quotas without amounts appear with 0 won.
 */
import { sql } from 'kysely'
import { AppError, fieldError } from '../../errors.js'
import { formatMoney, parseMoney } from '../../engine/fields/composite.js'
import { newId } from '../../engine/ids.js'
import { CATEGORY, FORECAST_CATEGORIES, opportunities, type ForecastCategory } from '../../engine/pipeline-forecast.js'
import type { RecordContext } from '../../engine/records.js'
import type { AttainmentRow, CategoryRow, PeriodKind, Quota } from '../../../../contracts/segments-forecasts.js'

export interface QuotaInput { ownerId: string; period: string; amount: string; currency: string }
export interface PeriodQuery { period: PeriodKind; from?: string; to?: string }


const PERIOD = /^(\d{4})-(0[1-9]|1[0-2]|Q[1-4])$/
const CURRENCY = /^[A-Z]{3}$/

export const kindOf = (period: string): PeriodKind => (period.includes('Q') ? 'quarter' : 'month')

export function checkQuotaInput(input: Partial<QuotaInput>): { period?: string; amount?: bigint; currency?: string } {
  if (input.period !== undefined && !PERIOD.test(input.period)) throw fieldError('/period', 'must be a month YYYY-MM or a quarter YYYY-Qn')
  if (input.currency !== undefined && !CURRENCY.test(input.currency)) throw fieldError('/currency', 'must be an ISO 4217 code like EUR')
  let amount: bigint | undefined
  if (input.amount !== undefined) {
    try {
      amount = parseMoney(input.amount)
    } catch {
      throw fieldError('/amount', 'must be a decimal amount like 12500.00')
    }
    if (amount < 0n) throw fieldError('/amount', 'must not be negative')
  }
  return { period: input.period, amount, currency: input.currency }
}

const toQuota = (ctx: RecordContext, row: Record<string, unknown>): Quota => ({
  id: row.id as string, ownerId: row.owner_id as string, period: row.period as string,
  amount: formatMoney(ctx.ws.dialect.fromDb('bigint', row.amount) as bigint), currency: row.currency as string,
  createdAt: ctx.ws.dialect.fromDb('timestamp', row.created_at) as string, updatedAt: ctx.ws.dialect.fromDb('timestamp', row.updated_at) as string,
})

export async function listQuotas(ctx: RecordContext, filter: { ownerId?: string; from?: string; to?: string } = {}): Promise<Quota[]> {
  let query = ctx.ws.db.selectFrom('sales_quotas').selectAll().orderBy('period').orderBy('owner_id').orderBy('currency')
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId)
  const rows = await query.execute()
  return rows.map((row) => toQuota(ctx, row)).filter((q) => inRange(q.period, filter.from, filter.to))
}

/** A period lies in [from, to] when its first month does (dates compared by month). */
function inRange(period: string, from?: string, to?: string): boolean {
  const first = periodStart(period)
  return (!from || first >= from.slice(0, 7)) && (!to || first <= to.slice(0, 7))
}

const periodStart = (period: string) => (kindOf(period) === 'month' ? period : `${period.slice(0, 4)}-${String(Number(period.slice(6)) * 3 - 2).padStart(2, '0')}`)

export async function createQuota(ctx: RecordContext, input: QuotaInput): Promise<Quota> {
  const checked = checkQuotaInput(input)
  const now = new Date().toISOString()
  const id = newId()
  const exists = await ctx.ws.db.selectFrom('sales_quotas').select('id')
    .where('owner_id', '=', input.ownerId).where('period', '=', input.period).where('currency', '=', input.currency).executeTakeFirst()
  if (exists) throw fieldError('/period', `this owner already has a ${input.currency} quota for ${input.period} (${exists.id})`, 'conflict')
  await ctx.ws.db.insertInto('sales_quotas').values({
    id, owner_id: input.ownerId, period: checked.period, amount: ctx.ws.dialect.toDb('bigint', checked.amount), currency: checked.currency, created_at: now, updated_at: now,
  }).execute()
  return getQuota(ctx, id)
}

export async function getQuota(ctx: RecordContext, id: string): Promise<Quota> {
  const row = await ctx.ws.db.selectFrom('sales_quotas').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('not-found', `No quota with id ${id.slice(0, 100)}`)
  return toQuota(ctx, row)
}

export async function updateQuota(ctx: RecordContext, id: string, input: { amount?: string; currency?: string }): Promise<Quota> {
  const checked = checkQuotaInput(input)
  await getQuota(ctx, id)
  const values: Record<string, unknown> = { updated_at: new Date().toISOString() }
  if (checked.amount !== undefined) values.amount = ctx.ws.dialect.toDb('bigint', checked.amount)
  if (checked.currency !== undefined) values.currency = checked.currency
  try {
    await ctx.ws.db.updateTable('sales_quotas').set(values).where('id', '=', id).execute()
  } catch (error) {
    throw fieldError('/currency', 'this owner already has a quota for the period in that currency', 'conflict')
  }
  return getQuota(ctx, id)
}

export async function deleteQuota(ctx: RecordContext, id: string): Promise<void> {
  const result = await ctx.ws.db.deleteFrom('sales_quotas').where('id', '=', id).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw new AppError('not-found', `No quota with id ${id.slice(0, 100)}`)
}

function periodOf(ctx: RecordContext, kind: PeriodKind) {
  if (ctx.ws.dialect.name === 'sqlite') {
    return kind === 'month' ? sql<string>`substr(close_date, 1, 7)`
      : sql<string>`substr(close_date, 1, 4) || '-Q' || ((cast(substr(close_date, 6, 2) as integer) + 2) / 3)`
  }
  return kind === 'month' ? sql<string>`to_char(close_date, 'YYYY-MM')` : sql<string>`to_char(close_date, 'YYYY') || '-Q' || to_char(close_date, 'Q')`
}

const micros = (value: unknown): bigint => BigInt(String(value ?? 0).split('.')[0])
const key = (owner: string | null, period: string, currency: string) => `${owner ?? ''}|${period}|${currency}`

export async function attainment(ctx: RecordContext, query: PeriodQuery): Promise<AttainmentRow[]> {
  const { rows } = await sql<{ owner_id: string | null; period: string; currency: string; won: unknown; count: unknown }>`
    with opp as (${opportunities(ctx, { from: query.from, to: query.to })})
    select owner_id, ${periodOf(ctx, query.period)} as period, currency, sum(amount) as won, count(*) as count
    from opp where outcome = 'won' and close_date is not null and amount is not null
    group by owner_id, ${periodOf(ctx, query.period)}, currency`.execute(ctx.ws.db)
  const result = new Map<string, { ownerId: string | null; period: string; currency: string; quota: bigint | null; won: bigint; wonCount: number }>()
  for (const r of rows) result.set(key(r.owner_id, r.period, r.currency), { ownerId: r.owner_id, period: r.period, currency: r.currency, quota: null, won: micros(r.won), wonCount: Number(r.count) })
  for (const q of await listQuotas(ctx, { from: query.from, to: query.to })) {
    if (kindOf(q.period) !== query.period) continue
    const k = key(q.ownerId, q.period, q.currency)
    const entry = result.get(k) ?? { ownerId: q.ownerId, period: q.period, currency: q.currency, quota: null, won: 0n, wonCount: 0 }
    entry.quota = parseMoney(q.amount)
    result.set(k, entry)
  }
  return [...result.values()]
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : (a.ownerId ?? '') < (b.ownerId ?? '') ? -1 : (a.ownerId ?? '') > (b.ownerId ?? '') ? 1 : a.currency < b.currency ? -1 : 1))
    .map((e) => ({
      ownerId: e.ownerId, period: e.period, currency: e.currency, quota: e.quota === null ? null : formatMoney(e.quota), won: formatMoney(e.won), wonCount: e.wonCount,
      attainment: e.quota === null || e.quota === 0n ? null : Number((e.won * 1_000_000n) / e.quota) / 1_000_000,
    }))
}

export async function forecastCategories(ctx: RecordContext, query: PeriodQuery): Promise<CategoryRow[]> {
  const { rows } = await sql<{ owner_id: string | null; period: string; currency: string; category: ForecastCategory; amount: unknown; count: unknown }>`
    with opp as (${opportunities(ctx, { from: query.from, to: query.to })}),
    classified as (select owner_id, ${periodOf(ctx, query.period)} as period, currency, ${CATEGORY} as category, amount from opp
      where close_date is not null and amount is not null)
    select owner_id, period, currency, category, sum(amount) as amount, count(*) as count from classified
    where category <> 'omitted' group by owner_id, period, currency, category`.execute(ctx.ws.db)
  const result = new Map<string, CategoryRow>()
  const zero = <T>(value: T) => Object.fromEntries(FORECAST_CATEGORIES.map((c) => [c, value])) as Record<ForecastCategory, T>
  for (const r of rows) {
    const k = key(r.owner_id, r.period, r.currency)
    const entry = result.get(k) ?? { ownerId: r.owner_id, period: r.period, currency: r.currency, amounts: zero('0.00'), counts: zero(0) }
    entry.amounts[r.category] = formatMoney(micros(r.amount))
    entry.counts[r.category] = Number(r.count)
    result.set(k, entry)
  }
  return [...result.values()].sort((a, b) => (a.period + (a.ownerId ?? '') + a.currency < b.period + (b.ownerId ?? '') + b.currency ? -1 : 1))
}
