/**
 * Benchmark: a 6-widget dashboard over the seeded people (1,000,000 by default) — a KPI with
 * this month against last, a bar, a top-10 pie, a monthly line, a two-measure table and a pivot —
 * computed by `GET /api/v1/dashboards/{id}/data` over HTTP (administrator key), beside the same
 * six answers from hand-written SQL run on better-sqlite3 / pg in this process. Target: the
 * whole dashboard in < 1 s (p50 over the repetitions). The answers are compared before timing.
 *
 * Saving the dashboard declares its rollups (docs/decisions/020-dashboard-rollups.md); the
 * bench times their background build (until GET …/rollups shows every one ready), restarts the
 * server, and times the first request after start (cold) and then the repetitions (warm).
 * With --writes (BENCH_DASHBOARD_WRITES=1) it also runs bench/batch-create.ts before the
 * rollups exist and again after, so the triggers' write overhead shows.
 *
 * A second dashboard, `sales`, reads the seeded opportunities (200,000 in the 1M dataset, four
 * currencies): sum of amount by stage, by close month, count by owner, and a KPI sum of this
 * month's closings against last month's — the currency sums come from rollups that sum integer
 * micro-units per currency code. Its raw side sums per currency by hand.
 *
 *   npm run build && node dist/bench/dashboard.js
 *   BENCH_PEOPLE=1000000 BENCH_DIALECTS=sqlite,postgres BENCH_REPS=7 BENCH_DASHBOARDS=people,sales
 *   (or --people= --dialects= --reps= --dashboards= --writes)
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import type { WidgetRollup } from '../contracts/rollups.js'
import { runBatchCreate, type BatchCreateResult } from './batch-create.js'
import { prepareDataset, type Dataset } from './dataset.js'
import { startRapport, type RunningServer } from './servers.js'
import { figure, figureLines, fmtInt, fmtMs, log, nowMs, readBenchConfig, requestJson, summarize, targetText, type Dialect } from './support.js'

const TARGET_MS = 1000
const AS_OF = '2026-11-15'
const layout = (y: number, x = 0, w = 6) => ({ x, y, w, h: 4 })

const WIDGETS = [
  { id: 'people-kpi', type: 'kpi', title: 'New people', object: 'people', measures: [{ fn: 'count' }], options: { compare: { field: 'createdAt', period: 'month' } }, layout: { x: 0, y: 0, w: 12, h: 2 } },
  { id: 'by-country', type: 'bar', title: 'People by country', object: 'people', measures: [{ fn: 'count' }], groupBy: [{ field: 'address.country' }], layout: layout(2) },
  { id: 'top-titles', type: 'pie', title: 'Top job titles', object: 'people', measures: [{ fn: 'count' }], groupBy: [{ field: 'jobTitle' }], options: { sort: 'valueDesc', limit: 10 }, layout: layout(2, 6) },
  { id: 'by-month', type: 'line', title: 'People by month', object: 'people', measures: [{ fn: 'count' }], groupBy: [{ field: 'createdAt', bucket: 'month' }], layout: layout(6) },
  { id: 'country-table', type: 'table', title: 'Countries', object: 'people', measures: [{ fn: 'count' }, { fn: 'countDistinct', field: 'jobTitle' }], groupBy: [{ field: 'address.country' }], layout: layout(6, 6) },
  { id: 'country-year', type: 'pivot', title: 'Country × year', object: 'people', measures: [{ fn: 'count' }], groupBy: [{ field: 'address.country' }, { field: 'createdAt', bucket: 'year' }], layout: layout(10, 0, 12) },
]

const SALES_WIDGETS = [
  { id: 'amount-by-stage', type: 'bar', title: 'Amount by stage', object: 'opportunities', measures: [{ fn: 'sum', field: 'amount' }], groupBy: [{ field: 'stage' }], layout: layout(2) },
  { id: 'amount-by-month', type: 'line', title: 'Amount by close month', object: 'opportunities', measures: [{ fn: 'sum', field: 'amount' }], groupBy: [{ field: 'closeDate', bucket: 'month' }], layout: layout(2, 6) },
  { id: 'count-by-owner', type: 'bar', title: 'Opportunities by owner', object: 'opportunities', measures: [{ fn: 'count' }], groupBy: [{ field: 'ownerId' }], layout: layout(6) },
  { id: 'amount-kpi', type: 'kpi', title: 'Closing this month (USD)', object: 'opportunities', measures: [{ fn: 'sum', field: 'amount' }], options: { compare: { field: 'closeDate', period: 'month' }, currency: 'USD' }, layout: { x: 0, y: 0, w: 12, h: 2 } },
]

type Row = Record<string, unknown>
interface RawSide { run(sql: string, params: unknown[]): Promise<Row[]>; close(): Promise<void> }

type RawQuery = { id: string; sql: string; params: unknown[] }

/** The sales answers by hand: per-currency sums split into whole units and micro-unit remainders (as exact as the API; a plain 64-bit sum of IRR micro-units could overflow). */
function salesRawQueries(dialect: Dialect): RawQuery[] {
  const month = dialect === 'sqlite' ? `strftime('%Y-%m-01', close_date)` : `to_char(date_trunc('month', close_date), 'YYYY-MM-DD')`
  const p = (n: number) => (dialect === 'sqlite' ? '?' : `$${n}`)
  const live = 'deleted_at is null and amount_amount is not null'
  const sums = 'sum(amount_amount / 1000000) as w, sum(amount_amount % 1000000) as p'
  const kpi = `select ${sums} from opportunities where ${live} and amount_currency = 'USD' and close_date >= ${p(1)} and close_date < ${p(2)}`
  return [
    { id: 'amount-by-stage', sql: `select stage_id as k, amount_currency as c, ${sums} from opportunities where ${live} group by 1, 2 order by 1, 2`, params: [] },
    { id: 'amount-by-month', sql: `select ${month} as k, amount_currency as c, ${sums} from opportunities where ${live} group by 1, 2 order by 1, 2`, params: [] },
    { id: 'count-by-owner', sql: `select owner_id as k, count(*) as n from opportunities where deleted_at is null group by 1 order by 1`, params: [] },
    { id: 'amount-kpi', sql: kpi, params: ['2026-11-01', '2026-12-01'] },
    { id: 'amount-kpi', sql: kpi, params: ['2026-10-01', '2026-11-01'] },
  ]
}

