/**
 * The import at scale, end to end: a generated 15-column people CSV (1,000,000 rows ≈ 200 MB
 * with --rows=1000000) uploaded to a real `bin/rapport serve` child process over HTTP and
 * imported by the job on SQLite. Reports, from the same run:
 *   - our rows/s (upload + inspection + apply) and the server's peak RSS (VmHWM);
 *   - raw better-sqlite3 inserts of the same values into a copy of the workspace's people table
 *     (bench/import-raw.ts, same transaction size as the import's checkpoints);
 *   - PostgreSQL COPY of the same file into a copy of a Rapport people table (an embedded cluster,
 *     server-side `COPY … FROM '<file>'`; the file's unmapped columns land in extra text columns),
 *     and the same import through the server on that cluster (peak RSS counts the server only);
 *   - the time lost to three kill -9 restarts: the same import into a fresh store, the server
 *     SIGKILLed at ~25/50/75% of rows and started again (it resumes the job at start): total time
 *     minus the clean run's, and each restart timed on its own (see killedRun); then every email
 *     is checked: exactly N people, none twice, none missing.
 *
 *   node dist/bench/import-1m.js [--rows=1000000] [--kills=3] [--no-pg]   (BENCH_IMPORT_1M_ROWS)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import Database from 'better-sqlite3'
import { DEFAULT_BATCH_ROWS } from '../server/src/modules/imports/import-runner.js'
import { CSV_COLUMNS, emailOf, writeCsv } from './import-csv.js'
import { rawBaselines } from './import-raw.js'
import { startRapport, type RunningServer } from './servers.js'
import { RAPPORT_BIN, figure, fmtInt, fmtPct, log, nowMs, processMemory, requestJson, runCommand, sleep, targetText } from './support.js'

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const ROWS = Number(flag('rows') ?? process.env.BENCH_IMPORT_1M_ROWS ?? 1_000_000)
const KILLS = Number(flag('kills') ?? 3)
const WITH_PG = !process.argv.includes('--no-pg')

interface JobView { id: string; status: string; error: string | null; progress: { rowsDone: number; totalRows: number }; counts: { create: number; fail: number; skip: number }; unmappedColumns: string[] }

/** A fresh data directory (SQLite, or Postgres at `databaseUrl`) with a workspace and an administrator API key. */
async function freshStore(dir: string, databaseUrl?: string): Promise<{ env: NodeJS.ProcessEnv; apiKey: string; workspaceId: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, RAPPORT_DATA_DIR: dir, LOG_LEVEL: 'warn' }
  if (databaseUrl) env.DATABASE_URL = databaseUrl
  else delete env.DATABASE_URL
  const { stdout, stderr } = await runCommand(process.execPath, [RAPPORT_BIN, 'api-key', 'create', '--name', 'bench'], { env, timeoutMs: 120_000 })
  const apiKey = stdout.trim().split('\n').at(-1) ?? ''
  const workspaceId = /workspace (\S+?)[\s:(]/.exec(stderr)?.[1]
  if (!apiKey.startsWith('rpk_') || !workspaceId) throw new Error(`no API key in: ${stdout} ${stderr}`)
  return { env, apiKey, workspaceId }
}

