/**
 * The raw baselines of the import benchmarks: better-sqlite3 inserting the values an import
 * stores, one prepared statement, `batch` rows per transaction (the import's checkpoint size, so
 * both pay the same fsyncs), with the server's pragmas (WAL, synchronous=FULL, its page cache).
 * The same-table rows are the stored ones: UUIDv7 ids from the server's own newId and the
 * importer's user id as creator and owner — a short `id123` key would make nine indexes smaller
 * than the import's (each index carries the id) and the baseline ~35% faster than the same rows.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_CACHE_PRAGMA } from '../server/src/db/sqlite-file.js'
import { newId } from '../server/src/engine/ids.js'
import { personValues } from './import-csv.js'

function rawInsertRate(file: string, ddl: string[], insertSql: string, rows: number, batch: number, values: (i: number) => unknown[]): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma(SQLITE_CACHE_PRAGMA)
  for (const statement of ddl) db.exec(statement)
  const insert = db.prepare(insertSql)
  const started = performance.now()
  for (let start = 0; start < rows; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(rows, start + batch); i++) insert.run(...values(i))
    })()
  }
  const seconds = (performance.now() - started) / 1000
  db.close()
  return rows / seconds
}

/** The people table exactly as the workspace has it: columns and every index (not the search index). */
export function peopleSchema(workspaceFile: string): string[] {
  const db = new Database(workspaceFile, { readonly: true })
  const ddl = db.prepare(`select sql from sqlite_master where tbl_name = 'people' and sql is not null order by type desc`).all() as { sql: string }[]
  db.close()
  return ddl.map((d) => d.sql)
}

/** Creator and owner of the people the import stored (the same values go into the baseline's rows). */
function importedBy(workspaceFile: string): { createdBy: string; ownerId: string } {
  const db = new Database(workspaceFile, { readonly: true })
  const row = db.prepare('select created_by as createdBy, owner_id as ownerId from people limit 1').get() as { createdBy: string; ownerId: string } | undefined
  db.close()
  if (!row) throw new Error('the import stored no people to copy the creator from')
  return row
}

/** Rows/s into a copy of the workspace's people table (the fair baseline) and into a narrow two-index table. */
export function rawBaselines(dir: string, workspaceFile: string, rows: number, batch: number): { sameTable: number; narrow: number } {
  const at = () => new Date().toISOString()
  const { createdBy, ownerId } = importedBy(workspaceFile)
  const sameTable = rawInsertRate(path.join(dir, 'raw-same.db'), peopleSchema(workspaceFile),
    'insert into people (id, created_at, updated_at, created_by, owner_id, version, first_name, last_name, email, phone) values (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)',
    rows, batch, (i) => { const t = at(); return [newId(), t, t, createdBy, ownerId, ...personValues(i)] })
  const narrow = rawInsertRate(path.join(dir, 'raw-narrow.db'),
    ['create table people (id text primary key, first_name text, last_name text, email text unique, phone text, created_at text)'],
    'insert into people values (?, ?, ?, ?, ?, ?)', rows, batch, (i) => [`id${i}`, ...personValues(i), at()])
  return { sameTable, narrow }
}
