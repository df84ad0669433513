/**
 * Benchmark 5: metadata changes on the 1M-row people table must not block reads for more
 * than a second. A reader issues list requests back to back (50-row pages in the default
 * order, rotating over 20 cursors, so every read costs about the same) while we add an
 * indexed number field (index build over every row), relabel it, and delete it (drops the
 * column; SQLite rewrites the table). A second client polls /healthz back to back: its
 * latency shows event-loop stalls independent of query cost. Per DDL: its duration, the
 * slowest read that overlapped it (and when it started), the largest gap between read
 * completions, the slowest health check, and any failed reads.
 */
import type { RunningServer } from './servers.js'
import { fmtInt, fmtMs, figure, log, nowMs, request, requestJson, sleep, summarize, targetText, type Dialect, type Summary } from './support.js'

const FIELDS = '/api/v1/metadata/objects/people/fields'
const IDLE_MS = 1000
const MAX_READER_MS = 20 * 60_000
const MAX_READS = 2_000_000

interface Read { start: number; end: number; status: number; body?: string }
interface Page { page: { nextCursor: string | null } }

/** Request paths of the first `count` pages in the default order (newest first). */
async function defaultOrderPaths(base: string, headers: Record<string, string>, count: number): Promise<string[]> {
  const paths: string[] = []
  let cursor: string | null = null
  for (let i = 0; i < count; i++) {
    const path: string = `/api/v1/records/people?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    paths.push(path)
    const { json } = await requestJson<Page>(base + path, { headers })
    if (!json.page.nextCursor) break
    cursor = json.page.nextCursor
  }
  return paths
}

/** Back-to-back GETs until stop() (bounded in time and count); every request's timing is kept. */
function startPoller(urls: string[], headers: Record<string, string>, t0: number) {
  const reads: Read[] = []
  let stopped = false
  const done = (async () => {
    for (let i = 0; !stopped && i < MAX_READS && nowMs() - t0 < MAX_READER_MS; i++) {
      const start = nowMs()
      try {
        const res = await request(urls[i % urls.length], { headers, timeoutMs: 120_000 })
        reads.push({ start, end: nowMs(), status: res.status, body: res.status === 200 ? undefined : res.body.slice(0, 500) })
      } catch (error) {
        reads.push({ start, end: nowMs(), status: 0, body: String((error as Error).message) })
      }
    }
  })()
  return { reads, stop: async () => { stopped = true; await done } }
}

const overlapping = (reads: Read[], start: number, end: number) => reads.filter((r) => r.end >= start && r.start <= end)
interface Step { name: string; method: string; path: string; body?: unknown; expect: number }

export interface DdlStepResult {
  name: string
  status: number
  durationMs: number
  reads: number
  maxReadMs: number
  /** When the slowest read started, relative to the DDL request. */
  maxReadAtMs: number
  maxHealthMs: number
  maxGapMs: number
  failedReads: number
  targetMet: boolean
}
export interface DdlResult { dialect: Dialect; steps: DdlStepResult[]; idleReads: Summary; idleHealth: Summary; totalReads: number; failures: { atMs: number; status: number; body: string }[] }

const STEPS: Step[] = [
  { name: 'add indexed field', method: 'POST', path: FIELDS, body: { apiName: 'benchScore', label: 'Score', type: 'number', indexed: true }, expect: 201 },
  { name: 'relabel field', method: 'PATCH', path: `${FIELDS}/benchScore`, body: { label: 'Score 2' }, expect: 200 },
  { name: 'delete field', method: 'DELETE', path: `${FIELDS}/benchScore`, expect: 204 },
]

export async function runDdlUnderLoad(dialect: Dialect, rapport: RunningServer, apiKey: string): Promise<DdlResult> {
  const headers = { authorization: `Bearer ${apiKey}` }
  const existing = await request(`${rapport.url}${FIELDS.replace(/\/fields$/, '')}`, { headers })
  if (existing.status === 200 && existing.body.includes('"benchScore"')) {
    log('ddl: removing a benchScore field left by an earlier run')
    await request(`${rapport.url}${FIELDS}/benchScore`, { method: 'DELETE', headers, timeoutMs: 600_000 })
  }

  const readPaths = await defaultOrderPaths(rapport.url, headers, 20)
  const readerStarted = nowMs()
  const reader = startPoller(readPaths.map((p) => rapport.url + p), headers, readerStarted)
  const health = startPoller([`${rapport.url}/healthz`], {}, readerStarted)
  const reads = reader.reads

  const windows: { step: Step; start: number; end: number; status: number; body: string }[] = []
  try {
    await sleep(IDLE_MS)
    for (const step of STEPS) {
      log(`ddl (${dialect}): ${step.method} ${step.path} …`)
      const start = nowMs()
      const res = await request(rapport.url + step.path, {
        method: step.method, headers, body: step.body === undefined ? undefined : JSON.stringify(step.body), timeoutMs: 900_000,
      })
      windows.push({ step, start, end: nowMs(), status: res.status, body: res.body })
      if (res.status !== step.expect) log(`  unexpected ${res.status}: ${res.body.slice(0, 500)}`)
      await sleep(IDLE_MS)
    }
  } finally {
    await reader.stop()
    await health.stop()
  }

  const steps = windows.map(({ step, start, end, status }) => {
    const during = overlapping(reads, start, end)
    const completions = [start, ...reads.filter((r) => r.end >= start && r.end <= end).map((r) => r.end), end]
    const next = reads.find((r) => r.end > end)
    if (next) completions.push(next.end)
    let maxGap = 0
    for (let i = 1; i < completions.length; i++) maxGap = Math.max(maxGap, completions[i] - completions[i - 1])
    const slowest = during.reduce<Read | null>((a, r) => (!a || r.end - r.start > a.end - a.start ? r : a), null)
    const maxRead = slowest ? slowest.end - slowest.start : 0
    const maxHealth = Math.max(0, ...overlapping(health.reads, start, end).map((r) => r.end - r.start))
    const failed = during.filter((r) => r.status !== 200).length
    return {
      name: step.name, status, durationMs: end - start, reads: during.length, maxReadMs: maxRead, maxReadAtMs: slowest ? slowest.start - start : 0,
      maxHealthMs: maxHealth, maxGapMs: maxGap, failedReads: failed,
      targetMet: maxRead <= 1000 && failed === 0 && status === step.expect,
    }
  })
  const busy = (r: Read) => windows.some((w) => r.end >= w.start && r.start <= w.end)
  const idleReads = summarize(reads.filter((r) => !busy(r)).map((r) => r.end - r.start))
  const idleHealth = summarize(health.reads.filter((r) => !busy(r)).map((r) => r.end - r.start))
  const failures = reads.filter((r) => r.status !== 200).slice(0, 5).map((r) => ({ atMs: r.start - readerStarted, status: r.status, body: r.body ?? '' }))

  for (const s of steps) {
    figure(`ddl under load (${dialect}) ${s.name}: HTTP ${s.status} in ${fmtMs(s.durationMs)} | ${fmtInt(s.reads)} reads during it, slowest ${fmtMs(s.maxReadMs)} (started at ${s.maxReadAtMs >= 0 ? '+' : '-'}${fmtMs(Math.abs(s.maxReadAtMs))}), max gap ${fmtMs(s.maxGapMs)}, ${s.failedReads} failed, slowest /healthz ${fmtMs(s.maxHealthMs)} | idle: reads p50 ${fmtMs(idleReads.p50)} max ${fmtMs(idleReads.max)}, /healthz max ${fmtMs(idleHealth.max)} | ${targetText(s.targetMet, 'no read blocked > 1 s, none failed')}`)
  }
  for (const f of failures) figure(`  ddl (${dialect}) failed read at +${fmtMs(f.atMs)}: ${f.status} ${f.body.slice(0, 300)}`)
  const failedSteps = windows.filter((w) => w.status !== w.step.expect)
  for (const w of failedSteps) figure(`  ddl (${dialect}) ${w.step.method} ${w.step.path} answered ${w.status}: ${w.body.slice(0, 300)}`)
  return { dialect, steps, idleReads, idleHealth, totalReads: reads.length, failures }
}
