/**
 * Benchmark: customer analytics on 200,000 customers with 5,000,000 order lines — Pareto + ABC
 * (measure revenue and profit) and RFM, each beside the hand-written SQL for the same result,
 * timed in the same run on the same database (target: Rapport ≤ 2× raw).
 *
 *   npm run build && node dist/bench/analytics.js
 *   BENCH_CUSTOMERS=200000 BENCH_LINES=5000000 BENCH_DIALECTS=sqlite,postgres BENCH_REPS=5
 *   (or --customers= --lines= --dialects= --reps=)
 *
 * Not part of `npm run bench` (bench/run-all.ts): it needs its own dataset (analytics-data.ts),
 * not the people-only one the other benchmarks share.
 *
 * Rapport side: GET /api/v1/analytics/pareto?object=people&measure=revenue|profit and
 * GET /api/v1/analytics/rfm?object=people&asOf=2026-06-30 over HTTP against `bin/rapport serve`
 * (administrator API key, so no record scope applies). Raw side: the SQL a developer would write
 * for the same numbers, run on better-sqlite3 / pg in this process. Both answers are compared
 * (total, customer count, class counts and values, top-20% value, curve; RFM cell counts and
 * monetary sums per segment) before any timing counts. Each repetition runs Rapport then raw.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { formatMoney } from '../server/src/engine/fields/composite.js'
import { RFM_SEGMENTS, segmentOf } from '../server/src/engine/rfm.js'
import { prepareAnalyticsDataset, type AnalyticsDataset, type AnalyticsSizes } from './analytics-data.js'
import { startRapport, type RunningServer } from './servers.js'
import type { Dataset } from './dataset.js'
import { figure, fmtInt, fmtMs, log, nowMs, requestJson, runPerDialect, summarize, targetText, type Dialect } from './support.js'

const AS_OF = '2026-06-30'
const CURRENCY = 'USD'
const EXCLUDED = `('draft', 'cancelled', 'refunded')`
const TIMEOUT_MS = 30 * 60_000

interface Config extends AnalyticsSizes { dialects: Dialect[]; reps: number }

function readConfig(argv = process.argv.slice(2), env = process.env): Config {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const customers = Number(flag('customers') ?? env.BENCH_CUSTOMERS ?? 200_000)
  const lines = Number(flag('lines') ?? env.BENCH_LINES ?? 5_000_000)
  const reps = Number(flag('reps') ?? env.BENCH_REPS ?? 5)
  const dialects = (flag('dialects') ?? env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()).filter(Boolean)
  if (!Number.isInteger(customers) || customers < 100) throw new Error('BENCH_CUSTOMERS must be an integer ≥ 100')
  if (!Number.isInteger(lines) || lines < 100) throw new Error('BENCH_LINES must be an integer ≥ 100')
  if (!Number.isInteger(reps) || reps < 1 || reps > 50) throw new Error('BENCH_REPS must be 1..50')
  for (const d of dialects) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect ${d}`)
  return { customers, lines, reps, dialects: dialects as Dialect[] }
}

// ------------------------------------------------------------------ the comparable answer

/** What both sides are reduced to before comparing: money in micro-units as strings. */
interface ParetoAnswer { total: string; customers: number; top20: string; classes: Record<string, { count: number; value: string }>; curve: string[] }
interface RfmAnswer { customers: number; withoutOrders: number; segments: Record<string, { count: number; monetary: string }> }

const micros = (decimal: string): string => {
  const [whole, fraction = ''] = decimal.replace('-', '').split('.')
  const value = BigInt(whole) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6))
  return (decimal.startsWith('-') ? -value : value).toString()
}
const big = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value).split('.')[0]))

interface ParetoHttp {
  total: string; customerCount: number; top20PercentShare: number
  classes: Record<string, { count: number; value: string }>; curve: { customerShare: number; valueShare: number }[]
}

function paretoFromHttp(data: ParetoHttp): ParetoAnswer {
  return {
    total: micros(data.total), customers: data.customerCount, top20: data.top20PercentShare.toFixed(6),
    classes: Object.fromEntries(Object.entries(data.classes).map(([k, c]) => [k, { count: c.count, value: micros(c.value) }])),
    curve: data.curve.map((p) => `${p.customerShare.toFixed(6)}:${p.valueShare.toFixed(6)}`),
  }
}

