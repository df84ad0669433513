/**
 * Web benchmark: the people table in Debian's Chromium (playwright-core, the flags of
 * DESIGN.md) against a real `rapport serve` on the seeded SQLite dataset.
 *   (a) cold load: a new browser context (empty cache) opens /records/people; time from
 *       navigation start to the frame that paints the first rows. Target < 1.5 s. Beside it:
 *       an empty static page's first paint (the browser's floor) and the API's first page
 *       from Node (the server's part).
 *   (b) scrolling 10,000 rows with mouse-wheel input (10 rows a notch, a notch per frame),
 *       keyset pages loading on the way: rAF frame deltas p50/p95/max, dropped frames, long
 *       animation frames. Target p95 < 16 ms (a 60 Hz frame is 16.7 ms: in practice "no
 *       dropped frame at the 95th percentile"). Beside it: an idle page's frame deltas.
 * The machine's load average is printed with the figures: on a shared 2-core machine a busy
 * neighbour shows up directly in frame times.
 *   (c) JavaScript shipped on first load, as transferred (gzip). Target < 400 KB.
 *
 *   node dist/bench/web.js [--people=20000]      (BENCH_PEOPLE; seeds or reuses bench/.data/sqlite-<N>)
 */
import http from 'node:http'
import os from 'node:os'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type CDPSession, type Response } from 'playwright-core'
import { CHROMIUM_FLAGS, chromiumPath } from '../test/browser/support.js'
import { prepareSqlite, type Dataset } from './dataset.js'
import { startRapport, type RunningServer } from './servers.js'
import { RAPPORT_BIN, figure, fmtInt, fmtMs, fmtPct, log, readBenchConfig, request, runCommand, sleep, summarize, targetText } from './support.js'
import { idleFrames, installLoadProbe, loadProbeDone, readLoadProbe, startFrameRecorder, stopFrameRecorder, tablePosition, type FrameRun } from './web-page.js'

const COLD_LOADS = 5
const SCROLL_ROWS = 10_000
/** Each wheel notch scrolls this many rows; one notch per 60 Hz frame is a fast, steady fling. */
const ROWS_PER_WHEEL = 10
const WHEEL_INTERVAL_MS = 16
/** Reading the position costs a round trip: do it every this many notches. */
const POSITION_EVERY = 10
const SCROLL_TIMEOUT_MS = 180_000
const IDLE_SAMPLE_MS = 3000
const LOAD_TIMEOUT_MS = 60_000
const VIEWPORT = { width: 1280, height: 800 }
const FRAME_60HZ_MS = 1000 / 60
/**
 * rAF deltas come in whole display intervals (16.7 ms at 60 Hz), so even a perfect run has a
 * p95 of 16.7 ms: the "< 16 ms" target is read as "no dropped frame at the 95th percentile",
 * i.e. p95 within one interval plus this much timer jitter.
 */
const FRAME_JITTER_MS = 1
const TARGETS = { coldLoadMs: 1500, frameP95Ms: 16, firstLoadJsKb: 400 }
const BENCH_USER = { email: 'web-bench@example.com', password: 'web bench password 1' }

export interface WebBenchResult {
  coldLoad: {
    firstRowsMs: number[]; p50: number; max: number; fcpP50: number
    emptyPageFcpP50: number; apiFirstPageP50: number; targetMet: boolean
  }
  scroll: {
    frames: number; p50: number; p95: number; max: number; dropped: number
    longFrames: number | null; longestFrameMs: number | null; scrolledRows: number; seconds: number
    idle: { p50: number; p95: number; max: number }
    /** Main-thread CPU during the scroll (Chromium's Performance metrics). */
    cpu?: { threadMs: number; scriptMs: number; layoutMs: number; styleMs: number }
    targetMet: boolean
  }
  firstLoadJs: { gzipKb: number; rawKb: number; files: { url: string; gzipBytes: number; encoding: string }[]; targetMet: boolean }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}
const kb = (bytes: number) => bytes / 1024

