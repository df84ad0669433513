/**
 * New records' search documents inside the caller's transaction. On SQLite the two inserts per
 * document (the rowid map, then the contentless FTS row) run as prepared statements reused
 * across batches; elsewhere the dialect's multi-row insert does it.
 */
import type { Kysely } from 'kysely'
import type { SearchDoc } from '../engine/search.js'
import { insertRows, insertSql, sqliteInsertReturningRowids } from './bulk-rows.js'
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
