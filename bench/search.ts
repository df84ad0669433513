/**
 * Benchmark 2: search typeahead. Rapport's GET /api/v1/search?q=… (HTTP, sequential,
 * hrtime) beside the raw index query Rapport's dialect issues, timed directly on the driver
 * in this process: FTS5 `match '"jo"*'` joined to search_docs (SQLite) or
 * `tsv @@ to_tsquery('simple', 'jo:*')` (PostgreSQL), LIMIT 200 either way.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import type { Dataset } from './dataset.js'
import type { RunningServer } from './servers.js'
import { fmtMs, fmtPct, figure, log, nowMs, summarize, targetText, timeSequential, requestJson, type Summary } from './support.js'

const TERMS = ['jo', 'ив', 'مح']
const REPEATS = 300
const WARMUP = 20
const CANDIDATES = 200

export interface SearchTermResult { q: string; rapport: Summary; raw: Summary; rapportHits: number; rawRows: number; targetMet: boolean }

type RawQuery = (term: string) => Promise<number>

async function rawQueryFor(dataset: Dataset): Promise<{ run: RawQuery; close(): Promise<void> }> {
  if (dataset.sqliteFile) {
    const db = new Database(dataset.sqliteFile, { readonly: true })
    db.pragma('cache_size = -16384')
    const statement = db.prepare(`select d.object as "object", d.record_id as "recordId", d.title as "title"
      from search_fts f join search_docs d on d.rowid = f.rowid where search_fts match ? limit ${CANDIDATES}`)
    return { run: async (term) => statement.all(`"${term}"*`).length, close: async () => void db.close() }
  }
  const client = new pg.Client({ connectionString: dataset.pgUrl!, options: `-c search_path=${dataset.pgSchema}` })
  await client.connect()
  const text = `select object as "object", record_id as "recordId", title as "title"
    from search_docs where tsv @@ to_tsquery('simple', $1) limit ${CANDIDATES}`
  return {
    run: async (term) => (await client.query({ name: 'search', text, values: [`${term}:*`] })).rows.length,
    close: () => client.end(),
  }
}

async function timeRaw(run: RawQuery, term: string): Promise<{ summary: Summary; rows: number }> {
  let rows = 0
  for (let i = 0; i < WARMUP; i++) rows = await run(term)
  const samples: number[] = []
  const deadline = nowMs() + 60_000
  for (let i = 0; i < REPEATS && nowMs() < deadline; i++) {
    const started = process.hrtime.bigint()
    await run(term)
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return { summary: summarize(samples), rows }
}

export async function runSearch(dataset: Dataset, rapport: RunningServer): Promise<SearchTermResult[]> {
  const auth = { authorization: `Bearer ${dataset.apiKey}` }
  const raw = await rawQueryFor(dataset)
  const results: SearchTermResult[] = []
  try {
    for (const q of TERMS) {
      log(`search (${dataset.dialect}): q=${q} …`)
      const url = `${rapport.url}/api/v1/search?q=${encodeURIComponent(q)}`
      const first = await requestJson<{ data: unknown[] }>(url, { headers: auth })
      await timeSequential([url], WARMUP, auth)
      const ours = await timeSequential([url], REPEATS, auth)
      const theirs = await timeRaw(raw.run, q)
      const targetMet = ours.p50 < 20
      results.push({ q, rapport: ours, raw: theirs.summary, rapportHits: first.json.data.length, rawRows: theirs.rows, targetMet })
      figure(`search q=${q} (${dataset.dialect}): rapport p50 ${fmtMs(ours.p50)} p99 ${fmtMs(ours.p99)} (${first.json.data.length} hits) | raw index query p50 ${fmtMs(theirs.summary.p50)} p99 ${fmtMs(theirs.summary.p99)} (${theirs.rows} rows) | ratio ${fmtPct(theirs.summary.p50 / ours.p50)} | ${targetText(targetMet, 'p50 < 20 ms')}${ours.failures ? ` | ${ours.failures} FAILED` : ''}`)
    }
  } finally {
    await raw.close()
  }
  return results
}
