/**
 * Cross-sell from order lines: association rules between products ("who bought X also bought
 * Y") and, per customer, the products their own purchases point to that they do not have yet.
 * All counting happens in SQL over the distinct (order, product) pairs of counted orders (the
 * customer-values.ts rules: not draft, cancelled or refunded; undeleted; within the caller's
 * read scope).
 *
 *   support(X→Y) = orders with X and Y / orders        confidence = orders with X and Y / orders with X
 *   lift = confidence / support(Y)                        (all as exact fractions of counts)
 */
import { sql, type RawBuilder } from 'kysely'
import { AppError, fieldError } from '../errors.js'
import { EXCLUDED_STATUSES, checkDate, relationTo } from './customer-values.js'
import { isId } from './ids.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'
import { getObject } from './metadata-store.js'
import { scopeOf } from './record-access.js'
import type { RecordContext } from './records.js'
import { requirePermission, visibleObject } from './visibility.js'

export interface RuleQuery { minSupport?: number; minConfidence?: number; minOrders?: number; limit?: number; from?: string; to?: string }

import type { AssociationRule } from '../../../contracts/customer-analytics.js'

export type { AssociationRule }

export interface Recommendation { product: { id: string; name: string | null }; because: { id: string; name: string | null }; confidence: number; lift: number }

const MAX_RULES = 1000

export function visible(ctx: RecordContext, apiName: string): { meta: ObjectMeta; view: ObjectMeta } {
  const meta = getObject(ctx.metadata, apiName)
  requirePermission(ctx.access, meta, 'read')
  return { meta, view: visibleObject(ctx.access, meta) }
}

export function fieldOf(view: ObjectMeta, name: string): FieldMeta {
  const field = view.fieldsByName.get(name)
  if (!field?.columnName) throw new AppError('forbidden', `Your role cannot see ${view.apiName}.${name}, which cross-sell needs`)
  return field
}

export const within = (ctx: RecordContext, object: ObjectMeta, alias: string): RawBuilder<unknown> => {
  const scope = scopeOf(ctx, object, 'read')
  return scope ? sql`and ${sql.ref(`${alias}.id`)} in (select id from ${sql.table(object.tableName)} where ${scope})` : sql``
}

/** `items(ord, customer, product)`: distinct products per counted order. */
export function items(ctx: RecordContext, query: { from?: string; to?: string }, customerObject = 'people'): RawBuilder<unknown> {
  checkDate(query.from, '/from')
  checkDate(query.to, '/to')
  const orders = visible(ctx, 'orders')
  const lines = visible(ctx, 'orderLines')
  const products = visible(ctx, 'products')
  const customers = getObject(ctx.metadata, customerObject)
  const toCustomer = relationTo(orders.view, customers)
  if (!toCustomer?.columnName) throw fieldError('/object', `orders have no relation to ${customerObject}`)
  const status = sql.ref(`o.${fieldOf(orders.view, 'status').columnName}`)
  const date = sql.ref(`o.${fieldOf(orders.view, 'orderDate').columnName}`)
  const lineOrder = sql.ref(`l.${fieldOf(lines.view, 'order').columnName}`)
  const lineProduct = sql.ref(`l.${fieldOf(lines.view, 'product').columnName}`)
  return sql`items as (
    select distinct o.id as ord, ${sql.ref(`o.${toCustomer.columnName}`)} as customer, ${lineProduct} as product
    from ${sql.table(lines.meta.tableName)} as l
    join ${sql.table(orders.meta.tableName)} as o on o.id = ${lineOrder}
    join ${sql.table(products.meta.tableName)} as p on p.id = ${lineProduct}
    where l.deleted_at is null and o.deleted_at is null and p.deleted_at is null
      and (${status} is null or ${status} not in (${sql.join(EXCLUDED_STATUSES)}))
      ${query.from ? sql`and ${date} >= ${query.from}` : sql``} ${query.to ? sql`and ${date} <= ${query.to}` : sql``}
      ${within(ctx, orders.meta, 'o')} ${within(ctx, lines.meta, 'l')} ${within(ctx, products.meta, 'p')})`
}

export function productName(ctx: RecordContext): { table: RawBuilder<unknown>; name: RawBuilder<unknown> } {
  const products = visible(ctx, 'products')
  const name = products.view.fieldsByName.get('name')
  return { table: sql.table(products.meta.tableName), name: name?.columnName ? sql.ref(`pn.${name.columnName}`) : sql`null` }
}

function fraction(value: number | undefined, pointer: string): number {
  if (value === undefined) return 0
  if (!Number.isFinite(value) || value < 0 || value > 1) throw fieldError(pointer, 'must be a number from 0 to 1')
  return value
}