interface RfmHttp { customers: number; withoutOrders: number; segments: { name: string; count: number; monetary: string }[] }

function rfmFromHttp(data: RfmHttp): RfmAnswer {
  return { customers: data.customers, withoutOrders: data.withoutOrders, segments: Object.fromEntries(data.segments.map((s) => [s.name, { count: s.count, monetary: micros(s.monetary) }])) }
}

// ------------------------------------------------------------------ the hand-written SQL

/** Per-customer order-line value (revenue or profit) in USD; `upTo` bounds the order date. */
function lineValuesSql(dialect: Dialect, measure: 'revenue' | 'profit', upTo?: string): string {
  const int = dialect === 'sqlite' ? 'integer' : 'bigint'
  const qty = 'coalesce(l.quantity, 1)'
  const revenue = `coalesce(l.line_total_amount, cast(round(${qty} * l.unit_price_amount) as ${int}))`
  const value = measure === 'revenue' ? revenue
    : `${revenue} - case when p.cost_currency = '${CURRENCY}' then cast(round(${qty} * p.cost_amount) as ${int}) else 0 end`
  return `select o.customer_id as customer, sum(${value}) as value
    from order_lines l join orders o on o.id = l.order_id
    ${measure === 'profit' ? 'left join products p on p.id = l.product_id and p.deleted_at is null' : ''}
    where l.deleted_at is null and o.deleted_at is null and o.customer_id is not null
      and (o.status is null or o.status not in ${EXCLUDED})
      and coalesce(l.line_total_currency, l.unit_price_currency) = '${CURRENCY}'
      ${upTo ? `and o.order_date <= '${upTo}'` : ''}
    group by o.customer_id`
}

/** One statement: class rows (count, value, total, n, top-20% value) and the curve points. */
function paretoSql(dialect: Dialect, measure: 'revenue' | 'profit'): string {
  return `with v as (${lineValuesSql(dialect, measure)}),
    cv as (select c.id as customer, coalesce(v.value, 0) as value, case when v.value > 0 then v.value else 0 end as positive
      from people c left join v on v.customer = c.id where c.deleted_at is null),
    w as (select value, positive,
      sum(positive) over (order by value desc, customer rows between unbounded preceding and current row) as cum,
      row_number() over (order by value desc, customer) as rn, sum(positive) over () as total, count(*) over () as n from cv),
    k as materialized (select value, positive, cum, rn, total, n,
      case when positive > 0 and 5 * (cum - positive) < 4 * total then 'A'
           when positive > 0 and 20 * (cum - positive) < 19 * total then 'B' else 'C' end as class from w)
    select 'class' as kind, class, count(*) as a, sum(value) as b, max(total) as total, max(n) as n,
      sum(case when rn <= (2 * n + 9) / 10 then positive else 0 end) as top20 from k group by class
    union all
    select 'curve', null, rn, cum, null, null, null from k where (rn * 100) / n > ((rn - 1) * 100) / n or rn = n`
}

type Row = Record<string, unknown>

function paretoFromRows(rows: Row[]): ParetoAnswer {
  const classRows = rows.filter((r) => r.kind === 'class')
  const total = big(classRows[0]?.total)
  const n = Number(classRows[0]?.n ?? 0)
  const share = (part: bigint) => (total === 0n ? 0 : Number((part * 1_000_000n) / total) / 1_000_000)
  const top20 = classRows.reduce((sum, r) => sum + big(r.top20), 0n)
  const classes = Object.fromEntries(['A', 'B', 'C'].map((c) => {
    const row = classRows.find((r) => r.class === c)
    return [c, { count: Number(row?.a ?? 0), value: micros(formatMoney(big(row?.b))) }]
  }))
  const curve = rows.filter((r) => r.kind === 'curve').map((r) => ({ rn: Number(r.a), cum: big(r.b) })).sort((a, b) => a.rn - b.rn)
  return {
    total: total.toString(), customers: n, top20: share(top20).toFixed(6), classes,
    curve: curve.map((p) => `${(p.rn / n).toFixed(6)}:${share(p.cum).toFixed(6)}`),
  }
}

