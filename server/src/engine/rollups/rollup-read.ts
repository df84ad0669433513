/**
 * @module engine/rollups/rollup-read
 * Answers an aggregate from the smallest ready rollup that covers it, with the same row shape,
 * order and limit as the live query (`g<i>` group values, `m<i>` measures), or null so the live
 * query runs. Counts are sums of the rollup's `n`; countDistinct counts the distinct values
 * among the combinations present (each present combination has at least one live record).
 */
import { sql, type RawBuilder } from 'kysely'
import type { AggregateRequest } from '../../../../contracts/analytics.js'
import type { ObjectMeta } from '../metadata-types.js'
import type { RecordContext } from '../records.js'
import { dimColumn, rollupTable } from './rollup-ddl.js'
import { covers, rollupNeedOf } from './rollup-shape.js'
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

/** The rows of `q` from a rollup, or null when none covers it. */
export async function rollupRows(ctx: RecordContext, q: RollupQuery): Promise<{ rows: Row[]; rollupId: string } | null> {
  const need = rollupNeedOf(q.view, q.object, q.query, q.timeZone)
  if (!need) return null
  const ready = (await listRollups(ctx.ws, q.object.apiName)).filter((r) => r.status === 'ready' && covers(r.spec, need.spec))
  const rollup = ready.sort((a, b) => (a.rowCount ?? 0) - (b.rowCount ?? 0))[0]
  if (!rollup) return null
  const dialect = ctx.ws.dialect
  const dim = (column: string) => sql.ref(dimColumn(column))
  const selected = [
    ...need.groups.map((g, i) => sql`${'dim' in g ? dim(g.dim) : dialect.dateBucket(sql.ref('d'), 'date', g.bucket, 'UTC')} as ${sql.ref(`g${i}`)}`),
    ...need.measures.map((m, i) => sql`${m.fn === 'count' ? sql`sum("n")` : m.fn === 'countOf' ? sql`sum(case when ${dim(m.dim)} is not null then "n" else 0 end)` : sql`count(distinct ${dim(m.dim)})`} as ${sql.ref(`m${i}`)}`),
    sql`sum("n") as "n"`,
  ]
  const conditions = [sql<boolean>`"n" > 0`]
  if (need.from !== null) conditions.push(sql<boolean>`"d" >= ${need.from}`)
  if (need.to !== null) conditions.push(sql<boolean>`"d" < ${need.to}`)
  const result = await sql<Row>`select ${sql.join(selected)} from ${sql.table(rollupTable(rollup.id))} where ${sql.join(conditions, sql` and `)}
    ${q.grouping(need.groups.length, q.limit)}`.execute(ctx.ws.db)
  return { rows: result.rows, rollupId: rollup.id }
}
