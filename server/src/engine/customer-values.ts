/**
 * One number per customer, computed by the database: revenue or profit from order lines, or
 * a count of related records ("complaint activities"). Pareto/ABC and RFM rank these rows
 * with window functions; nothing is loaded into JavaScript row by row.
 *
 * Definitions (tested in test/customer-analytics.test.ts against plain loops):
 * - An order counts unless its status is draft, cancelled or refunded; `from`/`to` bound its
 *   orderDate (inclusive). A line's value is its lineTotal, else quantity × unitPrice
 *   (quantity 1 when empty), in micro-units; lines in another currency than the one asked for
 *   are left out (sums never mix currencies).
 * - Profit is value − quantity × the product's cost; a cost in another currency, or none, counts 0.
 * - Customers are every visible, undeleted record of the customer object, with 0 when nothing counts.
 * - Access: read permission on every object involved, their record scopes, and every field
 *   used must be visible to the caller's role.
 */
import { sql, type RawBuilder } from 'kysely'
import { AppError, fieldError } from '../errors.js'
import { compileFilter } from './filter.js'
import { junctionOf } from './junctions.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'
import { getObject } from './metadata-store.js'
import { filterAccessOf, scopeOf } from './record-access.js'
import type { RecordContext } from './records.js'
import { requirePermission, visibleObject } from './visibility.js'

export type CustomerMeasure = { kind: 'revenue' | 'profit' } | { kind: 'count'; object: string; filter?: unknown }

export interface CustomerValuesQuery {
  object: string
  measure: CustomerMeasure
  from?: string
  to?: string
  currency?: string
}

export interface CustomerValues {
  customers: ObjectMeta
  /** A select of (customer, value) with one row per visible customer; value is an integer. */
  sql: RawBuilder<unknown>
  /** Micro-units of this currency, or null for counts. */
  currency: string | null
}

/** Orders in these states are not sales: every order measure leaves them out. */
export const EXCLUDED_STATUSES = ['draft', 'cancelled', 'refunded']
const DATE = /^\d{4}-\d{2}-\d{2}$/
const CURRENCY = /^[A-Z]{3}$/

export function readable(ctx: RecordContext, object: ObjectMeta): ObjectMeta {
  requirePermission(ctx.access, object, 'read')
  return visibleObject(ctx.access, object)
}

function field(view: ObjectMeta, name: string, pointer: string): FieldMeta {
  const found = view.fieldsByName.get(name)
  if (!found) throw new AppError('forbidden', `${view.labelPlural} has no field ${name} your role can see (needed for ${pointer.slice(1)})`)
  return found
}

/** The many-to-one field on `on` that points at `target`. */
export function relationTo(on: ObjectMeta, target: ObjectMeta): FieldMeta | undefined {
  return on.fields.find((f) => f.type === 'relation' && f.options.relation?.kind === 'manyToOne' && f.options.relation.target === target.apiName)
}

export const scoped = (ctx: RecordContext, object: ObjectMeta, alias: string): RawBuilder<boolean> => {
  const scope = scopeOf(ctx, object, 'read')
  // Record scopes are written against bare column names: evaluate them on the row by id.
  return scope ? sql<boolean>`${sql.ref(`${alias}.id`)} in (select id from ${sql.table(object.tableName)} where ${scope})` : sql<boolean>`1 = 1`
}

function toBigint(ctx: RecordContext, expression: RawBuilder<unknown>): RawBuilder<unknown> {
  return ctx.ws.dialect.name === 'sqlite' ? sql`cast(round(${expression}) as integer)` : sql`cast(round(${expression}) as bigint)`
}

/** The currency money measures are summed in: the one asked for, else the workspace's. */
export function currencyOf(ctx: RecordContext, currency: string | undefined): string {
  if (currency !== undefined && !CURRENCY.test(currency)) throw fieldError('/currency', 'must be an ISO 4217 code like EUR')
  return currency ?? ctx.parse.defaultCurrency
}

export function checkDate(value: string | undefined, pointer: string): void {
  if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) throw fieldError(pointer, 'must be a date YYYY-MM-DD')
}

export interface LineValuesQuery { from?: string; to?: string; withCost: boolean }

/**
 * One row per counted order line: (customer, ord, order_date, revenue, cost) in micro-units of
 * `currency`; cost is 0 unless asked for. The building block of revenue, profit, cohorts and
 * profitability.
 */
