/**
 * Shared helpers for the benchmarks: configuration, timing statistics, formatting, a
 * keep-alive HTTP client for sequential timings, and tracked child processes that are always
 * stopped (on normal exit, on errors and on Ctrl-C).
 */
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Repository root (this file runs from dist/bench/). */
export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const RAPPORT_BIN = path.join(ROOT, 'bin', 'rapport')

export type Dialect = 'sqlite' | 'postgres'

export interface BenchConfig {
  people: number
  dialects: Dialect[]
  /** Seconds per autocannon run. */
  durationSec: number
}

/** Env BENCH_PEOPLE / BENCH_DIALECTS / BENCH_DURATION, or flags --people= --dialects= --duration=. */
export function readBenchConfig(argv = process.argv.slice(2), env = process.env): BenchConfig {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const people = Number(flag('people') ?? env.BENCH_PEOPLE ?? 1_000_000)
  const durationSec = Number(flag('duration') ?? env.BENCH_DURATION ?? 10)
  const dialects = (flag('dialects') ?? env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()).filter(Boolean)
  if (!Number.isInteger(people) || people < 1000) throw new Error('BENCH_PEOPLE must be an integer ≥ 1000')
  if (!(durationSec > 0 && durationSec <= 120)) throw new Error('BENCH_DURATION must be 1..120 seconds')
  for (const d of dialects) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect ${d}`)
  return { people, dialects: dialects as Dialect[], durationSec }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6

export interface Summary { n: number; p50: number; p99: number; max: number; mean: number }

/** Nearest-rank percentiles of millisecond samples. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length)
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? NaN, mean }
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : 'n/a')
export const fmtMs = (ms: number) => (!Number.isFinite(ms) ? 'n/a' : `${ms < 1 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en')} ms`)
export const fmtPct = (ratio: number) => (Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : 'n/a')
export const targetText = (met: boolean, text: string) => `target ${text}: ${met ? 'met' : 'NOT met'}`

/** Every printed figure goes through here so the final table can repeat them. */
export const figureLines: string[] = []
export function figure(line: string): void {
  figureLines.push(line)
  process.stdout.write(`${line}\n`)
}

/**
 * Runs a standalone benchmark once per dialect: a dialect that throws is reported as an ERROR
 * figure and the others still run; then the figures are repeated and the exit code says whether
 * every dialect gave the same answers as its raw side (`run` returns false when not).
 */
export async function runPerDialect(dialects: Dialect[], run: (dialect: Dialect) => Promise<boolean>): Promise<void> {
  let failed = false
  for (const dialect of dialects) {
    try {
      if (!(await run(dialect))) failed = true
    } catch (error) {
      failed = true
      figure(`ERROR (${dialect}): ${(error as Error).stack ?? error}`)
    }
  }
  process.stdout.write('\n=== Figures ===\n' + figureLines.join('\n') + '\n')
  if (failed) process.exitCode = 1
}

// ------------------------------------------------------------------ HTTP (sequential timings)

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })

export interface HttpResult { status: number; body: string; ms: number; headers: http.IncomingHttpHeaders }

/** One request over a keep-alive connection; `ms` is from send to the last body byte. */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const headers: Record<string, string> = { ...options.headers }
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json'
      headers['content-length'] = String(Buffer.byteLength(options.body))
    }
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent, timeout: options.timeoutMs ?? 120_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`timeout: ${options.method ?? 'GET'} ${url}`)))
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Like request() but throws unless the status is expected; returns the parsed JSON body. */
export async function requestJson<T>(url: string, options: Parameters<typeof request>[1] & { expect?: number[] } = {}): Promise<{ json: T; ms: number; status: number }> {
  const res = await request(url, options)
  if (!(options.expect ?? [200]).includes(res.status)) throw new Error(`${options.method ?? 'GET'} ${url.slice(0, 200)} → ${res.status}: ${res.body.slice(0, 500)}`)
  return { json: (res.body ? JSON.parse(res.body) : null) as T, ms: res.ms, status: res.status }
}

/** Times `count` sequential GETs rotating through `urls` (bounded by maxMs). Non-2xx answers are counted. */
export async function timeSequential(urls: string[], count: number, headers: Record<string, string>, maxMs = 120_000): Promise<Summary & { failures: number }> {
  const samples: number[] = []
  let failures = 0
  const deadline = nowMs() + maxMs
  for (let i = 0; i < count && nowMs() < deadline; i++) {
    const res = await request(urls[i % urls.length], { headers })
    if (res.status >= 300) failures++
    samples.push(res.ms)
  }
  return { ...summarize(samples), failures }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Polls url until it answers 200 (bounded). */
export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process exited (code ${child.exitCode}) before ${url} answered`)
    try {
      if ((await request(url, { timeoutMs: 2000 })).status === 200) return
    } catch { /* not up yet */ }
    await sleep(100)
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

// ------------------------------------------------------------------ child processes

const children = new Set<ChildProcess>()

export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options)
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/** Runs a command to completion (bounded); stderr lines can be forwarded for progress. */
export function runCommand(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs: number; forwardStderr?: boolean }): Promise<{ stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = nowMs()
    const child = spawnTracked(command, args, { cwd: ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString()
      if (options.forwardStderr) process.stderr.write(c.toString().replace(/^(?=.)/gm, '    '))
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve({ stdout, stderr, ms: nowMs() - started })
      else reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} failed (${signal ?? `exit ${code}`}): ${stderr.slice(-2000)}`))
    })
  })
}

let interrupted = false
process.once('exit', () => children.forEach((child) => child.exitCode === null && child.kill('SIGKILL')))
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return
    interrupted = true
    log(`${signal}: stopping child processes`)
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
    setTimeout(() => process.exit(130), 2000).unref()
  })
}

/** Resident set size and its peak (VmRSS / VmHWM from /proc/<pid>/status), in MB. */
export async function processMemory(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const { readFile } = await import('node:fs/promises')
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const mb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)\\s+kB`).exec(status)?.[1]) / 1024
  return { rssMb: mb('VmRSS'), peakMb: mb('VmHWM') }
}