/**
 * A member to sign in as, made with the CLI (idempotent for a reused dataset). It must run
 * before the server starts: a running server caches workspace membership and would not see it.
 */
const createBenchUser = (dataset: Dataset) =>
  runCommand(process.execPath, [RAPPORT_BIN, 'user', 'create', '--email', BENCH_USER.email, '--password', BENCH_USER.password, '--role', 'admin'], { env: dataset.env, timeoutMs: 60_000 })

async function signIn(server: RunningServer): Promise<{ name: string; value: string }> {
  const res = await request(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', body: JSON.stringify(BENCH_USER) })
  const cookie = [res.headers['set-cookie'] ?? []].flat().find((header) => header.startsWith('rapport_session='))
  const match = cookie && /^([^=]+)=([^;]*)/.exec(cookie)
  if (res.status !== 200 || !match) throw new Error(`sign-in → ${res.status}: ${res.body.slice(0, 300)}`)
  return { name: match[1], value: match[2] }
}

/** An empty static page on its own port: what a cold first paint costs with no app at all. */
async function emptyPageServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>empty</title><p>Empty page</p>'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

async function newPage(browser: Browser, baseUrl: string, cookie: { name: string; value: string } | null) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' })
  if (cookie) await context.addCookies([{ ...cookie, url: baseUrl }])
  await context.addInitScript(installLoadProbe)
  const page = await context.newPage()
  page.setDefaultTimeout(LOAD_TIMEOUT_MS)
  return { context, page }
}

async function coldLoads(browser: Browser, server: RunningServer, cookie: { name: string; value: string }, apiKey: string) {
  const firstRows: number[] = []
  const fcps: number[] = []
  let js: WebBenchResult['firstLoadJs'] | null = null
  for (let run = 0; run < COLD_LOADS; run++) {
    const { context, page } = await newPage(browser, server.url, cookie)
    const loaded: Response[] = []
    page.on('response', (response) => { if (response.request().resourceType() === 'script') loaded.push(response) })
    await page.goto(`${server.url}/records/people`, { waitUntil: 'commit' })
    await page.waitForFunction(loadProbeDone, 'firstRows' as const, { polling: 50 })
    const probe = await page.evaluate(readLoadProbe)
    firstRows.push(probe.firstRows!)
    if (probe.fcp !== undefined) fcps.push(probe.fcp)
    log(`  cold load ${run + 1}: first rows ${fmtMs(probe.firstRows!)} (first paint ${fmtMs(probe.fcp ?? NaN)})`)
    js ??= await firstLoadJs(loaded)
    await context.close()
  }
  const empty = await emptyPageServer()
  const emptyFcps: number[] = []
  try {
    for (let run = 0; run < COLD_LOADS; run++) {
      const { context, page } = await newPage(browser, empty.url, null)
      await page.goto(empty.url)
      await page.waitForFunction(loadProbeDone, 'fcp' as const, { polling: 50 })
      emptyFcps.push((await page.evaluate(readLoadProbe)).fcp!)
      await context.close()
    }
  } finally {
    await empty.close()
  }
  const api: number[] = []
  for (let run = 0; run < COLD_LOADS; run++) {
    api.push((await request(`${server.url}/api/v1/records/people?limit=100`, { headers: { authorization: `Bearer ${apiKey}` } })).ms)
  }
  const p50 = percentile(firstRows, 50)
  const coldLoad = { firstRowsMs: firstRows, p50, max: Math.max(...firstRows), fcpP50: percentile(fcps, 50), emptyPageFcpP50: percentile(emptyFcps, 50), apiFirstPageP50: percentile(api, 50), targetMet: p50 < TARGETS.coldLoadMs }
  return { coldLoad, js: js! }
}

