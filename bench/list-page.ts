/**
 * Benchmark 1: a 50-row list page over HTTP (filter lastName startsWith "K", sort
 * lastName,firstName, keyset cursor) — Rapport beside the bare Fastify route. Cursors are
 * collected by walking the pages first; autocannon (10 connections) and a sequential
 * hrtime loop then rotate through a few hundred of them. The first page (no cursor) and the
 * last page are timed separately: they behave differently from the pages in between.
 */
import autocannon from 'autocannon'
import type { RunningServer } from './servers.js'
import { fmtInt, fmtMs, fmtPct, figure, log, nowMs, requestJson, summarize, targetText, timeSequential, type Dialect, type Summary } from './support.js'

const PAGE = 50
const MAX_WALK_PAGES = 3000
const MAX_WALK_MS = 180_000
const ROTATION = 300
const SEQUENTIAL = 500
const EDGE_REPEATS = 10

interface Page { data: { id: string }[]; page: { nextCursor: string | null; hasMore: boolean } }

interface Walk { firstIds: string[]; paths: string[]; firstPath: string; lastPath: string | null; pages: number; rows: number; complete: boolean; ms: Summary }

/** Follows nextCursor from the first page; returns the request path of every page. */
async function walk(base: string, pathOf: (cursor: string | null) => string, headers: Record<string, string>): Promise<Walk> {
  const paths: string[] = []
  const times: number[] = []
  let cursor: string | null = null
  let firstIds: string[] = []
  let rows = 0
  let complete = false
  const deadline = nowMs() + MAX_WALK_MS
  while (paths.length < MAX_WALK_PAGES && nowMs() < deadline) {
    const path = pathOf(cursor)
    const { json, ms } = await requestJson<Page>(base + path, { headers })
    if (paths.length === 0) firstIds = json.data.map((r) => r.id)
    paths.push(path)
    times.push(ms)
    rows += json.data.length
    if (!json.page.hasMore || !json.page.nextCursor) {
      complete = true
      break
    }
    cursor = json.page.nextCursor
  }
  return { firstIds, paths, firstPath: paths[0], lastPath: complete && paths.length > 1 ? paths.at(-1)! : null, pages: paths.length, rows, complete, ms: summarize(times) }
}

/** Up to `n` evenly spaced middle pages (not the first, not the last). */
function rotation(w: Walk): string[] {
  const middle = w.paths.slice(1, w.complete ? -1 : undefined)
  if (middle.length <= ROTATION) return middle.length ? middle : [w.firstPath]
  return Array.from({ length: ROTATION }, (_, i) => middle[Math.floor((i * middle.length) / ROTATION)])
}