/** Micro-units as the API formats amounts ("12.50", "0.125"). */
function formatMicros(micros: bigint): string {
  const abs = micros < 0n ? -micros : micros
  const fraction = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0{1,4}$/, '')
  return `${micros < 0n ? '-' : ''}${abs / 1_000_000n}.${fraction.padEnd(2, '0')}`
}
const microsOf = (row: Row) => BigInt(String(row.w ?? 0)) * 1_000_000n + BigInt(String(row.p ?? 0))

interface SalesWidget { widgetId: string; data?: { columns: { kind: string; currency?: string }[]; rows: { values: unknown[] }[]; kpi?: { current: unknown; previous: unknown } }; error?: unknown }

/** Sales: every (group, currency) amount and every count equal to the cent, else the run fails. */
function compareSales(http: WidgetAnswer[], raw: Answers): void {
  const byId = new Map((http as SalesWidget[]).map((w) => [w.widgetId, w]))
  for (const w of http) if (w.error) throw new Error(`${w.widgetId}: ${JSON.stringify(w.error)}`)
  const cells = (id: string) => {
    const data = byId.get(id)!.data!
    return data.rows.flatMap((r) => data.columns.flatMap((c, i) => (c.kind === 'measure' && r.values[i] !== null ? [`${String(r.values[0] ?? '')}|${c.currency ?? ''}|${String(r.values[i])}`] : []))).sort()
  }
  for (const id of ['amount-by-stage', 'amount-by-month']) {
    const want = raw.get(id)![0].map((r) => `${String(r.k ?? '')}|${String(r.c)}|${formatMicros(microsOf(r))}`).sort()
    if (JSON.stringify(cells(id)) !== JSON.stringify(want)) throw new Error(`${id} differs:\n${cells(id).slice(0, 5).join('\n')}\nvs\n${want.slice(0, 5).join('\n')}`)
  }
  const owners = raw.get('count-by-owner')![0].map((r) => `${String(r.k ?? '')}||${String(r.n)}`).sort()
  if (JSON.stringify(cells('count-by-owner')) !== JSON.stringify(owners)) throw new Error(`count-by-owner differs: ${cells('count-by-owner')} vs ${owners}`)
  const kpi = byId.get('amount-kpi')!.data!.kpi!
  const [current, previous] = raw.get('amount-kpi')!.map((rows) => formatMicros(microsOf(rows[0])))
  if (kpi.current !== current || kpi.previous !== previous) throw new Error(`amount KPI ${String(kpi.current)}/${String(kpi.previous)} vs raw ${current}/${previous}`)
}