function rfmSql(dialect: Dialect): string {
  const days = dialect === 'sqlite'
    ? `cast(julianday('${AS_OF}') - julianday(max(o.order_date)) as integer)`
    : `(date '${AS_OF}' - max(o.order_date))`
  return `with v as (${lineValuesSql(dialect, 'revenue', AS_OF)}),
    act as (select o.customer_id as customer, ${days} as recency_days, count(*) as frequency from orders o
      where o.deleted_at is null and o.customer_id is not null and o.order_date is not null and o.order_date <= '${AS_OF}'
        and (o.status is null or o.status not in ${EXCLUDED})
      group by o.customer_id),
    base as (select a.customer, a.recency_days, a.frequency, coalesce(v.value, 0) as monetary
      from act a join people c on c.id = a.customer and c.deleted_at is null left join v on v.customer = a.customer),
    ranks as (select monetary, count(*) over () as n, rank() over (order by recency_days desc) as r_rank,
      rank() over (order by frequency asc) as f_rank from base)
    select 1 + (5 * (r_rank - 1)) / n as r, 1 + (5 * (f_rank - 1)) / n as f, count(*) as count, sum(monetary) as monetary
    from ranks group by 1, 2`
}

const CUSTOMER_COUNT_SQL = 'select count(*) as count from people where deleted_at is null'

function rfmFromRows(cells: Row[], customerCount: number): RfmAnswer {
  const segments: RfmAnswer['segments'] = Object.fromEntries(RFM_SEGMENTS.map((name) => [name, { count: 0, monetary: '0' }]))
  let scored = 0
  for (const cell of cells) {
    const segment = segments[segmentOf(Number(cell.r), Number(cell.f))]
    segment.count += Number(cell.count)
    segment.monetary = (BigInt(segment.monetary) + big(cell.monetary)).toString()
    scored += Number(cell.count)
  }
  return { customers: scored, withoutOrders: customerCount - scored, segments }
}

// ------------------------------------------------------------------ running both sides

interface Raw { query(text: string): Promise<Row[]>; close(): Promise<void> }

async function openRaw(dataset: AnalyticsDataset): Promise<Raw> {
  if (dataset.sqliteFile) {
    const db = new Database(dataset.sqliteFile, { readonly: true })
    db.pragma('cache_size = -65536')
    db.defaultSafeIntegers(true)
    return { query: async (text) => db.prepare(text).all() as Row[], close: async () => void db.close() }
  }
  const client = new pg.Client({ connectionString: dataset.pgUrl!, options: `-c search_path=${dataset.pgSchema}` })
  await client.connect()
  return { query: async (text) => (await client.query(text)).rows as Row[], close: () => client.end() }
}

interface Case<A> { name: string; path: string; fromHttp(data: never): A; raw(raw: Raw, dialect: Dialect): Promise<A> }

const CASES: Case<ParetoAnswer | RfmAnswer>[] = [
  {
    name: 'pareto revenue', path: '/api/v1/analytics/pareto?object=people&measure=revenue', fromHttp: paretoFromHttp,
    raw: async (raw, dialect) => paretoFromRows(await raw.query(paretoSql(dialect, 'revenue'))),
  },
  {
    name: 'pareto profit', path: '/api/v1/analytics/pareto?object=people&measure=profit', fromHttp: paretoFromHttp,
    raw: async (raw, dialect) => paretoFromRows(await raw.query(paretoSql(dialect, 'profit'))),
  },
  {
    name: 'rfm', path: `/api/v1/analytics/rfm?object=people&asOf=${AS_OF}`, fromHttp: rfmFromHttp,
    raw: async (raw, dialect) => {
      const cells = await raw.query(rfmSql(dialect))
      const [count] = await raw.query(CUSTOMER_COUNT_SQL)
      return rfmFromRows(cells, Number(count.count))
    },
  },
]

export interface AnalyticsCaseResult {
  name: string; dialect: Dialect
  rapport: { p50: number; min: number }; raw: { p50: number; min: number }
  ratio: number; targetMet: boolean; sameAnswer: boolean
}