async function load(base: string, paths: string[], headers: Record<string, string>, durationSec: number) {
  let next = 0
  const result = await autocannon({
    url: base, connections: 10, duration: durationSec, headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts, total: result['2xx'] + result.non2xx }
}

export interface ListPageResult {
  dialect: Dialect
  pagesWalked: { rapport: number; bare: number }
  matchingRows: number
  autocannon: { rapport: Awaited<ReturnType<typeof load>>; bare: Awaited<ReturnType<typeof load>> }
  sequential: { rapport: Summary; bare: Summary }
  firstPage: { rapport: Summary; bare: Summary }
  lastPage: { rapport: Summary | null; bare: Summary | null }
  rpsRatio: number
  targets: { ratio: boolean; p50: boolean | null }
  /** Request paths of Rapport's middle pages (reused by the DDL benchmark's reader; not saved). */
  rapportPaths: string[]
}

export async function runListPage(dialect: Dialect, rapport: RunningServer, bare: RunningServer, apiKey: string, durationSec: number): Promise<ListPageResult> {
  const auth = { authorization: `Bearer ${apiKey}` }
  const filter = encodeURIComponent(JSON.stringify({ field: 'lastName', op: 'startsWith', value: 'K' }))
  const ours = (c: string | null) => `/api/v1/records/people?limit=${PAGE}&sort=lastName,firstName&filter=${filter}${c ? `&cursor=${encodeURIComponent(c)}` : ''}`
  const theirs = (c: string | null) => `/people?prefix=K&limit=${PAGE}${c ? `&cursor=${encodeURIComponent(c)}` : ''}`

  log(`list page (${dialect}): walking Rapport's pages …`)
  const walkOurs = await walk(rapport.url, ours, auth)
  log(`  ${walkOurs.pages} pages, ${walkOurs.rows} rows, per page p50 ${fmtMs(walkOurs.ms.p50)} max ${fmtMs(walkOurs.ms.max)}${walkOurs.complete ? '' : ' (walk stopped early)'}`)
  log(`list page (${dialect}): walking the bare route's pages …`)
  const walkBare = await walk(bare.url, theirs, {})
  log(`  ${walkBare.pages} pages, ${walkBare.rows} rows, per page p50 ${fmtMs(walkBare.ms.p50)} max ${fmtMs(walkBare.ms.max)}`)
  if (walkOurs.firstIds.join() !== walkBare.firstIds.join()) log(`  WARNING: first pages differ between Rapport and the bare route`)
  if (walkOurs.complete && walkBare.complete && walkOurs.rows !== walkBare.rows) log(`  WARNING: Rapport matched ${walkOurs.rows} rows, the bare route ${walkBare.rows}`)

  const ourPaths = rotation(walkOurs)
  const barePaths = rotation(walkBare)
  const seqOurs = await timeSequential(ourPaths.map((p) => rapport.url + p), SEQUENTIAL, auth)
  const seqBare = await timeSequential(barePaths.map((p) => bare.url + p), SEQUENTIAL, {})
  const edge = (url: string | null, headers: Record<string, string>) => (url ? timeSequential([url], EDGE_REPEATS, headers, 60_000) : Promise.resolve(null))
  const firstOurs = (await edge(rapport.url + walkOurs.firstPath, auth))!
  const firstBare = (await edge(bare.url + walkBare.firstPath, {}))!
  const lastOurs = await edge(walkOurs.lastPath && rapport.url + walkOurs.lastPath, auth)
  const lastBare = await edge(walkBare.lastPath && bare.url + walkBare.lastPath, {})

  log(`list page (${dialect}): autocannon ${durationSec} s × 2, 10 connections, ${ourPaths.length} rotating cursors …`)
  const acOurs = await load(rapport.url, ourPaths, auth, durationSec)
  const acBare = await load(bare.url, barePaths, {}, durationSec)
  const ratio = acOurs.rps / acBare.rps
  // p50 target: latency of one request (hrtime, sequential). Under 10 connections p50 ≈ 10 / rps (Little's law).
  const p50Met = dialect === 'sqlite' ? seqOurs.p50 < 10 : null

  figure(`list page (${dialect}): rapport ${fmtInt(acOurs.rps)} rps p50 ${fmtMs(acOurs.p50)} p99 ${fmtMs(acOurs.p99)} | bare ${fmtInt(acBare.rps)} rps p50 ${fmtMs(acBare.p50)} p99 ${fmtMs(acBare.p99)} | ratio ${fmtPct(ratio)} | ${targetText(ratio >= 0.5, '≥50%')}${p50Met === null ? '' : `, ${targetText(p50Met, 'p50 < 10 ms (hrtime)')}`}`)
  figure(`  list page sequential hrtime (${dialect}, ${seqOurs.n} req): rapport p50 ${fmtMs(seqOurs.p50)} p99 ${fmtMs(seqOurs.p99)} max ${fmtMs(seqOurs.max)} | bare p50 ${fmtMs(seqBare.p50)} p99 ${fmtMs(seqBare.p99)} max ${fmtMs(seqBare.max)} | ratio ${fmtPct(seqBare.p50 / seqOurs.p50)}`)
  figure(`  first page, no cursor (${dialect}, ${firstOurs.n} req): rapport p50 ${fmtMs(firstOurs.p50)} max ${fmtMs(firstOurs.max)} | bare p50 ${fmtMs(firstBare.p50)} max ${fmtMs(firstBare.max)}`)
  if (lastOurs && lastBare) figure(`  last page (${dialect}, ${lastOurs.n} req): rapport p50 ${fmtMs(lastOurs.p50)} max ${fmtMs(lastOurs.max)} | bare p50 ${fmtMs(lastBare.p50)} max ${fmtMs(lastBare.max)}`)
  const failures = acOurs.non2xx + acOurs.errors + seqOurs.failures + acBare.non2xx + acBare.errors + seqBare.failures
  if (failures) figure(`  WARNING list page (${dialect}): ${failures} failed requests (rapport non2xx ${acOurs.non2xx} errors ${acOurs.errors}; bare non2xx ${acBare.non2xx} errors ${acBare.errors})`)

  return {
    dialect, pagesWalked: { rapport: walkOurs.pages, bare: walkBare.pages }, matchingRows: walkOurs.rows,
    autocannon: { rapport: acOurs, bare: acBare }, sequential: { rapport: seqOurs, bare: seqBare },
    firstPage: { rapport: firstOurs, bare: firstBare }, lastPage: { rapport: lastOurs, bare: lastBare },
    rpsRatio: ratio, targets: { ratio: ratio >= 0.5, p50: p50Met }, rapportPaths: ourPaths,
  }
}