/** One dashboard to bench: its widgets, the hand-written statements for the same answers, and the check that they agree. */
interface Suite { name: string; widgets: typeof WIDGETS | typeof SALES_WIDGETS; raw(dialect: Dialect): RawQuery[]; compare(http: WidgetAnswer[], raw: Answers): void }
const SUITES: Suite[] = [
  { name: 'people', widgets: WIDGETS, raw: (d) => rawQueries(d), compare: (h, r) => compare(h, r) },
  { name: 'sales', widgets: SALES_WIDGETS, raw: salesRawQueries, compare: compareSales },
]

/** The same six answers by hand: one statement per widget (two for the KPI's periods). */
function rawQueries(dialect: Dialect): RawQuery[] {
  const month = dialect === 'sqlite' ? `strftime('%Y-%m-01', created_at)` : `to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM-DD')`
  const year = dialect === 'sqlite' ? `strftime('%Y-01-01', created_at)` : `to_char(date_trunc('year', created_at at time zone 'UTC'), 'YYYY-MM-DD')`
  const ts = (day: string) => (dialect === 'sqlite' ? `${day}T00:00:00.000Z` : new Date(`${day}T00:00:00Z`))
  const p = (n: number) => (dialect === 'sqlite' ? '?' : `$${n}`)
  const live = 'deleted_at is null'
  return [
    { id: 'people-kpi', sql: `select count(*) as n from people where ${live} and created_at >= ${p(1)} and created_at < ${p(2)}`, params: [ts('2026-11-01'), ts('2026-12-01')] },
    { id: 'people-kpi', sql: `select count(*) as n from people where ${live} and created_at >= ${p(1)} and created_at < ${p(2)}`, params: [ts('2026-10-01'), ts('2026-11-01')] },
    { id: 'by-country', sql: `select address_country as k, count(*) as n from people where ${live} group by 1 order by 1`, params: [] },
    { id: 'top-titles', sql: `select job_title as k, count(*) as n from people where ${live} group by 1 order by 2 desc, 1 limit 10`, params: [] },
    { id: 'by-month', sql: `select ${month} as k, count(*) as n from people where ${live} group by 1 order by 1`, params: [] },
    { id: 'country-table', sql: `select address_country as k, count(*) as n, count(distinct job_title) as d from people where ${live} group by 1 order by 1`, params: [] },
    { id: 'country-year', sql: `select address_country as k, ${year} as y, count(*) as n from people where ${live} group by 1, 2 order by 1, 2`, params: [] },
  ]
}

async function rawSide(dataset: Dataset): Promise<RawSide> {
  if (dataset.dialect === 'sqlite') {
    const db = new Database(dataset.sqliteFile!, { readonly: true })
    return { run: async (sql, params) => db.prepare(sql).all(...params) as Row[], close: async () => { db.close() } }
  }
  const client = new pg.Client({ connectionString: dataset.pgUrl!, options: `-c search_path=${dataset.pgSchema}` })
  await client.connect()
  return { run: async (sql, params) => (await client.query(sql, params)).rows as Row[], close: () => client.end() }
}

type Answers = Map<string, Row[][]>
async function runRaw(raw: RawSide, queries: RawQuery[]): Promise<{ ms: number; perWidget: Map<string, number>; answers: Answers }> {
  const perWidget = new Map<string, number>()
  const answers: Answers = new Map()
  const started = nowMs()
  for (const q of queries) {
    const t0 = nowMs()
    const rows = await raw.run(q.sql, q.params)
    perWidget.set(q.id, (perWidget.get(q.id) ?? 0) + nowMs() - t0)
    answers.set(q.id, [...(answers.get(q.id) ?? []), rows])
  }
  return { ms: nowMs() - started, perWidget, answers }
}

interface WidgetAnswer { widgetId: string; data?: { rows: { values: unknown[] }[]; kpi?: { current: number; previous: number } }; error?: unknown }

