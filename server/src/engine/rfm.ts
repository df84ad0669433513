/**
 * RFM: recency (days since the last counted order), frequency (counted orders) and monetary
 * value (their line values, customer-values.ts rules) per customer with at least one order,
 * each scored 1–5 by quintile: score = 1 + ⌊5 · (rank − 1) / n⌋ with rank the SQL rank()
 * (ties share the lowest rank, so equal values always get equal scores). Recency ranks the
 * longest-ago first, so the most recent buyers score 5. Segments name (R, F) cells.
 */
import { sql, type RawBuilder } from 'kysely'
import { fieldError } from '../errors.js'
import { formatMoney } from './fields/composite.js'
import { EXCLUDED_STATUSES, checkDate, customerValues, relationTo } from './customer-values.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'
import { getObject } from './metadata-store.js'
import { checkWritableSelect } from './pareto.js'
import { scopeOf } from './record-access.js'
import type { RecordContext } from './records.js'
import { requirePermission, visibleObject } from './visibility.js'

export const RFM_SEGMENTS = [
  'Champions', 'Loyal', 'Potential loyalists', 'New customers', 'Promising', 'Need attention',
  'About to sleep', 'At risk', "Can't lose", 'Hibernating', 'Lost',
] as const
export type RfmSegment = (typeof RFM_SEGMENTS)[number]

/** The usual R × F grid (R and F from 1 to 5). */
export function segmentOf(r: number, f: number): RfmSegment {
  if (r >= 5 && f >= 4) return 'Champions'
  if (r >= 4 && f >= 5) return 'Champions'
  if (r >= 3 && f >= 4) return 'Loyal'
  if (r >= 4 && f >= 2) return 'Potential loyalists'
  if (r === 5) return 'New customers'
  if (r === 4) return 'Promising'
  if (r === 3 && f === 3) return 'Need attention'
  if (r === 3) return 'About to sleep'
  if (f === 5) return "Can't lose"
  if (f >= 3) return 'At risk'
  if (r === 1 && f === 1) return 'Lost'
  return 'Hibernating'
}

export interface RfmQuery { object: string; asOf?: string; currency?: string }

export interface RfmResult {
  asOf: string
  currency: string
  customers: number
  withoutOrders: number
  segments: { name: RfmSegment; count: number; share: number; monetary: string }[]
}


function visibleField(object: ObjectMeta, name: string): FieldMeta {
  const field = object.fieldsByName.get(name)
  if (!field) throw fieldError('/object', `${object.apiName} has no field ${name} your role can see`)
  return field
}

/** (customer, r, f, m, recency_days, frequency, monetary) for customers with an order by asOf. */
function scored(ctx: RecordContext, query: RfmQuery, asOf: string): { sql: RawBuilder<unknown>; customers: ObjectMeta; currency: string } {
  const values = customerValues(ctx, { object: query.object, measure: { kind: 'revenue' }, to: asOf, currency: query.currency })
  const ordersMeta = getObject(ctx.metadata, 'orders')
  requirePermission(ctx.access, ordersMeta, 'read')
  const orders = visibleObject(ctx.access, ordersMeta)
  const toCustomer = relationTo(orders, values.customers)
  if (!toCustomer) throw fieldError('/object', `orders have no relation to ${values.customers.apiName}`)
  const customer = sql.ref(`o.${toCustomer.columnName}`)
  const date = sql.ref(`o.${visibleField(orders, 'orderDate').columnName}`)
  const status = sql.ref(`o.${visibleField(orders, 'status').columnName}`)
  const scope = scopeOf(ctx, ordersMeta, 'read')
  const days = ctx.ws.dialect.name === 'sqlite'
    ? sql`cast(julianday(${asOf}) - julianday(max(${date})) as integer)`
    : sql`(cast(${asOf} as date) - max(cast(${date} as date)))`
  const activity = sql`select ${customer} as customer, ${days} as recency_days, count(*) as frequency
    from ${sql.table(ordersMeta.tableName)} as o
    where o.deleted_at is null and ${customer} is not null and ${date} is not null and ${date} <= ${asOf}
      and (${status} is null or ${status} not in (${sql.join(EXCLUDED_STATUSES)}))
      ${scope ? sql`and o.id in (select id from ${sql.table(ordersMeta.tableName)} where ${scope})` : sql``}
    group by ${customer}`
  const body = sql`with cv as (${values.sql}), act as (${activity}),
    base as (select a.customer, a.recency_days, a.frequency, cv.value as monetary from act as a join cv on cv.customer = a.customer),
    ranks as (select customer, recency_days, frequency, monetary, count(*) over () as n,
      rank() over (order by recency_days desc) as r_rank,
      rank() over (order by frequency asc) as f_rank,
      rank() over (order by monetary asc) as m_rank
      from base),
    scored as (select customer, recency_days, frequency, monetary,
      1 + (5 * (r_rank - 1)) / n as r, 1 + (5 * (f_rank - 1)) / n as f, 1 + (5 * (m_rank - 1)) / n as m from ranks)`
  return { sql: body, customers: values.customers, currency: values.currency! }
}

