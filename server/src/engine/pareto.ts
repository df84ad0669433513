/**
 * Pareto / ABC analysis of customers by a measure (customer-values.ts), in one SQL statement
 * of window functions on both dialects. Ranking is by value, highest first, ties broken by id,
 * so the answer is deterministic. Only positive values count towards the total (a customer
 * who lost money cannot make up "80% of profit"); customers at 0 or below are class C.
 * A = the customers needed to reach 80% of the total (everyone whose preceding cumulative
 * value is below 80%), B = the next 15%, C = the rest. Comparisons are in integers.
 */
import { sql, type RawBuilder } from 'kysely'
import { AppError, fieldError } from '../errors.js'
import { formatMoney } from './fields/composite.js'
import { customerValues, type CustomerValuesQuery } from './customer-values.js'
import type { ObjectMeta } from './metadata-types.js'
import type { RecordContext } from './records.js'
import { requirePermission, visibleObject } from './visibility.js'

import type { AbcClass, ParetoResult } from '../../../contracts/customer-analytics.js'

export type { AbcClass, ParetoResult }

const big = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value).split('.')[0]))

/** (customer, value, positive, cum, rn, total, n, class) per customer. */
function ranked(values: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`with cv as (${values}),
    pos as (select customer, value, case when value > 0 then value else 0 end as positive from cv),
    ranked as (
      select customer, value, positive,
        sum(positive) over (order by value desc, customer asc rows between unbounded preceding and current row) as cum,
        row_number() over (order by value desc, customer asc) as rn,
        sum(positive) over () as total,
        count(*) over () as n
      from pos),
    classed as (
      select customer, value, positive, cum, rn, total, n,
        case when positive > 0 and 5 * (cum - positive) < 4 * total then 'A'
             when positive > 0 and 20 * (cum - positive) < 19 * total then 'B'
             else 'C' end as class
      from ranked)`
}

export async function pareto(ctx: RecordContext, query: CustomerValuesQuery, measureName: string): Promise<ParetoResult> {
  const values = customerValues(ctx, query)
  const show = (micros: bigint): string | number => (values.currency ? formatMoney(micros) : Number(micros))
  // One statement: both dialects materialize a CTE read twice (SQLite ≥ 3.35, PostgreSQL ≥ 12),
  // so the per-customer values and the window functions run once, not once per figure.
  const { rows } = await sql<{ kind: 'class' | 'curve'; class: AbcClass | null; count: unknown; value: unknown; total: unknown; n: unknown; top20: unknown }>`${ranked(values.sql)}
    select 'class' as kind, class, count(*) as count, sum(value) as value, max(total) as total, max(n) as n,
      sum(case when rn <= (2 * n + 9) / 10 then positive else 0 end) as top20 from classed group by class
    union all
    select 'curve', null, rn, cum, null, null, null from classed where (rn * 100) / n > ((rn - 1) * 100) / n or rn = n`.execute(ctx.ws.db)
  const classes = rows.filter((r) => r.kind === 'class')
  // The curve rows carry rn in count and the cumulative value in value.
  const curve = rows.filter((r) => r.kind === 'curve').map((r) => ({ rn: Number(r.count), cum: big(r.value) })).sort((a, b) => a.rn - b.rn)
  const total = big(classes[0]?.total)
  const n = Number(classes[0]?.n ?? 0)
  const top20 = classes.reduce((sum, r) => sum + big(r.top20), 0n)
  const byClass = Object.fromEntries((['A', 'B', 'C'] as const).map((c) => {
    const row = classes.find((r) => r.class === c)
    return [c, { count: Number(row?.count ?? 0), value: show(big(row?.value)) }]
  })) as ParetoResult['classes']
  const share = (part: bigint) => (total === 0n ? 0 : Number((part * 1_000_000n) / total) / 1_000_000)
  return {
    measure: measureName,
    currency: values.currency,
    total: show(total),
    customerCount: n,
    customersFor80Percent: byClass.A.count,
    shareOfCustomersFor80Percent: n === 0 ? 0 : byClass.A.count / n,
    top20PercentShare: share(top20),
    classes: byClass,
    curve: curve.map((r) => ({ customerShare: r.rn / n, valueShare: share(r.cum) })),
  }
}

/**
 * Writes each customer's class into a select field with choices A, B and C, in one UPDATE.
 * Only rows whose class changes are touched (their version and updatedAt move on).
 */
export async function writeAbcClasses(ctx: RecordContext, query: CustomerValuesQuery, fieldName: string): Promise<{ updated: number }> {
  const values = customerValues(ctx, query)
  const target = checkWritableSelect(ctx, values.customers, fieldName, ['A', 'B', 'C'])
  const table = values.customers.tableName
  const current = sql.ref(`${table}.${target}`)
  const result = await sql`${ranked(values.sql)}
    update ${sql.table(table)} set ${sql.ref(target)} = r.class, updated_at = ${new Date().toISOString()}, version = version + 1
    from classed as r where ${sql.ref(`${table}.id`)} = r.customer and (${current} is null or ${current} <> r.class)`.execute(ctx.ws.db)
  return { updated: Number(result.numAffectedRows ?? 0n) }
}

/** A select field the caller may update, offering every value to be written; returns its column. */
export function checkWritableSelect(ctx: RecordContext, object: ObjectMeta, fieldName: string, required: string[]): string {
  // The write-back covers the whole customer base, past any one member's record scope.
  if (!ctx.access.isAdmin) throw new AppError('forbidden', 'Only administrators write analysis results back to records')
  requirePermission(ctx.access, object, 'update')
  const field = visibleObject(ctx.access, object).fieldsByName.get(fieldName)
  if (!field || (field.type !== 'select' && field.type !== 'text')) throw fieldError('/field', `must be a select or text field of ${object.apiName}`)
  if (field.type === 'select') {
    const offered = new Set((field.options.choices ?? []).map((c) => c.value))
    const missing = required.filter((value) => !offered.has(value))
    if (missing.length) throw fieldError('/field', `needs the choices ${missing.join(', ')}`)
  }
  return field.columnName!
}
