/**
 * Client profitability over a period: revenue, cost and margin from order lines
 * (customer-values.ts rules; cost = quantity × product cost in the same currency), orders, and
 * the service load — activities the customer takes part in, created in the period. One SQL
 * statement; the top customers by the chosen column, plus totals over every visible customer.
 */
import { sql } from 'kysely'
import { fieldError } from '../errors.js'
import { formatMoney } from './fields/composite.js'
import { checkDate, currencyOf, lineValues, nextDay, readable, scoped } from './customer-values.js'
import { junctionOf } from './junctions.js'
import { getObject } from './metadata-store.js'
import type { RecordContext } from './records.js'
import type { ProfitabilityResult } from '../../../contracts/customer-analytics.js'


export const PROFITABILITY_ORDER = ['margin', 'revenue', 'serviceLoad', 'marginAscending'] as const
export type ProfitabilityOrder = (typeof PROFITABILITY_ORDER)[number]

export interface ProfitabilityQuery { object: string; from?: string; to?: string; currency?: string; order?: ProfitabilityOrder; limit?: number }



export async function profitability(ctx: RecordContext, query: ProfitabilityQuery): Promise<ProfitabilityResult> {
  checkDate(query.from, '/from')
  checkDate(query.to, '/to')
  const limit = query.limit ?? 50
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw fieldError('/limit', 'must be a whole number from 1 to 1000')
  const currency = currencyOf(ctx, query.currency)
  const customers = readable(ctx, getObject(ctx.metadata, query.object))
  const lines = lineValues(ctx, customers, { from: query.from, to: query.to, withCost: true }, currency)
  const activitiesMeta = ctx.metadata.objects.get('activities')
  const participants = activitiesMeta && ctx.access.can('activities', 'read')
    ? readable(ctx, activitiesMeta).fields.find((f) => f.type === 'relation' && f.options.relation?.kind === 'manyToMany' && f.options.relation.target === customers.apiName)
    : undefined
  const load = participants && activitiesMeta
    ? (() => {
        const j = junctionOf(participants)
        return sql`select ${sql.ref(`j.${j.targetColumn}`)} as customer, count(*) as load
          from ${sql.table(j.table)} as j join ${sql.table(activitiesMeta.tableName)} as a on a.id = ${sql.ref(`j.${j.sourceColumn}`)}
          where a.deleted_at is null and ${scoped(ctx, activitiesMeta, 'a')}
            ${query.from ? sql`and a.created_at >= ${query.from}` : sql``} ${query.to ? sql`and a.created_at < ${nextDay(query.to)}` : sql``}
          group by ${sql.ref(`j.${j.targetColumn}`)}`
      })()
    : sql`select null as customer, 0 as load where 1 = 0`
  const labelColumn = customers.labelFields.map((name) => customers.fieldsByName.get(name)?.columnName).find(Boolean)
  const name = labelColumn ? sql.ref(`c.${labelColumn}`) : sql`null`
  const order = {
    margin: sql`margin desc, c.id`, revenue: sql`revenue desc, c.id`, serviceLoad: sql`service_load desc, c.id`, marginAscending: sql`margin asc, c.id`,
  }[query.order ?? 'margin']
  const base = sql`with lv as (${lines}),
    money as (select customer, sum(revenue) as revenue, sum(cost) as cost, count(distinct ord) as orders from lv group by customer),
    load as (${load}),
    per as (select c.id as id, ${name} as name, coalesce(m.revenue, 0) as revenue, coalesce(m.cost, 0) as cost,
        coalesce(m.revenue, 0) - coalesce(m.cost, 0) as margin, coalesce(m.orders, 0) as orders, coalesce(l.load, 0) as service_load
      from ${sql.table(customers.tableName)} as c
      left join money as m on m.customer = c.id left join load as l on l.customer = c.id
      where c.deleted_at is null and ${scoped(ctx, customers, 'c')})`
  const [top, totals] = await Promise.all([
    sql<Record<string, unknown>>`${base} select * from per as c order by ${order} limit ${limit}`.execute(ctx.ws.db),
    sql<Record<string, unknown>>`${base} select count(*) as customers, sum(revenue) as revenue, sum(cost) as cost, sum(margin) as margin,
      sum(orders) as orders, sum(service_load) as service_load from per`.execute(ctx.ws.db),
  ])
  const money = (v: unknown) => formatMoney(BigInt(String(v ?? 0).split('.')[0]))
  const t = totals.rows[0] ?? {}
  return {
    currency,
    totals: { customers: Number(t.customers ?? 0), revenue: money(t.revenue), cost: money(t.cost), margin: money(t.margin), orders: Number(t.orders ?? 0), serviceLoad: Number(t.service_load ?? 0) },
    rows: top.rows.map((r) => ({
      customer: { id: String(r.id), name: (r.name as string | null) ?? null },
      revenue: money(r.revenue), cost: money(r.cost), margin: money(r.margin), orders: Number(r.orders), serviceLoad: Number(r.service_load),
    })),
  }
}
