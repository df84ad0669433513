/**
 * Duplicate finder over the cached people dataset (bench/dataset.ts seeds it: 1M people by
 * default) on SQLite: the finder job (email rule alone, then email + phone + fuzzy name within
 * the company) timed from start to completed groups, beside the raw
 * `select lower(email), count(*) … group by lower(email) having count(*) > 1` on
 * better-sqlite3 over the same file in the same run. Prints time, records/s, groups and the
 * peak RSS of this process.
 *
 *   node dist/bench/duplicates.js [--people=1000000]   (BENCH_PEOPLE)
 *   BENCH_DATASET_DIR=<a seeded store>   reuse a store seeded elsewhere (it is copied, never changed)
 *
 * The cached store is copied first and migrated by createServices (the copy gets this
 * branch's tables), so the cache is never written.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { DuplicateRule } from '../contracts/duplicates.js'
import { createServices } from '../server/src/app.js'
import { openSqliteDatabase } from '../server/src/db/database.js'
import { copyStore, prepareSqlite } from './dataset.js'
import { ROOT, figure, fmtInt, log } from './support.js'

const people = Number(process.argv.find((a) => a.startsWith('--people='))?.slice(9) ?? process.env.BENCH_PEOPLE ?? 1_000_000)

/** A run directory holding a copy of the seeded store: BENCH_DATASET_DIR, or the cache bench/dataset.ts keeps. */
async function runDirectory(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const source = process.env.BENCH_DATASET_DIR
  if (!source) {
    const dataset = await prepareSqlite(people)
    return { dir: path.dirname(path.dirname(dataset.sqliteFile!)), cleanup: () => dataset.cleanup() }
  }
  const dir = path.join(ROOT, 'bench', '.data', 'run-duplicates')
  const started = Date.now()
  copyStore(source, dir)
  log(`copied ${source} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return { dir, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) }
}

function rawGroupBy(file: string, table: string, column: string): { ms: number; groups: number; rows: number } {
  const db = new Database(file, { readonly: true })
  try {
    const rows = (db.prepare(`select count(*) as n from "${table}" where deleted_at is null`).get() as { n: number }).n
    const started = performance.now()
    const groups = db.prepare(`select lower("${column}") as e, count(*) as n from "${table}" where deleted_at is null and "${column}" is not null
      group by lower("${column}") having count(*) > 1`).all().length
    return { ms: performance.now() - started, groups, rows }
  } finally {
    db.close()
  }
}

async function main(): Promise<void> {
  const run = await runDirectory()
  try {
    const database = await openSqliteDatabase(run.dir)
    const services = await createServices(database, { cursorSecret: 'bench' })
    const [workspace] = await services.workspaces.list()
    const principal = { workspaceId: workspace.id, userId: null, roleId: await services.access.adminRoleId(workspace.id), credentialId: 'bench', via: 'apiKey' as const }
    const ctx = await services.workspaces.recordContext(workspace, 'bench')
    const peopleObject = ctx.metadata.objects.get('people')!
    const emailColumn = peopleObject.fieldsByName.get('email')!.columnName!
    const file = path.join(run.dir, 'workspaces', `${workspace.id}.db`)

    const raw = rawGroupBy(file, peopleObject.tableName, emailColumn)
    figure(`raw SQL group by lower(email) over ${fmtInt(raw.rows)} people: ${(raw.ms / 1000).toFixed(2)} s (${fmtInt(raw.rows / (raw.ms / 1000))} rows/s), ${fmtInt(raw.groups)} duplicate emails`)

    const runJob = async (label: string, rules: DuplicateRule[]) => {
      const started = performance.now()
      const job = await services.duplicates.create(principal, { object: 'people', rules })
      const done = await services.duplicates.wait(principal, job.id)
      const seconds = (performance.now() - started) / 1000
      if (done.status !== 'completed') throw new Error(`${label}: job ${done.status}: ${done.error}`)
      figure(`Rapport duplicate job (${label}) over ${fmtInt(done.progress.totalRecords)} people: ${seconds.toFixed(1)} s (${fmtInt(done.progress.totalRecords / seconds)} records/s), ${fmtInt(done.groupsFound)} groups`)
      return { seconds, groups: done.groupsFound }
    }
    const email = await runJob('email', [{ rule: 'email' }])
    const all = await runJob('email + phone + name within company', [{ rule: 'email' }, { rule: 'phone' }, { rule: 'name' }])
    // maxRSS is the process's high-water mark (kB): SQLite work is synchronous, so a sampling timer would miss peaks.
    const peak = process.resourceUsage().maxRSS * 1024
    figure(`email job vs raw group by: ${(email.seconds / (raw.ms / 1000)).toFixed(0)}× the raw time; peak RSS ${fmtInt(peak / 1024 / 1024)} MB`)
    const results = { people: raw.rows, raw: { seconds: raw.ms / 1000, groups: raw.groups }, emailJob: email, allRulesJob: all, peakRssMb: Math.round(peak / 1024 / 1024) }
    fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true })
    fs.writeFileSync(path.join(ROOT, 'bench', 'results', `duplicates-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2))
    await database.close()
  } finally {
    await run.cleanup()
  }
}

await main()
