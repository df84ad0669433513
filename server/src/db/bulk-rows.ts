/**
 * Many rows of one shape into one table, inside a transaction the caller owns: the write path of
 * imports. On SQLite each statement is prepared once per (table, columns) and run per row on the
 * connection the transaction holds — better-sqlite3 runs a prepared insert in microseconds, while
 * a 500-row multi-value insert is parsed and planned again for every batch (most of an import's
 * time before). On Postgres rows go as multi-row inserts, chunked under the parameter limit.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { WorkspaceDb } from './database.js'
import { quoteId } from './slow-ddl.js'

/** Statement shapes kept per connection (one per table and column set a batch uses). */
const MAX_CACHED = 64

const handles = new WeakMap<Kysely<any>, BetterSqlite3.Database>()
const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>()

/** database.ts registers each SQLite store's connection under its Kysely instance. */
export function registerSqliteHandle(db: Kysely<any>, handle: BetterSqlite3.Database): void {
  handles.set(db, handle)
}

/**
 * The store's single SQLite connection when `trx` is a transaction on it, else null. Outside a
 * transaction a raw statement could land inside someone else's (the connection is shared), so
 * only a transaction — which holds Kysely's connection lock until it ends — may use it.
 */
function sqliteConnection(ws: WorkspaceDb, trx: Kysely<any>): BetterSqlite3.Database | null {
  if (!trx.isTransaction) return null
  return handles.get(ws.db) ?? null
}

function prepared(handle: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let cache = statements.get(handle)
  if (!cache) statements.set(handle, cache = new Map())
  let statement = cache.get(text)
  if (!statement) {
    // Shapes vary with the columns a batch sets; a file that keeps changing them must not grow this forever.
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(text, statement = handle.prepare(text))
  }
  return statement
}

/** SQLite's one-row insert of `columns` into `table`: the statement insertRows prepares, and the batch writer's. */
export const insertSql = (table: string, columns: string[]): string =>
  `insert into ${quoteId(table)} (${columns.map(quoteId).join(', ')}) values (${columns.map(() => '?').join(', ')})`

/** SQLite's update of one live row at a known version: `columns`' values, then id and version. */
export const guardedUpdateSql = (table: string, columns: string[]): string =>
  `update ${quoteId(table)} set ${columns.map((c) => `${quoteId(c)} = ?`).join(', ')} where id = ? and version = ? and deleted_at is null`

/** Inserts `rows` (values in `columns` order, already in database form) into `table`. */
export async function insertRows(ws: WorkspaceDb, trx: Kysely<any>, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return
  const handle = sqliteConnection(ws, trx)
  if (handle) {
    const statement = prepared(handle, insertSql(table, columns))
    for (const row of rows) statement.run(row)
    return
  }
  const chunk = Math.max(1, Math.floor(ws.dialect.maxParameters / columns.length))
  for (let start = 0; start < rows.length; start += chunk) {
    await trx.insertInto(table).values(rows.slice(start, start + chunk).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])))).execute()
  }
}

/**
 * SQLite only (null elsewhere): runs a prepared insert per row and hands back each row's rowid,
 * for tables keyed by it (the search index's document map).
 */
export function sqliteInsertReturningRowids(ws: WorkspaceDb, trx: Kysely<any>, text: string, rows: unknown[][]): number[] | null {
  const handle = sqliteConnection(ws, trx)
  if (!handle) return null
  const statement = prepared(handle, text)
  return rows.map((row) => Number(statement.run(row).lastInsertRowid))
}

/**
 * SQLite only (null elsewhere): runs a prepared statement once per row of parameters and hands
 * back how many rows each run changed (an update guarded by a version changes 0 or 1).
 */
export function sqliteRunEach(ws: WorkspaceDb, trx: Kysely<any>, text: string, rows: unknown[][]): number[] | null {
  const handle = sqliteConnection(ws, trx)
  if (!handle) return null
  const statement = prepared(handle, text)
  return rows.map((row) => statement.run(row).changes)
}

/** SQLite only (null elsewhere): the first column of the first row a prepared query returns, per row of parameters. */
export function sqliteGetEach(ws: WorkspaceDb, trx: Kysely<any>, text: string, rows: unknown[][]): unknown[] | null {
  const handle = sqliteConnection(ws, trx)
  if (!handle) return null
  const statement = prepared(handle, text).pluck()
  return rows.map((row) => statement.get(row))
}
