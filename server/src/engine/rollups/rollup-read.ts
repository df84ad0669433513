/**
 * @module engine/rollups/rollup-read
 * Answers an aggregate from the smallest ready rollup that covers it, with the same row shape,
 * order and limit as the live query (`g<i>` group values, `m<i>` measures), or null so the live
 * query runs. Counts are sums of the rollup's `n`; countDistinct counts the distinct values
 * among the combinations present (each present combination has at least one live record).
 * Currency sums are read per currency code (rollupMoneyRows) in the row shape of the live
 * per-currency query, so aggregate.ts folds both the same way.
 */
import { sql, type RawBuilder } from 'kysely'
import type { AggregateRequest } from '../../../../contracts/analytics.js'
import type { ObjectMeta } from '../metadata-types.js'
import type { RecordContext } from '../records.js'
import { dimColumn, rollupTable, sumColumns } from './rollup-ddl.js'
import { covers, currencyColumn, rollupNeedOf, type RollupNeed } from './rollup-shape.js'
import { listRollups } from './rollup-store.js'

type Row = Record<string, unknown>

export interface RollupQuery {
  view: ObjectMeta
  object: ObjectMeta
  query: AggregateRequest
  timeZone: string
  /** `group by … order by … limit …` as the live query writes it. */
  grouping: (count: number, limit: number) => RawBuilder<unknown>
  limit: number
}

/** Which rollup answered a request, for its per-currency reads. */
export interface RollupAnswer { rows: Row[]; rollupId: string; need: RollupNeed; q: RollupQuery }

/** The group expressions of `need` over a rollup table, aliased `g<i>` as the live query does. */
function groupsOf(ctx: RecordContext, need: RollupNeed) {
  return need.groups.map((g, i) => sql`${'dim' in g ? sql.ref(dimColumn(g.dim)) : ctx.ws.dialect.dateBucket(sql.ref('d'), 'date', g.bucket, 'UTC')} as ${sql.ref(`g${i}`)}`)
}

function conditionsOf(need: RollupNeed) {
  const conditions = [sql<boolean>`"n" > 0`]
  if (need.from !== null) conditions.push(sql<boolean>`"d" >= ${need.from}`)
  if (need.to !== null) conditions.push(sql<boolean>`"d" < ${need.to}`)
  return conditions
}

/** The rows of `q` from a rollup, or null when none covers it. */
export async function rollupRows(ctx: RecordContext, q: RollupQuery): Promise<RollupAnswer | null> {
  const need = rollupNeedOf(q.view, q.object, q.query, q.timeZone)
  if (!need) return null
  const ready = (await listRollups(ctx.ws, q.object.apiName)).filter((r) => r.status === 'ready' && covers(r.spec, need.spec))
  const rollup = ready.sort((a, b) => (a.rowCount ?? 0) - (b.rowCount ?? 0))[0]
  if (!rollup) return null
  const dim = (column: string) => sql.ref(dimColumn(column))
  const measure = (m: RollupNeed['measures'][number]) => {
    if (m.fn === 'count') return sql`sum("n")`
    if (m.fn === 'countAmounts') return sql`sum(${sql.ref(sumColumns(m.sum).count)})`
    if (m.fn === 'countOf') return sql`sum(case when ${dim(m.dim)} is not null then "n" else 0 end)`
    return sql`count(distinct ${dim(m.dim)})`
  }
  const selected = [...groupsOf(ctx, need), ...need.measures.map((m, i) => sql`${measure(m)} as ${sql.ref(`m${i}`)}`), sql`sum("n") as "n"`]
  const result = await sql<Row>`select ${sql.join(selected)} from ${sql.table(rollupTable(rollup.id))} where ${sql.join(conditionsOf(need), sql` and `)}
    ${q.grouping(need.groups.length, q.limit)}`.execute(ctx.ws.db)
  return { rows: result.rows, rollupId: rollup.id, need, q }
}

/**
 * For currency field `sum` (its base column), the number of currency codes among the answer's
 * amounts and the per-(group, code) rows `g<i>…, c, whole, part, n` — what the live per-currency
 * query returns, minus min/max (a rollup never answers those) — ordered and limited alike.
 */
export async function rollupMoneyRows(ctx: RecordContext, answer: RollupAnswer, sum: string, limit: number): Promise<{ currencies: number; rows: Row[] }> {
  const { need, q } = answer
  const table = sql.table(rollupTable(answer.rollupId))
  const { whole, part, count } = sumColumns(sum)
  const code = sql.ref(dimColumn(currencyColumn(sum)))
  const where = sql.join([...conditionsOf(need), sql<boolean>`${sql.ref(count)} > 0`], sql` and `)
  const counted = await sql<{ k: unknown }>`select count(distinct ${code}) as k from ${table} where ${where}`.execute(ctx.ws.db)
  const currencies = Number(counted.rows[0]?.k ?? 0)
  if (currencies === 0) return { currencies, rows: [] }
  const result = await sql<Row>`select ${sql.join([...groupsOf(ctx, need), sql`${code} as "c"`])},
      sum(${sql.ref(whole)}) as "whole", sum(${sql.ref(part)}) as "part", sum(${sql.ref(count)}) as "n"
    from ${table} where ${where}
    ${q.grouping(need.groups.length + 1, limit * currencies)}`.execute(ctx.ws.db)
  return { currencies, rows: result.rows }
}