/** Sizes of the scripts a cold load fetched, as sent (gzip) and unpacked. */
async function firstLoadJs(scripts: Response[]): Promise<WebBenchResult['firstLoadJs']> {
  const files = await Promise.all(scripts.map(async (response) => ({
    url: new URL(response.url()).pathname,
    gzipBytes: (await response.request().sizes()).responseBodySize,
    rawBytes: (await response.body()).length,
    encoding: (await response.allHeaders())['content-encoding'] ?? 'identity',
  })))
  const gzipKb = kb(files.reduce((sum, file) => sum + file.gzipBytes, 0))
  return { gzipKb, rawKb: kb(files.reduce((sum, file) => sum + file.rawBytes, 0)), files: files.map(({ rawBytes: _raw, ...file }) => file), targetMet: gzipKb < TARGETS.firstLoadJsKb }
}

function frameStats(run: FrameRun, idle: number[]): WebBenchResult['scroll'] {
  const dropped = run.deltas.reduce((sum, delta) => sum + Math.max(0, Math.round(delta / FRAME_60HZ_MS) - 1), 0)
  const p95 = percentile(run.deltas, 95)
  return {
    frames: run.deltas.length, p50: percentile(run.deltas, 50), p95, max: Math.max(...run.deltas), dropped,
    longFrames: run.longFrames?.length ?? null, longestFrameMs: run.longFrames ? Math.max(0, ...run.longFrames) : null,
    scrolledRows: run.scrolledRows, seconds: run.ms / 1000,
    idle: { p50: percentile(idle, 50), p95: percentile(idle, 95), max: Math.max(...idle) },
    targetMet: run.reachedTarget && p95 < Math.max(TARGETS.frameP95Ms, FRAME_60HZ_MS + FRAME_JITTER_MS),
  }
}

/**
 * Scrolls the table with real mouse-wheel input (as a person would; no script sets scrollTop,
 * which would force a layout inside the measured frames) until 10,000 rows have gone by,
 * while the page records its frames. At the end of what is loaded the wheel keeps turning
 * while the app fetches the next keyset page.
 */
/**
 * CPU time of the page's main thread and what it went to (Chromium's Performance domain):
 * unlike frame times, it does not grow when other processes compete for the cores.
 */
async function mainThreadTimes(cdp: CDPSession) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const ms = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? NaN) * 1000
  return { threadMs: ms('ThreadTime'), scriptMs: ms('ScriptDuration'), layoutMs: ms('LayoutDuration'), styleMs: ms('RecalcStyleDuration') }
}