async function timeCase(c: Case<ParetoAnswer | RfmAnswer>, dataset: AnalyticsDataset, rapport: RunningServer, raw: Raw, reps: number): Promise<AnalyticsCaseResult> {
  const headers = { authorization: `Bearer ${dataset.apiKey}` }
  const viaHttp = async () => {
    const { json, ms } = await requestJson<{ data: never }>(`${rapport.url}${c.path}`, { headers, timeoutMs: TIMEOUT_MS })
    return { answer: c.fromHttp(json.data), ms }
  }
  const direct = async () => {
    const started = nowMs()
    const answer = await c.raw(raw, dataset.dialect)
    return { answer, ms: nowMs() - started }
  }
  log(`${c.name} (${dataset.dialect}): warm-up and comparison …`)
  const ours = await viaHttp()
  const theirs = await direct()
  const sameAnswer = JSON.stringify(ours.answer) === JSON.stringify(theirs.answer)
  if (!sameAnswer) {
    log(`${c.name}: ANSWERS DIFFER\n  rapport: ${JSON.stringify(ours.answer).slice(0, 1500)}\n  raw:     ${JSON.stringify(theirs.answer).slice(0, 1500)}`)
  }
  const samples = { rapport: [] as number[], raw: [] as number[] }
  for (let i = 0; i < reps; i++) {
    samples.rapport.push((await viaHttp()).ms)
    samples.raw.push((await direct()).ms)
    log(`  rep ${i + 1}/${reps}: rapport ${fmtMs(samples.rapport.at(-1)!)}, raw ${fmtMs(samples.raw.at(-1)!)}`)
  }
  const stats = (list: number[]) => ({ p50: summarize(list).p50, min: Math.min(...list) })
  const result = { rapport: stats(samples.rapport), raw: stats(samples.raw) }
  const ratio = result.rapport.p50 / result.raw.p50
  const targetMet = sameAnswer && ratio <= 2
  figure(`${c.name} (${dataset.dialect}, ${fmtInt(dataset.seed.customers)} customers, ${fmtInt(dataset.seed.lines)} lines): `
    + `rapport p50 ${fmtMs(result.rapport.p50)} min ${fmtMs(result.rapport.min)} | raw SQL p50 ${fmtMs(result.raw.p50)} min ${fmtMs(result.raw.min)} | `
    + `${ratio.toFixed(2)}× raw | ${sameAnswer ? 'same answer' : 'ANSWERS DIFFER'} | ${targetText(targetMet, '≤ 2× raw')}`)
  return { name: c.name, dialect: dataset.dialect, ...result, ratio, targetMet, sameAnswer }
}

async function benchDialect(dialect: Dialect, config: Config): Promise<AnalyticsCaseResult[]> {
  let dataset: AnalyticsDataset | null = null
  let rapport: RunningServer | null = null
  let raw: Raw | null = null
  try {
    dataset = await prepareAnalyticsDataset(dialect, config)
    const s = dataset.seed
    figure(`seed (${dialect}): ${fmtInt(s.customers)} customers, ${fmtInt(s.orders)} orders, ${fmtInt(s.lines)} lines in ${s.seconds.toFixed(1)} s${s.cached ? ' (cached dataset, seeded by an earlier run)' : ''}`)
    // startRapport reads only the dialect and the environment of a Dataset.
    rapport = await startRapport({ ...dataset, seed: { seconds: s.seconds, cached: s.cached, log: '' } } satisfies Dataset)
    raw = await openRaw(dataset)
    const results: AnalyticsCaseResult[] = []
    for (const c of CASES) results.push(await timeCase(c, dataset, rapport, raw, config.reps))
    return results
  } finally {
    if (raw) await raw.close()
    if (rapport) await rapport.stop()
    if (dataset) await dataset.cleanup()
  }
}

async function main(): Promise<void> {
  const config = readConfig()
  log(`analytics: ${fmtInt(config.customers)} customers, ${fmtInt(config.lines)} lines, dialects ${config.dialects.join(',')}, ${config.reps} repetitions`)
  await runPerDialect(config.dialects, async (dialect) => (await benchDialect(dialect, config)).every((r) => r.sameAnswer))
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})
