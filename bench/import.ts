/**
 * Import throughput: a generated people CSV (15 columns, 4 of them mapped to standard fields and
 * the rest reported as not imported) through the import job on SQLite, beside raw
 * better-sqlite3 inserts of the same rows in transactions of the import's batch size from the same run (bench/import-raw.ts): into a copy
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
import { createServices } from '../server/src/app.js'
import { openSqliteDatabase } from '../server/src/db/database.js'
import { DEFAULT_BATCH_ROWS } from '../server/src/modules/imports/import-runner.js'
import { CSV_COLUMNS as COLUMNS, csvLines } from './import-csv.js'
import { rawBaselines } from './import-raw.js'

const rows = Number(process.argv.find((a) => a.startsWith('--rows='))?.slice(7) ?? process.env.BENCH_IMPORT_ROWS ?? 100_000)

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-import-'))
  try {
    const database = await openSqliteDatabase(dir)
    const services = await createServices(database, { importDir: path.join(dir, 'imports'), cursorSecret: 'bench' })
    const workspace = await services.workspaces.create({ name: 'bench', defaultCountry: 'LT' })
    const roleId = await services.access.adminRoleId(workspace.id)
    const principal = { workspaceId: workspace.id, userId: null, roleId, credentialId: 'bench', via: 'apiKey' as const }
    let peak = 0
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 100)
    const started = performance.now()
    const job = await services.imports.create(principal, Readable.from(csvLines(rows)), { object: 'people', mode: 'apply' })
    const done = await services.imports.wait(principal, job.id)
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    await database.close()
    if (done.status !== 'completed' || done.counts.create !== rows) throw new Error(`import ended ${JSON.stringify(done)}`)
    const raw = rawBaselines(dir, path.join(dir, 'workspaces', `${workspace.id}.db`), rows, DEFAULT_BATCH_ROWS)
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
