/**
 * Up-sell: upgrade candidates for one customer (issue 7, item 6). For each product P the customer
 * bought (counted orders, cross-sell.ts rules) that has a category and a price, a candidate is a
 * product Q of the same category, in the same price currency, priced above P, that the customer
 * never bought and that at least `minBuyers` other customers bought. Each Q is offered once, as
 * an upgrade from the dearest P below it; best first: most peer buyers, then the smaller step
 * up in price, then Q's id.
 */
import { sql } from 'kysely'
import { AppError, fieldError } from '../../errors.js'
import { fieldOf, items, visible, within } from '../../engine/cross-sell.js'
import { formatMoney } from '../../engine/fields/composite.js'
import { isId } from '../../engine/ids.js'
import type { RecordContext } from '../../engine/records.js'
import type { Upgrade } from '../../../../contracts/segments-forecasts.js'

export interface UpgradeQuery { customer: string; object?: string; minBuyers?: number; limit?: number; from?: string; to?: string }

const micros = (value: unknown) => BigInt(String(value ?? 0).split('.')[0])

export async function upgradeCandidates(ctx: RecordContext, query: UpgradeQuery): Promise<Upgrade[]> {
  const object = query.object ?? 'people'
  const customers = visible(ctx, object)
  if (!isId(query.customer)) throw fieldError('/customer', 'must be a record id')
  const found = await sql`select id from ${sql.table(customers.meta.tableName)} as c where c.id = ${query.customer} and c.deleted_at is null ${within(ctx, customers.meta, 'c')}`.execute(ctx.ws.db)
  if (!found.rows.length) throw new AppError('record-not-found', `No ${customers.meta.labelSingular} with id ${query.customer.slice(0, 100)}`)
  const products = visible(ctx, 'products')
  const category = sql.ref(`p.${fieldOf(products.view, 'category').columnName}`)
  const price = fieldOf(products.view, 'price').columnName!
  const name = products.view.fieldsByName.get('name')?.columnName
  const amount = sql.ref(`p.${price}_amount`)
  const currency = sql.ref(`p.${price}_currency`)
  const { rows } = await sql<{ q: string; p: string; category: string; currency: string; q_price: unknown; p_price: unknown; buyers: unknown; qname: string | null; pname: string | null }>`
    with ${items(ctx, query, object)},
    priced as (select p.id, ${category} as category, ${amount} as price, ${currency} as currency, ${name ? sql.ref(`p.${name}`) : sql`null`} as name
      from ${sql.table(products.meta.tableName)} as p
      where p.deleted_at is null and ${category} is not null and ${amount} is not null ${within(ctx, products.meta, 'p')}),
    mine as (select distinct product from items where customer = ${query.customer}),
    buyers as (select product, count(distinct customer) as buyers from items where customer <> ${query.customer} group by product),
    pairs as (select q.id as q, p.id as p, q.category, q.currency, q.price as q_price, p.price as p_price, b.buyers, q.name as qname, p.name as pname,
        row_number() over (partition by q.id order by p.price desc, p.id) as pick
      from mine join priced as p on p.id = mine.product
      join priced as q on q.category = p.category and q.currency = p.currency and q.price > p.price
      join buyers as b on b.product = q.id
      where q.id not in (select product from mine) and b.buyers >= ${query.minBuyers ?? 2})
    select q, p, category, currency, q_price, p_price, buyers, qname, pname from pairs where pick = 1
    order by buyers desc, q_price - p_price, q limit ${query.limit ?? 10}`.execute(ctx.ws.db)
  return rows.map((r) => ({
    product: { id: r.q, name: r.qname, price: formatMoney(micros(r.q_price)) },
    from: { id: r.p, name: r.pname, price: formatMoney(micros(r.p_price)) },
    category: r.category, currency: r.currency, buyers: Number(r.buyers), priceDifference: formatMoney(micros(r.q_price) - micros(r.p_price)),
  }))
}