export function lineValues(ctx: RecordContext, customers: ObjectMeta, query: LineValuesQuery, currency: string): RawBuilder<unknown> {
  const metadata = ctx.metadata
  const orders = readable(ctx, getObject(metadata, 'orders'))
  const lines = readable(ctx, getObject(metadata, 'orderLines'))
  const toCustomer = relationTo(orders, customers)
  if (!toCustomer) throw fieldError('/object', `orders have no relation to ${customers.apiName}`)
  const orderDate = field(orders, 'orderDate', '/from').columnName!
  const status = field(orders, 'status', '/measure').columnName!
  const lineOrder = field(lines, 'order', '/measure').columnName!
  const quantity = field(lines, 'quantity', '/measure').columnName!
  const unitPrice = field(lines, 'unitPrice', '/measure').columnName!
  const lineTotal = field(lines, 'lineTotal', '/measure').columnName!
  const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`)
  const qty = sql`coalesce(${ref('l', quantity)}, 1)`
  const lineValue = sql`coalesce(${ref('l', `${lineTotal}_amount`)}, ${toBigint(ctx, sql`${qty} * ${ref('l', `${unitPrice}_amount`)}`)})`
  const lineCurrency = sql`coalesce(${ref('l', `${lineTotal}_currency`)}, ${ref('l', `${unitPrice}_currency`)})`
  let cost: RawBuilder<unknown> = sql`0`
  let productJoin: RawBuilder<unknown> = sql``
  if (query.withCost) {
    const products = readable(ctx, getObject(metadata, 'products'))
    const lineProduct = field(lines, 'product', '/measure').columnName!
    const costColumn = field(products, 'cost', '/measure').columnName!
    cost = sql`coalesce(case when ${ref('p', `${costColumn}_currency`)} = ${currency} then ${toBigint(ctx, sql`${qty} * ${ref('p', `${costColumn}_amount`)}`)} else 0 end, 0)`
    productJoin = sql`left join ${sql.table(products.tableName)} as p on p.id = ${ref('l', lineProduct)} and p.deleted_at is null and ${scoped(ctx, products, 'p')}`
  }
  const dates = [
    query.from ? sql`and ${ref('o', orderDate)} >= ${query.from}` : sql``,
    query.to ? sql`and ${ref('o', orderDate)} <= ${query.to}` : sql``,
  ]
  return sql`select ${ref('o', toCustomer.columnName!)} as customer, o.id as ord, ${ref('o', orderDate)} as order_date,
      ${lineValue} as revenue, ${cost} as cost
    from ${sql.table(lines.tableName)} as l
    join ${sql.table(orders.tableName)} as o on o.id = ${ref('l', lineOrder)}
    ${productJoin}
    where l.deleted_at is null and o.deleted_at is null and ${ref('o', toCustomer.columnName!)} is not null
      and (${ref('o', status)} is null or ${ref('o', status)} not in (${sql.join(EXCLUDED_STATUSES)}))
      and ${lineCurrency} = ${currency}
      ${sql.join(dates, sql` `)}
      and ${scoped(ctx, orders, 'o')} and ${scoped(ctx, lines, 'l')}`
}

function orderValues(ctx: RecordContext, customers: ObjectMeta, query: CustomerValuesQuery, currency: string): RawBuilder<unknown> {
  const profit = query.measure.kind === 'profit'
  const lines = lineValues(ctx, customers, { from: query.from, to: query.to, withCost: profit }, currency)
  return sql`select customer, sum(${profit ? sql`revenue - cost` : sql`revenue`}) as value from (${lines}) as lv group by customer`
}

function countValues(ctx: RecordContext, customers: ObjectMeta, measure: { object: string; filter?: unknown }, query: CustomerValuesQuery): RawBuilder<unknown> {
  const counted = readable(ctx, getObject(ctx.metadata, measure.object))
  const filter = measure.filter === undefined ? sql<boolean>`1 = 1`
    : sql<boolean>`t.id in (select id from ${sql.table(counted.tableName)} where ${compileFilter(counted, measure.filter, ctx.metadata, { dialect: ctx.ws.dialect, parse: ctx.parse }, '/filter', filterAccessOf(ctx))})`
  const dates = [
    query.from ? sql`and t.created_at >= ${query.from}` : sql``,
    query.to ? sql`and t.created_at < ${nextDay(query.to)}` : sql``,
  ]
  const where = sql`t.deleted_at is null and ${filter} and ${scoped(ctx, counted, 't')} ${sql.join(dates, sql` `)}`
  const toOne = relationTo(counted, customers)
  if (toOne) {
    return sql`select ${sql.ref(`t.${toOne.columnName}`)} as customer, count(*) as value from ${sql.table(counted.tableName)} as t
      where ${sql.ref(`t.${toOne.columnName}`)} is not null and ${where} group by ${sql.ref(`t.${toOne.columnName}`)}`
  }
  const toMany = counted.fields.find((f) => f.type === 'relation' && f.options.relation?.kind === 'manyToMany' && f.options.relation.target === customers.apiName)
  if (!toMany) throw fieldError('/measure', `${counted.apiName} has no relation to ${customers.apiName}`)
  const junction = junctionOf(toMany)
  return sql`select ${sql.ref(`j.${junction.targetColumn}`)} as customer, count(*) as value
    from ${sql.table(junction.table)} as j join ${sql.table(counted.tableName)} as t on t.id = ${sql.ref(`j.${junction.sourceColumn}`)}
    where ${where} group by ${sql.ref(`j.${junction.targetColumn}`)}`
}

/** The day after a YYYY-MM-DD date, as the start of an exclusive bound on timestamps. */
export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString()
}

export function customerValues(ctx: RecordContext, query: CustomerValuesQuery): CustomerValues {
  checkDate(query.from, '/from')
  checkDate(query.to, '/to')
  const customers = readable(ctx, getObject(ctx.metadata, query.object))
  const moneyCurrency = currencyOf(ctx, query.currency)
  const currency = query.measure.kind === 'count' ? null : moneyCurrency
  const values = query.measure.kind === 'count' ? countValues(ctx, customers, query.measure, query) : orderValues(ctx, customers, query, currency!)
  const select = sql`select c.id as customer, coalesce(v.value, 0) as value
    from ${sql.table(customers.tableName)} as c left join (${values}) as v on v.customer = c.id
    where c.deleted_at is null and ${scoped(ctx, customers, 'c')}`
  return { customers, sql: select, currency }
}

/** Parses `revenue`, `profit` or `count:<object>`. */
export function parseMeasure(text: string, filter?: unknown): CustomerMeasure {
  if (text === 'revenue' || text === 'profit') {
    if (filter !== undefined) throw fieldError('/filter', 'applies to count:<object> measures only')
    return { kind: text }
  }
  const match = /^count:([a-zA-Z][a-zA-Z0-9]{0,62})$/.exec(text)
  if (!match) throw fieldError('/measure', 'must be revenue, profit or count:<object>')
  return { kind: 'count', object: match[1], filter }
}
