/**
 * New records' search documents inside the caller's transaction. On SQLite the two inserts per
 * document (the rowid map, then the contentless FTS row) run as prepared statements reused
 * across batches; elsewhere the dialect's multi-row insert does it.
 */
import type { Kysely } from 'kysely'
import type { SearchDoc } from '../engine/search.js'
import { insertRows, insertSql, sqliteGetEach, sqliteInsertReturningRowids, sqliteRunEach } from './bulk-rows.js'
import type { WorkspaceDb } from './database.js'
import type { WriteOp } from './sqlite-batch-writer.js'

const DOCS_SQL = 'insert into search_docs (object, record_id, title) values (?, ?, ?)'
const FTS_COLUMNS = ['rowid', 'body']

export async function insertNewSearchDocs(ws: WorkspaceDb, trx: Kysely<any>, docs: SearchDoc[]): Promise<void> {
  if (docs.length === 0) return
  const rowids = sqliteInsertReturningRowids(ws, trx, DOCS_SQL, docs.map((d) => [d.object, d.recordId, d.title]))
  if (rowids === null) return ws.dialect.insertSearchDocs(trx, docs)
  await insertRows(ws, trx, 'search_fts', FTS_COLUMNS, docs.map((d, i) => [rowids[i], d.body]))
}

/** The same two inserts per document for SQLite's batch writer: the map row, then the FTS row under its rowid. */
export function searchDocsWriteOp(docs: SearchDoc[]): WriteOp {
  return {
    kind: 'linked', sql: DOCS_SQL, rows: docs.map((d) => [d.object, d.recordId, d.title]),
    linkedSql: insertSql('search_fts', FTS_COLUMNS), linkedRows: docs.map((d) => [d.body]),
  }
}

/**
 * Replaces existing records' search documents (and adds missing ones) inside the caller's
 * transaction; on SQLite through reused prepared statements, elsewhere the dialect's upsert.
 */
export async function upsertSearchDocsBulk(ws: WorkspaceDb, trx: Kysely<any>, docs: SearchDoc[]): Promise<void> {
  if (docs.length === 0) return
  const rowids = sqliteGetEach(ws, trx, 'select rowid from search_docs where record_id = ?', docs.map((d) => [d.recordId]))
  if (rowids === null) return ws.dialect.upsertSearchDocs(trx, docs)
  const existing = docs.flatMap((d, i) => (rowids[i] === undefined ? [] : [{ doc: d, rowid: rowids[i] }]))
  sqliteRunEach(ws, trx, 'delete from search_fts where rowid = ?', existing.map((e) => [e.rowid]))
  sqliteRunEach(ws, trx, 'update search_docs set title = ? where rowid = ?', existing.map((e) => [e.doc.title, e.rowid]))
  await insertRows(ws, trx, 'search_fts', FTS_COLUMNS, existing.map((e) => [e.rowid, e.doc.body]))
  await insertNewSearchDocs(ws, trx, docs.filter((_, i) => rowids[i] === undefined))
}
