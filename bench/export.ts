/**
 * Export throughput: the people list (every visible field, company names resolved) of the
 * cached seeded dataset (bench/dataset.ts) exported as CSV and as XLSX through the export
 * service — keyset pages through the record engine, the same path as the HTTP route — to files,
 * beside a raw better-sqlite3 SELECT of the same table streamed to a CSV file in the same run.
 * Prints rows/s, the ratio to raw, file sizes and the peak RSS of this process per phase.
 *
 *   node dist/bench/export.js                 (BENCH_PEOPLE, default 1,000,000)
 *   BENCH_EXPORT_FORMATS=csv node dist/bench/export.js
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { once } from 'node:events'
import { pipeline } from 'node:stream/promises'
import Database from 'better-sqlite3'
import { createServices } from '../server/src/app.js'
import { openSqliteDatabase } from '../server/src/db/database.js'
import { prepareSqlite } from './dataset.js'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000)
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[]
const MB = 1024 * 1024

/** Samples RSS every 100 ms; `phase()` starts a new maximum. */
function rssSampler() {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 100)
  return {
    phase: () => { peak = process.memoryUsage().rss },
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  }
}

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The baseline: one SELECT of every live row, newest first, each row a CSV line, written with backpressure. */
async function rawExport(file: string, table: string, target: string): Promise<number> {
  const db = new Database(file, { readonly: true })
  const out = fs.createWriteStream(target)
  let rows = 0
  try {
    const statement = db.prepare(`select * from "${table}" where deleted_at is null order by created_at desc, id desc`)
    let chunk = ''
    for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
      chunk += `${Object.values(row).map(csvField).join(',')}\r\n`
      if (++rows % 1000 === 0) {
        if (!out.write(chunk)) await once(out, 'drain')
        chunk = ''
      }
    }
    out.write(chunk)
  } finally {
    await new Promise<void>((resolve) => out.end(resolve))
    db.close()
  }
  return rows
}

async function main(): Promise<void> {
  const dataset = await prepareSqlite(PEOPLE)
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-export-'))
  const memory = rssSampler()
  try {
    const database = await openSqliteDatabase(dataset.env.RAPPORT_DATA_DIR!)
    const services = await createServices(database, { cursorSecret: 'bench', migrateWorkspaces: true })
    const principal = { workspaceId: dataset.workspaceId, userId: null, roleId: await services.access.adminRoleId(dataset.workspaceId), credentialId: 'bench', via: 'apiKey' as const }
    const table = (await services.records.contextFor(principal)).metadata.objects.get('people')!.tableName

    memory.phase()
    let started = performance.now()
    const rawRows = await rawExport(dataset.sqliteFile!, table, path.join(outDir, 'raw.csv'))
    const rawSeconds = (performance.now() - started) / 1000
    const rawRate = rawRows / rawSeconds
    const line = (what: string, rows: number, seconds: number, file: string, rate?: number) =>
      `${what}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s` +
      `${rate ? ` (${((rows / seconds / rate) * 100).toFixed(0)}% of raw)` : ''}; ${(fs.statSync(file).size / MB).toFixed(0)} MB file; peak RSS ${(memory.peak() / MB).toFixed(0)} MB\n`
    process.stdout.write(line('raw better-sqlite3 SELECT → CSV', rawRows, rawSeconds, path.join(outDir, 'raw.csv')))

    for (const format of FORMATS) {
      memory.phase()
      const target = path.join(outDir, `people.${format}`)
      started = performance.now()
      const file = await services.exports.export(principal, 'people', { format })
      await pipeline(file.stream, fs.createWriteStream(target))
      const seconds = (performance.now() - started) / 1000
      process.stdout.write(line(`export ${format} (export service, keyset pages of 5000)`, rawRows, seconds, target, rawRate))
    }
    await database.close()
  } finally {
    memory.stop()
    fs.rmSync(outDir, { recursive: true, force: true })
    await dataset.cleanup()
  }
}

await main()
