/**
 * The feature matrix for clustering, computed by the database: one row per visible customer
 * with the chosen derived features (from counted orders up to `asOf`, customer-values.ts
 * rules) and numeric fields. Rows are read once into a packed Float64Array (8 bytes per
 * value), never kept as objects. Customers with a missing value in any chosen feature are
 * left out and counted in `skipped`; order-derived features need at least one counted order.
 */
import { sql, type RawBuilder } from 'kysely'
import { ProblemCollector, fieldError } from '../../errors.js'
import { EXCLUDED_STATUSES, checkDate, currencyOf, lineValues, readable, relationTo, scoped } from '../../engine/customer-values.js'
import { getObject } from '../../engine/metadata-store.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import type { RecordContext } from '../../engine/records.js'
import type { Matrix } from './kmeans.js'

/** Derived per-customer features; any other feature is `field:<apiName>` of a number, rating or currency field. */
export const DERIVED_FEATURES = ['recencyDays', 'frequency', 'monetary', 'averageBasket', 'tenureDays'] as const
type Derived = (typeof DERIVED_FEATURES)[number]

export interface FeatureQuery { object: string; features: string[]; asOf: string; currency?: string }

export interface FeatureRows { customers: ObjectMeta; currency: string; ids: string[]; matrix: Matrix; skipped: number }

const isDerived = (name: string): name is Derived => (DERIVED_FEATURES as readonly string[]).includes(name)

function featureColumns(ctx: RecordContext, customers: ObjectMeta, features: string[], currency: string): RawBuilder<unknown>[] {
  const view = readable(ctx, customers)
  const problems = new ProblemCollector()
  const seen = new Set<string>()
  const columns = features.map((name, i) => {
    if (seen.has(name)) problems.add(`/features/${i}`, 'is listed twice')
    seen.add(name)
    if (isDerived(name)) {
      if (name === 'averageBasket') return sql`case when a.frequency > 0 then coalesce(m.monetary, 0) / (1000000.0 * a.frequency) end`
      if (name === 'monetary') return sql`coalesce(m.monetary, 0) / 1000000.0`
      return sql.ref(`a.${name === 'recencyDays' ? 'recency_days' : name === 'tenureDays' ? 'tenure_days' : 'frequency'}`)
    }
    const match = /^field:([a-zA-Z][a-zA-Z0-9]{0,62})$/.exec(name)
    // A field the role cannot see reads exactly like one that does not exist.
    const field = match ? view.fieldsByName.get(match[1]) : undefined
    if (!field || !['number', 'rating', 'currency'].includes(field.type)) {
      problems.add(`/features/${i}`, `must be one of ${DERIVED_FEATURES.join(', ')} or field:<apiName> of a number, rating or currency field of ${customers.apiName} you can see`)
      return sql`null`
    }
    if (field.type !== 'currency') return sql`${sql.ref(`c.${field.columnName}`)} * 1.0`
    return sql`case when ${sql.ref(`c.${field.columnName}_currency`)} = ${currency} then ${sql.ref(`c.${field.columnName}_amount`)} / 1000000.0 end`
  })
  problems.throwIfAny()
  return columns
}

/** (customer, frequency, recency_days, tenure_days) per customer with a counted order by asOf. */
function activity(ctx: RecordContext, customers: ObjectMeta, asOf: string): RawBuilder<unknown> {
  const ordersMeta = getObject(ctx.metadata, 'orders')
  const orders = readable(ctx, ordersMeta)
  const toCustomer = relationTo(orders, customers)
  if (!toCustomer) throw fieldError('/object', `orders have no relation to ${customers.apiName}`)
  const column = (name: string) => {
    const field = orders.fieldsByName.get(name)
    if (!field) throw fieldError('/features', `needs orders.${name}, which your role cannot see`)
    return sql.ref(`o.${field.columnName}`)
  }
  const customer = sql.ref(`o.${toCustomer.columnName}`)
  const date = column('orderDate')
  const status = column('status')
  const days = (of: RawBuilder<unknown>) => ctx.ws.dialect.name === 'sqlite'
    ? sql`cast(julianday(${asOf}) - julianday(${of}) as integer)`
    : sql`(cast(${asOf} as date) - cast(${of} as date))`
  return sql`select ${customer} as customer, count(*) as frequency, ${days(sql`max(${date})`)} as recency_days, ${days(sql`min(${date})`)} as tenure_days
    from ${sql.table(ordersMeta.tableName)} as o
    where o.deleted_at is null and ${customer} is not null and ${date} is not null and ${date} <= ${asOf}
      and (${status} is null or ${status} not in (${sql.join(EXCLUDED_STATUSES)})) and ${scoped(ctx, ordersMeta, 'o')}
    group by ${customer}`
}

export async function featureRows(ctx: RecordContext, query: FeatureQuery): Promise<FeatureRows> {
  checkDate(query.asOf, '/asOf')
  const customers = getObject(ctx.metadata, query.object)
  readable(ctx, customers)
  const currency = currencyOf(ctx, query.currency)
  const columns = featureColumns(ctx, customers, query.features, currency)
  const usesOrders = query.features.some(isDerived)
  const usesMoney = query.features.some((f) => f === 'monetary' || f === 'averageBasket')
  const joins = usesOrders
    ? sql`join (${activity(ctx, customers, query.asOf)}) as a on a.customer = c.id
      ${usesMoney ? sql`left join (select customer, sum(revenue) as monetary from (${lineValues(ctx, customers, { to: query.asOf, withCost: false }, currency)}) as lv group by customer) as m on m.customer = c.id` : sql``}`
    : sql``
  const { rows } = await sql<Record<string, unknown>>`select c.id as id, ${sql.join(columns.map((col, i) => sql`${col} as ${sql.ref(`f${i}`)}`))}
    from ${sql.table(customers.tableName)} as c ${joins}
    where c.deleted_at is null and ${scoped(ctx, customers, 'c')}
    order by c.id`.execute(ctx.ws.db)
  const d = columns.length
  const data = new Float64Array(rows.length * d)
  const ids: string[] = []
  let skipped = 0
  for (const row of rows) {
    const values = columns.map((_, j) => (row[`f${j}`] === null || row[`f${j}`] === undefined ? NaN : Number(row[`f${j}`])))
    if (values.some((v) => !Number.isFinite(v))) { skipped++; continue }
    data.set(values, ids.length * d)
    ids.push(row.id as string)
  }
  return { customers, currency, ids, matrix: { n: ids.length, d, data: data.subarray(0, ids.length * d) }, skipped }
}
