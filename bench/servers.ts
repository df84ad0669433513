/**
 * Starts the two HTTP servers under test as child processes on free 127.0.0.1 ports: Rapport
 * itself (`bin/rapport serve` with npm start's node flags) and the bare Fastify baseline (baseline-server.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Dataset } from './dataset.js'
import { RAPPORT_BIN, ROOT, freePort, spawnTracked, stopChild, waitForHttp } from './support.js'

export interface RunningServer {
  name: string
  url: string
  pid: number
  /** Last lines the process wrote (stderr and stdout), for diagnosing failures. */
  logTail(): string
  stop(): Promise<void>
}

const LOG_KEEP = 20_000

async function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, readyPath: string): Promise<RunningServer> {
  const port = await freePort()
  const child: ChildProcess = spawnTracked(process.execPath, args, {
    cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-LOG_KEEP)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  const server: RunningServer = {
    name, url, pid: child.pid!,
    logTail: () => output,
    stop: () => stopChild(child),
  }
  try {
    await waitForHttp(`${url}${readyPath}`, 120_000, child)
  } catch (error) {
    await server.stop()
    throw new Error(`${name} did not start: ${(error as Error).message}\n${output.slice(-3000)}`)
  }
  return server
}

/**
 * Node flags of the server as `npm start` runs it (its heap limit), so the benchmarks measure
 * what users run; plus BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
function serverNodeArgs(): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  const words = start.split(/\s+/)
  const flags = words.slice(words.indexOf('node') + 1, words.indexOf('bin/rapport')).filter((w) => w.startsWith('--'))
  return [...flags, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)]
}

export function startRapport(dataset: Pick<Dataset, 'dialect' | 'env'> & Partial<Dataset>): Promise<RunningServer> {
  return startProcess(`rapport (${dataset.dialect})`, [...serverNodeArgs(), RAPPORT_BIN, 'serve'], { ...dataset.env, LOG_LEVEL: 'warn' }, '/healthz')
}

export function startBaseline(dataset: Dataset): Promise<RunningServer> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'baseline-server.js')
  return startProcess(`bare fastify (${dataset.dialect})`, [script], {
    ...process.env,
    BENCH_DIALECT: dataset.dialect,
    BENCH_SQLITE_FILE: dataset.sqliteFile ?? '',
    BENCH_PG_URL: dataset.pgUrl ?? '',
    BENCH_PG_SCHEMA: dataset.pgSchema ?? '',
  }, '/healthz')
}
