/**
 * Seeded datasets. SQLite: seeded once into bench/.data/sqlite-<N> (reused while its marker
 * file says it is complete), then copied to a run directory so the write benchmarks never
 * change the cached copy. PostgreSQL: a throwaway cluster seeded on every run.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, RAPPORT_BIN, log, runCommand, type Dialect } from './support.js'

export interface Dataset {
  dialect: Dialect
  /** Environment that points the CLI and the server at this dataset. */
  env: NodeJS.ProcessEnv
  workspaceId: string
  apiKey: string
  sqliteFile: string | null
  pgUrl: string | null
  pgSchema: string | null
  /** analyzeSeconds: Postgres only, the VACUUM ANALYZE after seeding (not part of `seconds`). */
  seed: { seconds: number; cached: boolean; log: string; analyzeSeconds?: number }
  cleanup(): Promise<void>
}

const DATA_ROOT = path.join(ROOT, 'bench', '.data')
const SEED_TIMEOUT_MS = 45 * 60_000

async function seed(env: NodeJS.ProcessEnv, people: number): Promise<{ seconds: number; log: string }> {
  log(`seeding ${people.toLocaleString('en')} people (${env.DATABASE_URL ? 'postgres' : 'sqlite'}) …`)
  const result = await runCommand(process.execPath, [RAPPORT_BIN, 'seed', '--demo', '--people', String(people), '--orders-per-person', '0'], {
    env, timeoutMs: SEED_TIMEOUT_MS, forwardStderr: true,
  })
  log(`seeded in ${(result.ms / 1000).toFixed(1)} s`)
  return { seconds: result.ms / 1000, log: result.stderr.trim() }
}

async function createApiKey(env: NodeJS.ProcessEnv): Promise<{ key: string; workspaceId: string }> {
  const { stdout, stderr } = await runCommand(process.execPath, [RAPPORT_BIN, 'api-key', 'create', '--name', 'bench'], { env, timeoutMs: 60_000 })
  const key = stdout.trim().split('\n').at(-1) ?? ''
  const workspaceId = /workspace (\S+?)[\s:(]/.exec(stderr)?.[1]
  if (!key.startsWith('rpk_') || !workspaceId) throw new Error(`could not read the API key / workspace from: ${stdout} ${stderr}`)
  return { key, workspaceId }
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  delete env.RAPPORT_DATA_DIR
  delete env.RAPPORT_CURSOR_SECRET
  return env
}

/** Copies a store's database files (control and workspaces) to `to`, cloning where the filesystem can. */
export function copyStore(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true })
  for (const dir of ['', 'workspaces']) {
    fs.mkdirSync(path.join(to, dir), { recursive: true })
    for (const name of fs.readdirSync(path.join(from, dir))) {
      const source = path.join(from, dir, name)
      if (fs.statSync(source).isFile() && /\.db(-wal)?$/.test(name)) fs.copyFileSync(source, path.join(to, dir, name), fs.constants.COPYFILE_FICLONE)
    }
  }
}

/** Hash of the .ts files under the given folders (tests excluded). */
function codeHash(dirs: string[]): string {
  const hash = createHash('sha256')
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) visit(file)
      else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) hash.update(`${path.relative(ROOT, file)}\n`).update(fs.readFileSync(file))
    }
  }
  for (const dir of dirs) visit(path.join(ROOT, dir))
  return hash.digest('hex').slice(0, 16)
}

/** The code that decides what a seeded store holds (workspace creation, seeding): a change means reseed. */
const seedFingerprint = (): string => codeHash(['server/src/modules/workspaces', 'server/src/modules/seed'])
/** Schema migrations: a change is applied to the cached store in place (`rapport migrate`), not reseeded. */
const migrationsFingerprint = (): string => codeHash(['server/src/db/migrations'])

interface SavedMarker { people: number; seedSeconds: number; seedLog: string; seededAt: string; seedFingerprint?: string; migrations?: string }

