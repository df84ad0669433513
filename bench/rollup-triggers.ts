/**
 * Benchmark: what rollups cost and give on data with realistic spread, isolated from HTTP and
 * from the seeded dataset (whose people share one creation day and no country). On a scratch
 * SQLite file shaped like `people` (created_at over 3 years, 60 countries, 300 job titles):
 *  - insert cost per record without triggers and with the bench dashboard's 5 rollups
 *    (rollup-ddl.ts, the DDL the server builds), alternated to damp a shared machine's noise;
 *  - each rollup's build time and size at `--rows` (default 1,000,000);
 *  - the reads the engine issues against them (rollup-read.ts shapes) beside the live group-by.
 *
 *   npm run build && node dist/bench/rollup-triggers.js [--rows=1000000]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { bucketStart, type BucketUnit } from '../server/src/db/dialects/date-bucket.js'
import { rollupDdl, rollupTable } from '../server/src/engine/rollups/rollup-ddl.js'
import { rollupIdOf, type RollupSpec } from '../server/src/engine/rollups/rollup-shape.js'
import { figure, figureLines, fmtInt, fmtMs, log, nowMs } from './support.js'

const ROWS = Number(process.argv.find((a) => a.startsWith('--rows='))?.split('=')[1] ?? 1_000_000)
const INSERT_BATCH = 1000
const INSERT_ROUNDS = 6
const DAY_MS = 86_400_000
const START = Date.UTC(2023, 11, 1)

const day = (column: string): RollupSpec['day'] => ({ column, kind: 'timestamp', timeZone: 'UTC' })
const SPECS: RollupSpec[] = [
  { table: 'people', day: day('created_at'), dims: [] },
  { table: 'people', day: null, dims: ['address_country'] },
  { table: 'people', day: null, dims: ['job_title'] },
  { table: 'people', day: null, dims: ['address_country', 'job_title'] },
  { table: 'people', day: day('created_at'), dims: ['address_country'] },
]

/** mulberry32: deterministic and well spread in every bit (an LCG's low bits repeat). */
let seed = 42
function next(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
}
const person = (i: number) => [
  `p${i.toString(36).padStart(8, '0')}${next(1e6)}`, new Date(START + next(3 * 365) * DAY_MS + next(DAY_MS)).toISOString(),
  next(20) === 0 ? null : `C${next(60)}`, next(10) === 0 ? null : `Title ${next(300)}`, `first${i}`, `last${next(5000)}`,
]