/** Both sides reduced to "key=value" lines, so a wrong answer fails the run before any figure. */
function compare(http: WidgetAnswer[], raw: Answers): void {
  const byId = new Map(http.map((w) => [w.widgetId, w]))
  for (const w of http) if (w.error) throw new Error(`${w.widgetId}: ${JSON.stringify(w.error)}`)
  const kpi = byId.get('people-kpi')!.data!.kpi!
  const [current, previous] = raw.get('people-kpi')!.map((rows) => Number(rows[0].n))
  if (kpi.current !== current || kpi.previous !== previous) throw new Error(`KPI ${kpi.current}/${kpi.previous} vs raw ${current}/${previous}`)
  const lines = (id: string) => byId.get(id)!.data!.rows.map((r) => r.values.map((v) => String(v ?? '')).join('|'))
  const rawLines = (id: string) => raw.get(id)![0].map((r) => Object.values(r).map((v) => String(v ?? '')).join('|'))
  for (const id of ['by-country', 'by-month', 'country-table', 'country-year']) {
    if (JSON.stringify(lines(id)) !== JSON.stringify(rawLines(id))) throw new Error(`${id} differs:\n${lines(id).slice(0, 5).join('\n')}\nvs\n${rawLines(id).slice(0, 5).join('\n')}`)
  }
  const counts = (values: string[]) => values.map((line) => line.split('|').at(-1)).join(',')
  if (counts(lines('top-titles')) !== counts(rawLines('top-titles'))) throw new Error(`top-titles differs: ${lines('top-titles')} vs ${rawLines('top-titles')}`)
}

const ROLLUP_TIMEOUT_MS = 30 * 60_000