export async function prepareSqlite(people: number): Promise<Dataset> {
  const cacheDir = path.join(DATA_ROOT, `sqlite-${people}`)
  const marker = path.join(cacheDir, 'complete.json')
  const saved = fs.existsSync(marker) ? JSON.parse(fs.readFileSync(marker, 'utf8')) as SavedMarker : null
  const seeds = seedFingerprint()
  if (saved && saved.seedFingerprint !== seeds) log(`cached ${path.relative(ROOT, cacheDir)} was seeded by different code (workspaces/seed changed): reseeding`)
  let seedInfo: Dataset['seed']
  if (saved && saved.seedFingerprint === seeds) {
    seedInfo = { seconds: saved.seedSeconds, cached: true, log: saved.seedLog }
    log(`reusing ${path.relative(ROOT, cacheDir)} (seeded ${saved.seededAt} in ${saved.seedSeconds.toFixed(1)} s)`)
    const migrations = migrationsFingerprint()
    if (saved.migrations !== migrations) {
      // Applied here, once, so no measured server pays for building a new index on 1M rows.
      const upgraded = await runCommand(process.execPath, [RAPPORT_BIN, 'migrate'], { env: { ...baseEnv(), RAPPORT_DATA_DIR: cacheDir }, timeoutMs: SEED_TIMEOUT_MS })
      log(`applied new migrations to the cached dataset in ${(upgraded.ms / 1000).toFixed(1)} s`)
      fs.writeFileSync(marker, JSON.stringify({ ...saved, migrations }, null, 2))
    }
  } else {
    fs.rmSync(cacheDir, { recursive: true, force: true })
    fs.mkdirSync(cacheDir, { recursive: true })
    const seeded = await seed({ ...baseEnv(), RAPPORT_DATA_DIR: cacheDir }, people)
    seedInfo = { seconds: seeded.seconds, cached: false, log: seeded.log }
    const fresh: SavedMarker = { people, seedFingerprint: seeds, migrations: migrationsFingerprint(), seedSeconds: seeded.seconds, seedLog: seeded.log, seededAt: new Date().toISOString() }
    fs.writeFileSync(marker, JSON.stringify(fresh, null, 2))
  }
  const runDir = path.join(DATA_ROOT, `run-sqlite-${people}`)
  const copyStarted = Date.now()
  copyStore(cacheDir, runDir)
  log(`copied the dataset to ${path.relative(ROOT, runDir)} in ${((Date.now() - copyStarted) / 1000).toFixed(1)} s`)
  const env = { ...baseEnv(), RAPPORT_DATA_DIR: runDir }
  const { key, workspaceId } = await createApiKey(env)
  return {
    dialect: 'sqlite', env, workspaceId, apiKey: key, seed: seedInfo,
    sqliteFile: path.join(runDir, 'workspaces', `${workspaceId}.db`), pgUrl: null, pgSchema: null,
    async cleanup() {
      fs.rmSync(runDir, { recursive: true, force: true })
    },
  }
}

interface TestPostgres { url: string; dataDir: string; stop(): Promise<void> }

/**
 * Diagnostics, off by default: BENCH_PG_EXPLAIN_MS=<ms> makes new sessions load auto_explain
 * and log the plan of every statement slower than that; the plans are saved under
 * bench/.data/ before the cluster is removed.
 */
async function enableAutoExplain(url: string, ms: number): Promise<void> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`alter system set session_preload_libraries = 'auto_explain'`)
    await client.query(`alter system set auto_explain.log_min_duration = '${Math.round(ms)}ms'`)
    await client.query('select pg_reload_conf()')
  } finally {
    await client.end()
  }
  log(`auto_explain on for statements slower than ${ms} ms`)
}

function saveSlowPlans(pgDataDir: string): void {
  const source = path.join(path.dirname(pgDataDir), 'postgres.log')
  if (!fs.existsSync(source)) return
  const target = path.join(DATA_ROOT, `pg-slow-plans-${new Date().toISOString().replace(/[:.]/g, '-')}.log`)
  fs.copyFileSync(source, target)
  log(`postgres log with slow plans: ${path.relative(ROOT, target)}`)
}

/**
 * What autovacuum does a minute after a bulk load (statistics, visibility map), done at once
 * so every run measures the same steady state instead of racing the autovacuum daemon.
 */
async function vacuumAnalyze(url: string, schema: string): Promise<number> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
  await client.connect()
  const started = Date.now()
  try {
    await client.query('vacuum analyze')
  } finally {
    await client.end()
  }
  const seconds = (Date.now() - started) / 1000
  log(`vacuum analyze after seeding: ${seconds.toFixed(1)} s`)
  return seconds
}

export async function preparePostgres(people: number): Promise<Dataset> {
  const moduleUrl = new URL('../../scripts/pg-test-server.mjs', import.meta.url).href
  const { startTestPostgres } = (await import(moduleUrl)) as { startTestPostgres: () => Promise<TestPostgres> }
  const pg = await startTestPostgres()
  try {
    const env = { ...baseEnv(), DATABASE_URL: pg.url }
    const seeded = await seed(env, people)
    const { key, workspaceId } = await createApiKey(env)
    const analyzeSeconds = await vacuumAnalyze(pg.url, `ws_${workspaceId}`)
    const explainMs = Number(process.env.BENCH_PG_EXPLAIN_MS ?? 0)
    if (explainMs > 0) await enableAutoExplain(pg.url, explainMs)
    return {
      dialect: 'postgres', env, workspaceId, apiKey: key, seed: { ...seeded, cached: false, analyzeSeconds },
      sqliteFile: null, pgUrl: pg.url, pgSchema: `ws_${workspaceId}`,
      async cleanup() {
        if (explainMs > 0) saveSlowPlans(pg.dataDir)
        await pg.stop()
      },
    }
  } catch (error) {
    await pg.stop()
    throw error
  }
}

export const prepareDataset = (dialect: Dialect, people: number) => (dialect === 'sqlite' ? prepareSqlite(people) : preparePostgres(people))
