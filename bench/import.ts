/**
 * Import throughput: a generated people CSV (15 columns, 4 of them mapped to standard fields and
 * the rest reported as not imported) through the import job on SQLite, beside raw
 * better-sqlite3 inserts of the same rows in 500-row transactions from the same run: into a copy
 * of the workspace's people table (same columns and indexes, no search index: the fair
 * baseline) and into a narrow two-index table (what a bare loader would do). Prints rows/s and
 * the peak RSS of this process during the import.
 *
 *   node dist/bench/import.js [--rows=100000]      (BENCH_IMPORT_ROWS)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import Database from 'better-sqlite3'
import { createServices } from '../server/src/app.js'
import { openSqliteDatabase } from '../server/src/db/database.js'

const BATCH = 500
const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? process.env.BENCH_IMPORT_ROWS ?? 100_000)
const COLUMNS = ['First name', 'Last name', 'Email', 'Phone', 'City', 'Street', 'Zip', 'Country', 'Birthday', 'Score', 'Tier', 'Source', 'Notes', 'Tag', 'Ref']

function* csvLines(): Generator<string> {
  yield `${COLUMNS.join(',')}\n`
  for (let i = 0; i < rows; i++) {
    yield `Name${i},Surname${i % 997},p${i}@bench.example,+3706${String(1_000_000 + i).slice(-7)},Vilnius,Gedimino pr. ${i % 200},0${i % 9999},LT,1990-01-0${1 + (i % 9)},${i % 100},gold,web,"note, with comma",t${i % 7},R${i}\n`
  }
}

/** Inserts the rows the import wrote (same mapped values) with one prepared statement per 500-row transaction. */
function rawInsertRate(file: string, ddl: string[], insertSql: string, values: (i: number) => unknown[]): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  for (const statement of ddl) db.exec(statement)
  const insert = db.prepare(insertSql)
  const started = performance.now()
  for (let start = 0; start < rows; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(rows, start + BATCH); i++) insert.run(...values(i))
    })()
  }
  const seconds = (performance.now() - started) / 1000
  db.close()
  return rows / seconds
}

/** The people table exactly as the workspace has it: columns and every index. */
function peopleSchema(workspaceFile: string): string[] {
  const db = new Database(workspaceFile, { readonly: true })
  const ddl = db.prepare(`select sql from sqlite_master where tbl_name = 'people' and sql is not null order by type desc`).all() as { sql: string }[]
  db.close()
  return ddl.map((d) => d.sql)
}

function rawBaselines(dir: string, workspaceFile: string): { sameTable: number; narrow: number } {
  const at = () => new Date().toISOString()
  const person = (i: number) => [`Name${i}`, `Surname${i % 997}`, `p${i}@bench.example`, `+3706${String(1_000_000 + i).slice(-7)}`]
  const sameTable = rawInsertRate(path.join(dir, 'raw-same.db'), peopleSchema(workspaceFile),
    'insert into people (id, created_at, updated_at, created_by, owner_id, version, first_name, last_name, email, phone) values (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
    (i) => { const t = at(); return [`id${i}`, t, t, 'bench', 'bench', ...person(i)] })
  const narrow = rawInsertRate(path.join(dir, 'raw-narrow.db'),
    ['create table people (id text primary key, first_name text, last_name text, email text unique, phone text, created_at text)'],
    'insert into people values (?, ?, ?, ?, ?, ?)', (i) => [`id${i}`, ...person(i), at()])
  return { sameTable, narrow }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-import-'))
  try {
    const database = await openSqliteDatabase(dir)
    const services = await createServices(database, { importDir: path.join(dir, 'imports'), cursorSecret: 'bench', importBatchRows: process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined })
    const workspace = await services.workspaces.create({ name: 'bench', defaultCountry: 'LT' })
    const roleId = await services.access.adminRoleId(workspace.id)
    const principal = { workspaceId: workspace.id, userId: null, roleId, credentialId: 'bench', via: 'apiKey' as const }
    let peak = 0
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 100)
    const started = performance.now()
    const job = await services.imports.create(principal, Readable.from(csvLines()), { object: 'people', mode: 'apply' })
    const done = await services.imports.wait(principal, job.id)
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    await database.close()
    if (done.status !== 'completed' || done.counts.create !== rows) throw new Error(`import ended ${JSON.stringify(done)}`)
    const raw = rawBaselines(dir, path.join(dir, 'workspaces', `${workspace.id}.db`))
    const rate = rows / seconds
    const pct = (base: number) => `${((rate / base) * 100).toFixed(0)}%`
    process.stdout.write(`import (sqlite): ${rows} rows × ${COLUMNS.length} columns in ${seconds.toFixed(1)} s (upload, inspection and apply) = ${Math.round(rate)} rows/s; ` +
      `raw better-sqlite3 into the same people table ${Math.round(raw.sameTable)} rows/s (${pct(raw.sameTable)}, target ≥50%), ` +
      `into a narrow 2-index table ${Math.round(raw.narrow)} rows/s (${pct(raw.narrow)}); peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB\n`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

await main()