function resolveAsOf(asOf: string | undefined): string {
  if (asOf === undefined) return new Date().toISOString().slice(0, 10)
  checkDate(asOf, '/asOf')
  return asOf
}

export async function rfm(ctx: RecordContext, query: RfmQuery): Promise<RfmResult> {
  const asOf = resolveAsOf(query.asOf)
  const { sql: body, customers, currency } = scored(ctx, query, asOf)
  const [cells, all] = await Promise.all([
    sql<{ r: unknown; f: unknown; count: unknown; monetary: unknown }>`${body}
      select r, f, count(*) as count, sum(monetary) as monetary from scored group by r, f`.execute(ctx.ws.db),
    sql<{ count: unknown }>`select count(*) as count from ${sql.table(customers.tableName)} as c
      where c.deleted_at is null ${scopedCustomers(ctx, customers)}`.execute(ctx.ws.db),
  ])
  const totals = new Map<RfmSegment, { count: number; monetary: bigint }>()
  for (const cell of cells.rows) {
    const name = segmentOf(Number(cell.r), Number(cell.f))
    const entry = totals.get(name) ?? { count: 0, monetary: 0n }
    entry.count += Number(cell.count)
    entry.monetary += BigInt(String(cell.monetary ?? 0).split('.')[0])
    totals.set(name, entry)
  }
  const scoredCount = [...totals.values()].reduce((sum, t) => sum + t.count, 0)
  return {
    asOf, currency, customers: scoredCount, withoutOrders: Number(all.rows[0]?.count ?? 0) - scoredCount,
    segments: RFM_SEGMENTS.map((name) => {
      const t = totals.get(name) ?? { count: 0, monetary: 0n }
      return { name, count: t.count, share: scoredCount ? t.count / scoredCount : 0, monetary: formatMoney(t.monetary) }
    }),
  }
}

function scopedCustomers(ctx: RecordContext, customers: ObjectMeta): RawBuilder<unknown> {
  const scope = scopeOf(ctx, customers, 'read')
  return scope ? sql`and c.id in (select id from ${sql.table(customers.tableName)} where ${scope})` : sql``
}

/** Per customer scores, for reading back one customer's RFM (and for tests). */
export async function rfmScores(ctx: RecordContext, query: RfmQuery): Promise<Map<string, { r: number; f: number; m: number; segment: RfmSegment }>> {
  const asOf = resolveAsOf(query.asOf)
  const { sql: body } = scored(ctx, query, asOf)
  const { rows } = await sql<{ customer: string; r: unknown; f: unknown; m: unknown }>`${body} select customer, r, f, m from scored`.execute(ctx.ws.db)
  return new Map(rows.map((row) => [row.customer, { r: Number(row.r), f: Number(row.f), m: Number(row.m), segment: segmentOf(Number(row.r), Number(row.f)) }]))
}

/** Writes each scored customer's segment name into a select or text field (one UPDATE per segment). */
export async function writeRfmSegments(ctx: RecordContext, query: RfmQuery, fieldName: string): Promise<{ updated: number }> {
  const asOf = resolveAsOf(query.asOf)
  const { sql: body, customers } = scored(ctx, query, asOf)
  const column = checkWritableSelect(ctx, customers, fieldName, [...RFM_SEGMENTS])
  const table = customers.tableName
  const current = sql.ref(`${table}.${column}`)
  const segmentSql = segmentCase()
  const result = await sql`${body}, named as (select customer, ${segmentSql} as segment from scored)
    update ${sql.table(table)} set ${sql.ref(column)} = n.segment, updated_at = ${new Date().toISOString()}, version = version + 1
    from named as n where ${sql.ref(`${table}.id`)} = n.customer and (${current} is null or ${current} <> n.segment)`.execute(ctx.ws.db)
  return { updated: Number(result.numAffectedRows ?? 0n) }
}

/** segmentOf as SQL over columns r and f (kept beside segmentOf; the tests check they agree). */
function segmentCase(): RawBuilder<unknown> {
  return sql`case
    when r >= 5 and f >= 4 then 'Champions'
    when r >= 4 and f >= 5 then 'Champions'
    when r >= 3 and f >= 4 then 'Loyal'
    when r >= 4 and f >= 2 then 'Potential loyalists'
    when r = 5 then 'New customers'
    when r = 4 then 'Promising'
    when r = 3 and f = 3 then 'Need attention'
    when r = 3 then 'About to sleep'
    when f = 5 then 'Can''t lose'
    when f >= 3 then 'At risk'
    when r = 1 and f = 1 then 'Lost'
    else 'Hibernating' end`
}