async function scrollRun(browser: Browser, server: RunningServer, cookie: { name: string; value: string }) {
  const { context, page } = await newPage(browser, server.url, cookie)
  try {
    await page.goto(`${server.url}/records/people`)
    await page.waitForFunction(loadProbeDone, 'firstRows' as const, { polling: 50 })
    const idle = await page.evaluate(idleFrames, IDLE_SAMPLE_MS)
    const box = (await page.locator('.record-scroller').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    let position = await page.evaluate(tablePosition)
    const deadline = Date.now() + SCROLL_TIMEOUT_MS
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    const before = await mainThreadTimes(cdp)
    await page.evaluate(startFrameRecorder)
    for (let notch = 1; position.scrolledRows < SCROLL_ROWS && Date.now() < deadline; notch++) {
      await page.mouse.wheel(0, ROWS_PER_WHEEL * position.rowHeight)
      await sleep(WHEEL_INTERVAL_MS)
      if (notch % POSITION_EVERY === 0) position = await page.evaluate(tablePosition)
    }
    const frames = await page.evaluate(stopFrameRecorder)
    const after = await mainThreadTimes(cdp)
    const cpu = { threadMs: after.threadMs - before.threadMs, scriptMs: after.scriptMs - before.scriptMs, layoutMs: after.layoutMs - before.layoutMs, styleMs: after.styleMs - before.styleMs }
    for (const frame of frames.longestFrames) {
      log(`  long frame ${fmtMs(frame.duration)}: script ${fmtMs(frame.scriptMs)}, style+layout ${fmtMs(frame.styleAndLayoutMs)}; ${frame.scripts.join('; ')}`)
    }
    return { ...frameStats({ ...frames, ...position, reachedTarget: position.scrolledRows >= SCROLL_ROWS }, idle), cpu }
  } finally {
    await context.close()
  }
}

/**
 * Runs (a), (b) and (c) against its own Rapport on `dataset` (no other server may be using it),
 * printing each figure beside its target.
 */
export async function runWebBench(dataset: Dataset): Promise<WebBenchResult> {
  await createBenchUser(dataset)
  const server = await startRapport(dataset)
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS }).catch(async (error: unknown) => {
    await server.stop()
    throw error
  })
  try {
    const cookie = await signIn(server)
    log(`web: ${COLD_LOADS} cold loads of /records/people …`)
    const { coldLoad, js } = await coldLoads(browser, server, cookie, dataset.apiKey)
    figure(`web cold load, first rows of /records/people (${COLD_LOADS} new contexts): p50 ${fmtMs(coldLoad.p50)} max ${fmtMs(coldLoad.max)} | app first paint p50 ${fmtMs(coldLoad.fcpP50)} | empty page first paint p50 ${fmtMs(coldLoad.emptyPageFcpP50)} | API first page (Node) p50 ${fmtMs(coldLoad.apiFirstPageP50)} | ${targetText(coldLoad.targetMet, '< 1.5 s')}`)
    figure(`web first-load JavaScript: ${js.gzipKb.toFixed(1)} KB as sent (${js.files.map((f) => f.encoding).join(',')}), ${js.rawKb.toFixed(1)} KB unpacked, ${js.files.length} files | ${targetText(js.targetMet, '< 400 KB gzip')}`)
    log(`web: scrolling ${fmtInt(SCROLL_ROWS)} rows with the mouse wheel, ${ROWS_PER_WHEEL} rows a notch …`)
    const scroll = await scrollRun(browser, server, cookie)
    figure(`web scroll ${fmtInt(scroll.scrolledRows)} rows in ${scroll.seconds.toFixed(1)} s (${fmtInt(scroll.frames)} frames): p50 ${fmtMs(scroll.p50)} p95 ${fmtMs(scroll.p95)} max ${fmtMs(scroll.max)}, dropped ${fmtInt(scroll.dropped)} frames, long animation frames ${scroll.longFrames ?? 'n/a'}${scroll.longestFrameMs ? ` (longest ${fmtMs(scroll.longestFrameMs)})` : ''} | idle page p50 ${fmtMs(scroll.idle.p50)} p95 ${fmtMs(scroll.idle.p95)} max ${fmtMs(scroll.idle.max)} | ${targetText(scroll.targetMet, 'p95 < 16 ms, i.e. within one 60 Hz frame')}`)
    if (scroll.cpu) {
      const { threadMs, scriptMs, layoutMs, styleMs } = scroll.cpu
      figure(`  scroll main-thread CPU: ${fmtMs(threadMs)} over ${scroll.seconds.toFixed(1)} s = ${fmtMs(threadMs / scroll.frames)} per frame (script ${fmtMs(scriptMs)}, layout ${fmtMs(layoutMs)}, style ${fmtMs(styleMs)}); busy ${fmtPct(threadMs / (scroll.seconds * 1000))} of the wall time`)
    }
    figure(`  (load average ${os.loadavg()[0].toFixed(1)} at the end)`)
    return { coldLoad, scroll, firstLoadJs: js }
  } finally {
    await browser.close()
    await server.stop()
  }
}

async function main(): Promise<void> {
  const { people } = readBenchConfig()
  const dataset = await prepareSqlite(people)
  try {
    figure(`web benchmark on SQLite, ${fmtInt(people)} people${dataset.seed.cached ? ' (cached dataset)' : ''}; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the start`)
    const result = await runWebBench(dataset)
    log(`cold loads: ${result.coldLoad.firstRowsMs.map(fmtMs).join(', ')} (mean ${fmtMs(summarize(result.coldLoad.firstRowsMs).mean)})`)
  } finally {
    await dataset.cleanup()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench web: ${(error as Error).stack ?? error}\n`)
    process.exitCode = 1
  })
}
