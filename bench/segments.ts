/**
 * Benchmark: k-means segments and the revenue forecast on the analytics dataset (analytics-data.ts:
 * customers, orders, order lines), each beside the raw path for the same answer in the same run.
 *
 *   npm run build && node dist/bench/segments.js
 *   BENCH_CUSTOMERS=200000 BENCH_LINES=5000000 BENCH_DIALECTS=sqlite,postgres BENCH_REPS=3
 *
 * Rapport side: POST /api/v1/analytics/clusters (recencyDays, frequency, monetary; k chosen by
 * silhouette over 2…8, seed 1) and GET /api/v1/analytics/revenue-forecast over HTTP. Raw side: the
 * hand-written SQL for the same features / monthly sums on better-sqlite3 or pg in this process,
 * then the same arithmetic (modules/segments/kmeans.ts, modules/forecasting/holt-winters.ts) — so
 * the ratio is the price of Rapport's layers (HTTP, access checks, generated SQL), not of the
 * algorithm. Answers (cluster sizes and k; monthly totals and the forecast) are compared first.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import { prepareAnalyticsDataset, type AnalyticsDataset } from './analytics-data.js'
import { startRapport, type RunningServer } from './servers.js'
import type { Dataset } from './dataset.js'
import { figure, fmtInt, fmtMs, log, nowMs, requestJson, runPerDialect, summarize, type Dialect } from './support.js'
import { kmeans, sampleRows, silhouette, standardise } from '../server/src/modules/segments/kmeans.js'
import { backtest, fit } from '../server/src/modules/forecasting/holt-winters.js'
import type { ClusterResult, RevenueForecast } from '../contracts/segments-forecasts.js'

const AS_OF = '2026-06-30'
const CURRENCY = 'USD'
const EXCLUDED = `('draft', 'cancelled', 'refunded')`
const TIMEOUT_MS = 30 * 60_000

type Row = Record<string, unknown>
interface Raw { query(text: string): Promise<Row[]>; close(): Promise<void> }

async function openRaw(dataset: AnalyticsDataset): Promise<Raw> {
  if (dataset.sqliteFile) {
    const db = new Database(dataset.sqliteFile, { readonly: true })
    db.pragma('cache_size = -65536')
    return { query: async (text) => db.prepare(text).all() as Row[], close: async () => void db.close() }
  }
  const client = new pg.Client({ connectionString: dataset.pgUrl!, options: `-c search_path=${dataset.pgSchema}` })
  await client.connect()
  return { query: async (text) => (await client.query(text)).rows as Row[], close: () => client.end() }
}

function lineRevenue(dialect: Dialect): string {
  const int = dialect === 'sqlite' ? 'integer' : 'bigint'
  return `coalesce(l.line_total_amount, cast(round(coalesce(l.quantity, 1) * l.unit_price_amount) as ${int}))`
}

const counted = `l.deleted_at is null and o.deleted_at is null and o.customer_id is not null
  and (o.status is null or o.status not in ${EXCLUDED}) and coalesce(l.line_total_currency, l.unit_price_currency) = '${CURRENCY}'`

function featuresSql(dialect: Dialect): string {
  const days = (of: string) => (dialect === 'sqlite' ? `cast(julianday('${AS_OF}') - julianday(${of}) as integer)` : `(date '${AS_OF}' - ${of})`)
  return `select c.id, a.recency, a.frequency, coalesce(m.monetary, 0) / 1000000.0 as monetary
    from people c
    join (select customer_id, ${days('max(order_date)')} as recency, count(*) as frequency from orders
      where deleted_at is null and customer_id is not null and order_date is not null and order_date <= '${AS_OF}'
        and (status is null or status not in ${EXCLUDED}) group by customer_id) a on a.customer_id = c.id
    left join (select o.customer_id, sum(${lineRevenue(dialect)}) as monetary from order_lines l join orders o on o.id = l.order_id
      where ${counted} and o.order_date <= '${AS_OF}' group by o.customer_id) m on m.customer_id = c.id
    where c.deleted_at is null order by c.id`
}

function monthlySql(dialect: Dialect): string {
  const month = dialect === 'sqlite' ? 'substr(o.order_date, 1, 7)' : `to_char(o.order_date, 'YYYY-MM')`
  return `select ${month} as month, sum(${lineRevenue(dialect)}) as revenue from order_lines l join orders o on o.id = l.order_id
    where ${counted} and o.order_date <= '${AS_OF}' group by 1 order by 1`
}

interface ClusterAnswer { k: number; sizes: number[] }

async function rawClusters(raw: Raw, dialect: Dialect): Promise<ClusterAnswer> {
  const rows = await raw.query(featuresSql(dialect))
  const data = new Float64Array(rows.length * 3)
  rows.forEach((r, i) => data.set([Number(r.recency), Number(r.frequency), Number(r.monetary)], i * 3))
  const z = standardise({ n: rows.length, d: 3, data })
  const sample = sampleRows(rows.length, 1000)
  let best = { k: 0, score: -Infinity, sizes: [] as number[] }
  for (let k = 2; k <= 8; k++) {
    const run = kmeans(z.matrix, k, 1)
    const score = silhouette(z.matrix, run.assignment, k, sample)
    if (score > best.score) {
      const sizes = new Array<number>(k).fill(0)
      for (const c of run.assignment) sizes[c]++
      best = { k, score, sizes: sizes.filter((s) => s > 0).sort((a, b) => b - a) }
    }
  }
  return { k: best.k, sizes: best.sizes }
}

interface ForecastAnswer { months: number; total: string; next: string }

/** Fills empty months with 0 like the API, fits, and reduces to comparable figures. */
function forecastAnswer(months: { month: string; micros: bigint }[]): ForecastAnswer {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
  const byIndex = new Map(months.map((m) => [index(m.month), m.micros]))
  const first = index(months[0].month)
  const y: number[] = []
  for (let i = first; i <= index(AS_OF.slice(0, 7)); i++) y.push(Number(byIndex.get(i) ?? 0n) / 1_000_000)
  const model = fit(y)
  backtest(y)
  return { months: y.length, total: months.reduce((s, m) => s + m.micros, 0n).toString(), next: model.forecast(1).toFixed(2) }
}