/** POSTs the file as the raw request body (streamed); resolves with the job's view. */
function upload(server: RunningServer, apiKey: string, file: string): Promise<JobView> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}/api/v1/imports?object=people&mode=apply&fileName=people.csv`, {
      method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv', 'content-length': String(fs.statSync(file).size) },
    }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => (res.statusCode === 202 ? resolve((JSON.parse(body) as { data: JobView }).data) : reject(new Error(`upload → ${res.statusCode}: ${body.slice(0, 500)}`))))
      res.on('error', reject)
    })
    req.on('error', reject)
    fs.createReadStream(file).pipe(req)
  })
}

async function job(server: RunningServer, apiKey: string, id: string): Promise<JobView> {
  return (await requestJson<{ data: JobView }>(`${server.url}/api/v1/imports/${id}`, { headers: { authorization: `Bearer ${apiKey}` } })).json.data
}

/** Polls the job until `until` holds or it leaves 'running' (then it must have completed). */
async function follow(server: RunningServer, apiKey: string, id: string, until: (view: JobView) => boolean = () => false): Promise<JobView> {
  for (;;) {
    const view = await job(server, apiKey, id)
    if (view.status !== 'running') {
      if (view.status !== 'completed') throw new Error(`import ended ${view.status}: ${view.error}`)
      return view
    }
    if (until(view)) return view
    await sleep(50)
  }
}

/** The clean run: upload, wait, peak RSS of the server. */
async function cleanRun(file: string, dir: string, databaseUrl?: string): Promise<{ seconds: number; uploadSeconds: number; peakMb: number; view: JobView; workspaceFile: string }> {
  const store = await freshStore(dir, databaseUrl)
  const server = await startRapport({ dialect: databaseUrl ? 'postgres' : 'sqlite', env: store.env })
  try {
    const started = nowMs()
    const created = await upload(server, store.apiKey, file)
    const uploadSeconds = (nowMs() - started) / 1000
    const view = await follow(server, store.apiKey, created.id)
    const seconds = (nowMs() - started) / 1000
    const { peakMb } = await processMemory(server.pid)
    return { seconds, uploadSeconds, peakMb, view, workspaceFile: path.join(dir, 'workspaces', `${store.workspaceId}.db`) }
  } finally {
    await server.stop()
  }
}

/**
 * The same import killed with SIGKILL at each fraction of rows and restarted. Besides the total,
 * each restart's own cost is timed: from the kill until the resumed job has committed past the
 * row it had reached, less the time the clean run took for those extra rows — so a machine
 * getting faster or slower meanwhile does not count as time lost or won.
 */
async function killedRun(file: string, dir: string, cleanRate: number): Promise<{ seconds: number; killedAt: number[]; lostSeconds: number; workspaceFile: string }> {
  const store = await freshStore(dir)
  let server = await startRapport({ dialect: 'sqlite', env: store.env })
  const killedAt: number[] = []
  let lostSeconds = 0
  try {
    const started = nowMs()
    const { id } = await upload(server, store.apiKey, file)
    for (let k = 1; k <= KILLS; k++) {
      const at = Math.floor((ROWS * k) / (KILLS + 1))
      const view = await follow(server, store.apiKey, id, (v) => v.progress.rowsDone >= at)
      if (view.status === 'completed') break
      process.kill(server.pid, 'SIGKILL')
      const killed = nowMs()
      await server.stop() // waits for the exit
      killedAt.push(view.progress.rowsDone)
      log(`killed at ${fmtInt(view.progress.rowsDone)} rows; restarting`)
      server = await startRapport({ dialect: 'sqlite', env: store.env })
      const resumed = await follow(server, store.apiKey, id, (v) => v.progress.rowsDone > view.progress.rowsDone)
      lostSeconds += (nowMs() - killed) / 1000 - (resumed.progress.rowsDone - view.progress.rowsDone) / cleanRate
    }
    await follow(server, store.apiKey, id)
    return { seconds: (nowMs() - started) / 1000, killedAt, lostSeconds, workspaceFile: path.join(dir, 'workspaces', `${store.workspaceId}.db`) }
  } finally {
    await server.stop()
  }
}

/** Exactly ROWS live people, every generated email once. */
function checkEmails(workspaceFile: string): { people: number; duplicated: number; missing: number } {
  const db = new Database(workspaceFile, { readonly: true })
  try {
    const emails = db.prepare('select email from people where deleted_at is null').pluck().all() as string[]
    const seen = new Set<string>()
    let duplicated = 0
    for (const email of emails) { if (seen.has(email)) duplicated++; seen.add(email) }
    let missing = 0
    for (let i = 0; i < ROWS; i++) if (!seen.has(emailOf(i))) missing++
    return { people: emails.length, duplicated, missing }
  } finally {
    db.close()
  }
}

interface TestPostgres { url: string; stop(): Promise<void> }

/**
 * On an embedded cluster: COPY of the same file into a copy of a Rapport workspace's people
 * table, and the same import through `bin/rapport serve` on Postgres.
 */
async function postgresRates(file: string, dir: string): Promise<{ copy: number; imported: number; peakMb: number }> {
  const moduleUrl = new URL('../../scripts/pg-test-server.mjs', import.meta.url).href
  const { startTestPostgres } = (await import(moduleUrl)) as { startTestPostgres: () => Promise<TestPostgres> }
  const pg = await startTestPostgres()
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: pg.url, LOG_LEVEL: 'warn' }
    const { stdout } = await runCommand(process.execPath, [RAPPORT_BIN, 'workspace', 'create', '--name', 'bench'], { env, timeoutMs: 300_000 })
    const schema = `ws_${stdout.trim().split('\n').at(-1)}`
    const { default: pgClient } = await import('pg')
    const client = new pgClient.Client({ connectionString: pg.url })
    await client.connect()
    try {
      await client.query(`set search_path = ${schema}`)
      // Same columns, defaults, constraints and indexes; what the server fills in comes from defaults here.
      await client.query('create table people_copy (like people including all)')
      await client.query(`alter table people_copy alter column id set default gen_random_uuid()::text, alter column created_at set default now(),
        alter column updated_at set default now(), alter column created_by set default 'bench', alter column owner_id set default 'bench', alter column version set default 1`)
      const extra = CSV_COLUMNS.slice(4).map((_, i) => `csv_${i}`)
      await client.query(`alter table people_copy ${extra.map((c) => `add column ${c} text`).join(', ')}`)
      const started = nowMs()
      await client.query(`copy people_copy (first_name, last_name, email, phone, ${extra.join(', ')}) from '${file}' with (format csv, header true)`)
      const seconds = (nowMs() - started) / 1000
      const { rows } = await client.query<{ n: string }>('select count(*) as n from people_copy')
      if (Number(rows[0].n) !== ROWS) throw new Error(`COPY loaded ${rows[0].n} rows`)
      await client.query('drop table people_copy')
      log('postgres import through the server …')
      const run = await cleanRun(file, dir, pg.url)
      if (run.view.counts.create !== ROWS) throw new Error(`the Postgres import created ${run.view.counts.create} of ${ROWS}`)
      return { copy: ROWS / seconds, imported: ROWS / run.seconds, peakMb: run.peakMb }
    } finally {
      await client.end()
    }
  } finally {
    await pg.stop()
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(ROWS) || ROWS < 1000) throw new Error('--rows must be an integer ≥ 1000')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-import-1m-'))
  fs.chmodSync(dir, 0o755) // the embedded Postgres runs as its own OS user and reads the file for COPY
  try {
    const file = path.join(dir, 'people.csv')
    const bytes = await writeCsv(file, ROWS)
    fs.chmodSync(file, 0o644)
    log(`import-1m: ${fmtInt(ROWS)} rows × ${CSV_COLUMNS.length} columns, ${(bytes / 2 ** 20).toFixed(0)} MB CSV`)

    const clean = await cleanRun(file, path.join(dir, 'clean'))
    if (clean.view.counts.create !== ROWS) throw new Error(`clean run created ${clean.view.counts.create} of ${ROWS}`)
    const rate = ROWS / clean.seconds
    log(`clean import ${clean.seconds.toFixed(1)} s; raw better-sqlite3 …`)
    const raw = rawBaselines(dir, clean.workspaceFile, ROWS, DEFAULT_BATCH_ROWS)
    fs.rmSync(path.join(dir, 'clean'), { recursive: true, force: true })
    fs.rmSync(path.join(dir, 'raw-same.db'), { force: true })
    fs.rmSync(path.join(dir, 'raw-narrow.db'), { force: true })
    let pgRates = { copy: NaN, imported: NaN, peakMb: NaN }
    if (WITH_PG) {
      log('postgres COPY …')
      try { pgRates = await postgresRates(file, path.join(dir, 'pg')) } catch (error) { log(`postgres failed: ${(error as Error).message}`) }
    }
    const copy = pgRates.copy
    const mapped = CSV_COLUMNS.length - clean.view.unmappedColumns.length
    figure(`import ${fmtInt(ROWS)} people × ${CSV_COLUMNS.length} columns (${mapped} mapped), ${(bytes / 2 ** 20).toFixed(0)} MB, through bin/rapport serve (sqlite): ` +
      `${clean.seconds.toFixed(1)} s (upload and inspection ${clean.uploadSeconds.toFixed(1)} s) = ${fmtInt(rate)} rows/s | raw better-sqlite3 same people table ${fmtInt(raw.sameTable)} rows/s (${fmtPct(rate / raw.sameTable)}; ` +
      `${targetText(rate >= raw.sameTable / 2, '≥ 50%')}), narrow 2-index table ${fmtInt(raw.narrow)} rows/s (${fmtPct(rate / raw.narrow)}) | ` +
      `postgres COPY ${fmtInt(copy)} rows/s (${fmtPct(rate / copy)}) | server peak RSS ${fmtInt(clean.peakMb)} MB (${targetText(clean.peakMb < 300, '< 300 MB')})`)
    if (WITH_PG) {
      figure(`import ${fmtInt(ROWS)} people through bin/rapport serve (postgres): ${fmtInt(pgRates.imported)} rows/s = ${fmtPct(pgRates.imported / copy)} of COPY into the same table ` +
        `(${fmtInt(copy)} rows/s) | server peak RSS ${fmtInt(pgRates.peakMb)} MB`)
    }

    if (KILLS > 0) {
      const killed = await killedRun(file, path.join(dir, 'killed'), rate)
      const check = checkEmails(killed.workspaceFile)
      const exact = check.people === ROWS && check.duplicated === 0 && check.missing === 0
      figure(`import ${fmtInt(ROWS)} people with ${killed.killedAt.length} kill -9 restarts (at ${killed.killedAt.map(fmtInt).join(' / ')} rows): ${killed.seconds.toFixed(1)} s, ` +
        `${(killed.seconds - clean.seconds).toFixed(1)} s more than the clean run; the restarts themselves cost ${killed.lostSeconds.toFixed(1)} s ` +
        `(kill → resumed job past the killed checkpoint, less the clean run's time for the rows in between) | ${fmtInt(check.people)} people, ${check.duplicated} duplicated, ${check.missing} missing emails (${targetText(exact, 'exact')})`)
      if (!exact) process.exitCode = 1
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

await main()