/** Rules X→Y ordered by lift, then confidence, then support (ties by product ids). */
export async function associationRules(ctx: RecordContext, query: RuleQuery): Promise<{ orders: number; rules: AssociationRule[] }> {
  const minSupport = fraction(query.minSupport, '/minSupport')
  const minConfidence = fraction(query.minConfidence, '/minConfidence')
  const minOrders = query.minOrders ?? 2
  if (!Number.isInteger(minOrders) || minOrders < 1) throw fieldError('/minOrders', 'must be a whole number ≥ 1')
  const limit = query.limit ?? 100
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RULES) throw fieldError('/limit', `must be a whole number from 1 to ${MAX_RULES}`)
  const names = productName(ctx)
  const base = sql`with ${items(ctx, query)},
    total as (select count(distinct ord) as n from items),
    counts as (select product, count(*) as c from items group by product),
    pairs as (select a.product as x, b.product as y, count(*) as both_count
      from items as a join items as b on a.ord = b.ord and a.product <> b.product
      group by a.product, b.product having count(*) >= ${minOrders})`
  // Thresholds compare integer products of counts: no floating point decides membership.
  const { rows } = await sql<{ x: string; y: string; both_count: unknown; cx: unknown; cy: unknown; n: unknown; xname: string | null; yname: string | null }>`${base}
    select pairs.x, pairs.y, pairs.both_count, cx.c as cx, cy.c as cy, total.n as n,
      (select ${names.name} from ${names.table} as pn where pn.id = pairs.x) as xname,
      (select ${names.name} from ${names.table} as pn where pn.id = pairs.y) as yname
    from pairs join counts as cx on cx.product = pairs.x join counts as cy on cy.product = pairs.y cross join total
    where pairs.both_count * 1000000 >= ${Math.round(minSupport * 1_000_000)} * total.n
      and pairs.both_count * 1000000 >= ${Math.round(minConfidence * 1_000_000)} * cx.c
    order by pairs.both_count * total.n * 1.0 / (cx.c * cy.c) desc, pairs.both_count * 1.0 / cx.c desc, pairs.both_count desc, pairs.x, pairs.y
    limit ${limit}`.execute(ctx.ws.db)
  const total = await sql<{ n: unknown }>`with ${items(ctx, query)} select count(distinct ord) as n from items`.execute(ctx.ws.db)
  return {
    orders: Number(total.rows[0]?.n ?? 0),
    rules: rows.map((r) => {
      const both = Number(r.both_count)
      const n = Number(r.n)
      const cx = Number(r.cx)
      const cy = Number(r.cy)
      return {
        antecedent: { id: r.x, name: r.xname }, consequent: { id: r.y, name: r.yname },
        orders: both, support: both / n, confidence: both / cx, lift: (both * n) / (cx * cy),
      }
    }),
  }
}

/**
 * For one customer: products that rules from what they bought point to and they never bought,
 * best first (confidence, then lift); each with the purchase that suggests it.
 */
export async function recommendations(ctx: RecordContext, customerId: string, query: RuleQuery & { object?: string }): Promise<Recommendation[]> {
  const object = query.object ?? 'people'
  const customers = visible(ctx, object)
  if (!isId(customerId)) throw fieldError('/customer', 'must be a record id')
  const found = await sql`select id from ${sql.table(customers.meta.tableName)} as c where c.id = ${customerId} and c.deleted_at is null ${within(ctx, customers.meta, 'c')}`.execute(ctx.ws.db)
  if (!found.rows.length) throw new AppError('record-not-found', `No ${customers.meta.labelSingular} with id ${customerId.slice(0, 100)}`)
  const minOrders = query.minOrders ?? 2
  if (!Number.isInteger(minOrders) || minOrders < 1) throw fieldError('/minOrders', 'must be a whole number ≥ 1')
  const limit = query.limit ?? 10
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw fieldError('/limit', 'must be a whole number from 1 to 100')
  const names = productName(ctx)
  const { rows } = await sql<{ x: string; y: string; both_count: unknown; cx: unknown; cy: unknown; n: unknown; xname: string | null; yname: string | null }>`with ${items(ctx, query, object)},
    total as (select count(distinct ord) as n from items),
    counts as (select product, count(*) as c from items group by product),
    mine as (select distinct product from items where customer = ${customerId}),
    pairs as (select a.product as x, b.product as y, count(*) as both_count
      from items as a join items as b on a.ord = b.ord and a.product <> b.product
      where a.product in (select product from mine) and b.product not in (select product from mine)
      group by a.product, b.product having count(*) >= ${minOrders}),
    best as (select pairs.*, row_number() over (partition by y order by both_count * 1.0 / (select c from counts where product = x) desc, x) as pick from pairs)
    select best.x, best.y, best.both_count, cx.c as cx, cy.c as cy, total.n as n,
      (select ${names.name} from ${names.table} as pn where pn.id = best.x) as xname,
      (select ${names.name} from ${names.table} as pn where pn.id = best.y) as yname
    from best join counts as cx on cx.product = best.x join counts as cy on cy.product = best.y cross join total
    where best.pick = 1
    order by best.both_count * 1.0 / cx.c desc, best.both_count * total.n * 1.0 / (cx.c * cy.c) desc, best.y
    limit ${limit}`.execute(ctx.ws.db)
  return rows.map((r) => {
    const both = Number(r.both_count)
    return {
      product: { id: r.y, name: r.yname }, because: { id: r.x, name: r.xname },
      confidence: both / Number(r.cx), lift: (both * Number(r.n)) / (Number(r.cx) * Number(r.cy)),
    }
  })
}