/** Polls the dashboard's rollups until none is pending or building; returns them. */
async function rollupsBuilt(url: string, headers: Record<string, string>): Promise<WidgetRollup[]> {
  const deadline = nowMs() + ROLLUP_TIMEOUT_MS
  for (;;) {
    const { json } = await requestJson<{ data: WidgetRollup[] }>(url, { headers, expect: [200] })
    if (json.data.every((w) => w.rollup === null || w.rollup.status === 'ready' || w.rollup.status === 'failed')) return json.data
    if (nowMs() > deadline) throw new Error(`rollups not built after ${ROLLUP_TIMEOUT_MS} ms: ${JSON.stringify(json.data)}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function benchDialect(suite: Suite, dialect: Dialect, people: number, reps: number, writes: boolean): Promise<void> {
  const WIDGETS = suite.widgets
  const what = suite.name === 'people' ? `${fmtInt(people)} people` : `opportunities of the ${fmtInt(people)}-people dataset`
  const dataset = await prepareDataset(dialect, people)
  let server: RunningServer | undefined
  let raw: RawSide | undefined
  try {
    server = await startRapport(dataset)
    const headers = { authorization: `Bearer ${dataset.apiKey}` }
    const before: BatchCreateResult | null = writes ? await runBatchCreate(dataset, server) : null
    const buildStarted = nowMs()
    const created = await requestJson<{ data: { id: string } }>(`${server.url}/api/v1/dashboards`, {
      method: 'POST', headers, body: JSON.stringify({ name: `Bench ${suite.name}`, timeZone: 'UTC', widgets: WIDGETS }), expect: [201],
    })
    const id = created.json.data.id
    const rollups = await rollupsBuilt(`${server.url}/api/v1/dashboards/${id}/rollups?asOf=${AS_OF}&timeZone=UTC`, headers)
    const buildMs = nowMs() - buildStarted
    const distinct = [...new Map(rollups.filter((w) => w.rollup).map((w) => [w.rollup!.id, w.rollup!])).values()]
    figure(`${suite.name} dashboard rollups (${what}, ${dialect}): ${distinct.length} built in the background in ${fmtMs(buildMs)} wall (save → all ready)`)
    for (const r of distinct) {
      figure(`  rollup ${r.id} ${r.status} by [${[...(r.day ? [`day(${r.day.column}, ${r.day.timeZone ?? 'date'})`] : []), ...r.dimensions].join(', ')}]${r.sums.length ? ` summing ${r.sums.join(', ')}` : ''}: ${fmtInt(r.rowCount ?? 0)} rows over ${fmtInt(r.sourceRows ?? 0)} records, build ${fmtMs(r.buildMs ?? 0)}${r.error ? ` — ${r.error}` : ''} · widgets ${rollups.filter((w) => w.rollup?.id === r.id).map((w) => w.widgetId).join(', ')}`)
    }
    for (const w of rollups.filter((x) => !x.rollup)) figure(`  ${w.widgetId}: no rollup (live query)`)
    if (before) {
      const after = await runBatchCreate(dataset, server)
      figure(`rollup write overhead (${dialect}): batch create ${fmtInt(before.rapportRecordsPerSec)} records/s without rollups → ${fmtInt(after.rapportRecordsPerSec)} records/s with ${distinct.length} (${(((before.rapportRecordsPerSec - after.rapportRecordsPerSec) / before.rapportRecordsPerSec) * 100).toFixed(1)}% slower); per 1000-create request p50 ${fmtMs(before.perRequest.p50)} → ${fmtMs(after.perRequest.p50)}`)
    }
    // Cold: the first request after a server start (no process caches, no prepared statements).
    await server.stop()
    server = await startRapport(dataset)
    const dataUrl = `${server.url}/api/v1/dashboards/${id}/data?asOf=${AS_OF}&timeZone=UTC`
    const cold = await requestJson<{ data: WidgetAnswer[] }>(dataUrl, { headers, expect: [200] })
    raw = await rawSide(dataset)
    const queries = suite.raw(dialect)
    const rawCold = await runRaw(raw, queries)
    suite.compare(cold.json.data, rawCold.answers)
    log(`${dialect}: answers agree (${WIDGETS.length} widgets)`)
    figure(`${suite.name} dashboard cold (${what}, ${dialect}): first GET …/data after server start ${fmtMs(cold.ms)} · raw SQL first run ${fmtMs(rawCold.ms)}`)

    const whole: number[] = []
    const floor: number[] = []
    const rawWhole: number[] = []
    const perWidget = new Map<string, number[]>()
    const rawPerWidget = new Map<string, number[]>()
    for (let rep = 0; rep < reps; rep++) {
      whole.push((await requestJson(dataUrl, { headers, expect: [200] })).ms)
      floor.push((await requestJson(`${server.url}/api/v1/dashboards/${id}`, { headers, expect: [200] })).ms)
      const rawRun = await runRaw(raw, queries)
      rawWhole.push(rawRun.ms)
      for (const [wid, ms] of rawRun.perWidget) rawPerWidget.set(wid, [...(rawPerWidget.get(wid) ?? []), ms])
      for (const widget of WIDGETS) {
        const one = await requestJson(`${server.url}/api/v1/dashboards/${id}/widgets/${widget.id}/data?asOf=${AS_OF}&timeZone=UTC`, { headers, expect: [200] })
        perWidget.set(widget.id, [...(perWidget.get(widget.id) ?? []), one.ms])
      }
      log(`${dialect} rep ${rep + 1}/${reps}: dashboard ${fmtMs(whole.at(-1)!)}, raw ${fmtMs(rawWhole.at(-1)!)}`)
    }
    const p50 = summarize(whole).p50
    const rawP50 = summarize(rawWhole).p50
    figure(`${suite.name} dashboard warm (${WIDGETS.length} widgets, ${what}, ${dialect}): GET …/data p50 ${fmtMs(p50)} · raw SQL (same ${WIDGETS.length} answers, ${queries.length} statements) p50 ${fmtMs(rawP50)} · ${(p50 / rawP50).toFixed(2)}× raw · ${targetText(p50 < TARGET_MS, '< 1 s')}`)
    figure(`  HTTP floor: GET the dashboard's definition (auth, no aggregates) p50 ${fmtMs(summarize(floor).p50)}`)
    for (const widget of WIDGETS) {
      figure(`  ${widget.id.padEnd(14)} ${widget.type.padEnd(6)} alone p50 ${fmtMs(summarize(perWidget.get(widget.id)!).p50).padStart(8)} · raw p50 ${fmtMs(summarize(rawPerWidget.get(widget.id)!).p50).padStart(8)}`)
    }
  } finally {
    await raw?.close()
    await server?.stop()
    await dataset.cleanup()
  }
}

async function main(): Promise<void> {
  const config = readBenchConfig()
  const flag = process.argv.find((a) => a.startsWith('--reps='))?.split('=')[1]
  const reps = Number(flag ?? process.env.BENCH_REPS ?? 7)
  const writes = process.argv.includes('--writes') || process.env.BENCH_DASHBOARD_WRITES === '1'
  const names = (process.argv.find((a) => a.startsWith('--dashboards='))?.split('=')[1] ?? process.env.BENCH_DASHBOARDS ?? 'people,sales').split(',')
  const suites = SUITES.filter((s) => names.includes(s.name))
  if (suites.length === 0) throw new Error(`--dashboards names none of ${SUITES.map((s) => s.name).join(', ')}`)
  for (const dialect of config.dialects) {
    // --writes measures batch-created people, so only with the people dashboard.
    for (const suite of suites) await benchDialect(suite, dialect, config.people, reps, writes && suite.name === 'people')
  }
  process.stdout.write(`\n${figureLines.join('\n')}\n`)
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