/** One retry when a kept-alive socket was closed by the server between requests (EPIPE / ECONNRESET). */
async function retried<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send()
  } catch (error) {
    if (!/EPIPE|ECONNRESET|socket hang up/.test(String(error))) throw error
    return send()
  }
}

interface Case<A> { name: string; request(server: RunningServer, apiKey: string): Promise<{ answer: A; ms: number }>; raw(raw: Raw, dialect: Dialect): Promise<A> }

const toMicros = (decimal: string) => {
  const [whole, fraction = ''] = decimal.split('.')
  return BigInt(whole) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6))
}

const CASES: Case<ClusterAnswer | ForecastAnswer>[] = [
  {
    name: 'clusters (3 features, k by silhouette 2…8)',
    async request(server, apiKey) {
      const { json, ms } = await retried(() => requestJson<{ data: ClusterResult }>(`${server.url}/api/v1/analytics/clusters`, {
        method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ object: 'people', features: ['recencyDays', 'frequency', 'monetary'], asOf: AS_OF, seed: 1, points: 0 }), timeoutMs: TIMEOUT_MS,
      }))
      return { answer: { k: json.data.k, sizes: json.data.clusters.map((c) => c.size) }, ms }
    },
    raw: rawClusters,
  },
  {
    name: 'revenue forecast (Holt-Winters + backtest)',
    async request(server, apiKey) {
      const { json, ms } = await retried(() => requestJson<{ data: RevenueForecast }>(`${server.url}/api/v1/analytics/revenue-forecast?to=${AS_OF}&horizon=12`, {
        headers: { authorization: `Bearer ${apiKey}` }, timeoutMs: TIMEOUT_MS,
      }))
      const history = json.data.history
      return {
        answer: { months: history.length, total: history.reduce((s, h) => s + toMicros(h.revenue), 0n).toString(), next: json.data.forecast[0].value.toFixed(2) },
        ms,
      }
    },
    raw: async (raw, dialect) => {
      const rows = await raw.query(monthlySql(dialect))
      return forecastAnswer(rows.map((r) => ({ month: String(r.month), micros: BigInt(String(r.revenue).split('.')[0]) })))
    },
  },
]

async function benchDialect(dialect: Dialect, sizes: { customers: number; lines: number }, reps: number): Promise<boolean> {
  let dataset: AnalyticsDataset | null = null
  let rapport: RunningServer | null = null
  let raw: Raw | null = null
  let same = true
  try {
    dataset = await prepareAnalyticsDataset(dialect, sizes)
    const s = dataset.seed
    figure(`seed (${dialect}): ${fmtInt(s.customers)} customers, ${fmtInt(s.orders)} orders, ${fmtInt(s.lines)} lines${s.cached ? ' (cached)' : ''}`)
    rapport = await startRapport({ ...dataset, seed: { seconds: s.seconds, cached: s.cached, log: '' } } satisfies Dataset)
    raw = await openRaw(dataset)
    for (const c of CASES) {
      const ours = await c.request(rapport, dataset.apiKey)
      const started = nowMs()
      const theirs = await c.raw(raw, dialect)
      const sameAnswer = JSON.stringify(ours.answer) === JSON.stringify(theirs)
      if (!sameAnswer) log(`${c.name}: ANSWERS DIFFER\n  rapport: ${JSON.stringify(ours.answer)}\n  raw: ${JSON.stringify(theirs)} (${fmtMs(nowMs() - started)})`)
      same &&= sameAnswer
      const times = { rapport: [] as number[], raw: [] as number[] }
      for (let i = 0; i < reps; i++) {
        times.rapport.push((await c.request(rapport, dataset.apiKey)).ms)
        const t0 = nowMs()
        await c.raw(raw, dialect)
        times.raw.push(nowMs() - t0)
      }
      const ours50 = summarize(times.rapport).p50
      const raw50 = summarize(times.raw).p50
      figure(`${c.name} (${dialect}, ${fmtInt(s.customers)} customers, ${fmtInt(s.lines)} lines): rapport p50 ${fmtMs(ours50)} | raw SQL + same arithmetic p50 ${fmtMs(raw50)} | ${(ours50 / raw50).toFixed(2)}× raw | ${sameAnswer ? 'same answer' : 'ANSWERS DIFFER'}`)
    }
    return same
  } finally {
    if (raw) await raw.close()
    if (rapport) await rapport.stop()
    if (dataset) await dataset.cleanup()
  }
}

async function main(): Promise<void> {
  const env = process.env
  const sizes = { customers: Number(env.BENCH_CUSTOMERS ?? 200_000), lines: Number(env.BENCH_LINES ?? 5_000_000) }
  const reps = Number(env.BENCH_REPS ?? 3)
  const dialects = (env.BENCH_DIALECTS ?? 'sqlite').split(',').filter(Boolean) as Dialect[]
  await runPerDialect(dialects, (dialect) => benchDialect(dialect, sizes, reps))
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})