function open(file: string): Database.Database {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('cache_size = -16384')
  db.function('rp_bucket', { deterministic: true }, (value: unknown, unit: unknown, timeZone: unknown) =>
    bucketStart(value, unit as BucketUnit, typeof timeZone === 'string' ? timeZone : null))
  return db
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-rollups-'))
  const db = open(path.join(dir, 'bench.db'))
  try {
    db.exec(`create table people (id text primary key, created_at text not null, updated_at text, deleted_at text,
      address_country text, job_title text, first_name text, last_name text)`)
    db.exec('create index people_created on people (created_at, id)')
    db.exec('create index people_last on people (last_name, id)')
    const insert = db.prepare('insert into people (id, created_at, updated_at, address_country, job_title, first_name, last_name) values (?, ?, ?, ?, ?, ?, ?)')
    const add = (from: number, count: number) => db.transaction(() => {
      for (let i = from; i < from + count; i++) {
        const [id, at, country, title, first, last] = person(i)
        insert.run(id, at, at, country, title, first, last)
      }
    })()
    log(`filling ${fmtInt(ROWS)} rows …`)
    for (let i = 0; i < ROWS; i += 50_000) add(i, Math.min(50_000, ROWS - i))

    const ddls = SPECS.map((spec) => ({ spec, id: rollupIdOf(spec), ddl: rollupDdl('sqlite', null, rollupIdOf(spec), spec) }))
    let serial = ROWS
    const insertMs = (): number => {
      const started = nowMs()
      add(serial, INSERT_BATCH)
      serial += INSERT_BATCH
      return (nowMs() - started) / INSERT_BATCH
    }
    const without: number[] = []
    const withRollups: number[] = []
    for (const r of ddls) {
      const started = nowMs()
      db.transaction(() => { for (const s of r.ddl.create) db.exec(s); db.exec(r.ddl.fill) })()
      const rows = (db.prepare(`select count(*) as c from "${rollupTable(r.id)}"`).get() as { c: number }).c
      figure(`rollup by [${[...(r.spec.day ? ['day(created_at)'] : []), ...r.spec.dims].join(', ')}]: built in ${fmtMs(nowMs() - started)} over ${fmtInt(ROWS)} rows → ${fmtInt(rows)} rows`)
    }
    // Alternate: drop the triggers, time inserts, put them back, time inserts.
    const triggers = db.prepare(`select name, sql from sqlite_master where type = 'trigger'`).all() as { name: string; sql: string }[]
    for (let round = 0; round < INSERT_ROUNDS; round++) {
      for (const t of triggers) db.exec(`drop trigger "${t.name}"`)
      without.push(insertMs())
      // (The rows inserted meanwhile are missing from the rollups: irrelevant to what this times.)
      for (const t of triggers) db.exec(t.sql)
      withRollups.push(insertMs())
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    figure(`insert cost per record (${INSERT_BATCH}-row transactions, median of ${INSERT_ROUNDS}): ${(median(without) * 1000).toFixed(1)} µs without rollups · ${(median(withRollups) * 1000).toFixed(1)} µs with the 5 rollups (+${((median(withRollups) - median(without)) * 1000).toFixed(1)} µs)`)

    const timed = (label: string, query: string, reps = 3) => {
      const stmt = db.prepare(query)
      stmt.all()
      const times = Array.from({ length: reps }, () => { const s = nowMs(); stmt.all(); return nowMs() - s })
      return `${label} ${fmtMs(median(times))}`
    }
    const [byDay, byCountry, byTitle, countryTitle, dayCountry] = ddls.map((r) => `"${rollupTable(r.id)}"`)
    const live = 'from people where deleted_at is null'
    figure(`reads at ${fmtInt(ROWS)} rows (rollup · live):`)
    figure(`  KPI month      ${timed('rollup', `select sum(n) from ${byDay} where n > 0 and d >= '2026-10-01' and d < '2026-11-01'`)} · ${timed('live', `select count(*) ${live} and created_at >= '2026-10-01T00:00:00.000Z' and created_at < '2026-11-01T00:00:00.000Z'`)}`)
    figure(`  by country     ${timed('rollup', `select c_address_country, sum(n) from ${byCountry} where n > 0 group by 1 order by 1`)} · ${timed('live', `select address_country, count(*) ${live} group by 1 order by 1`, 1)}`)
    figure(`  top titles     ${timed('rollup', `select c_job_title, sum(n) from ${byTitle} where n > 0 group by 1 order by 1`)} · ${timed('live', `select job_title, count(*) ${live} group by 1 order by 1`, 1)}`)
    figure(`  by month       ${timed('rollup', `select rp_bucket(d, 'month', null), sum(n) from ${byDay} where n > 0 group by 1 order by 1`)} · ${timed('live', `select rp_bucket(created_at, 'month', 'UTC'), count(*) ${live} group by 1 order by 1`, 1)}`)
    figure(`  country table  ${timed('rollup', `select c_address_country, sum(n), count(distinct c_job_title) from ${countryTitle} where n > 0 group by 1 order by 1`)} · ${timed('live', `select address_country, count(*), count(distinct job_title) ${live} group by 1 order by 1`, 1)}`)
    figure(`  country × year ${timed('rollup', `select c_address_country, rp_bucket(d, 'year', null), sum(n) from ${dayCountry} where n > 0 group by 1, 2 order by 1, 2`)} · ${timed('live', `select address_country, rp_bucket(created_at, 'year', 'UTC'), count(*) ${live} group by 1, 2 order by 1, 2`, 1)}`)
  } finally {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  process.stdout.write(`\n${figureLines.join('\n')}\n`)
}

main()
