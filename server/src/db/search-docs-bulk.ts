/**
 * New records' search documents inside the caller's transaction. On SQLite the two inserts per
 * document (the rowid map, then the contentless FTS row) run as prepared statements reused
 * across batches; elsewhere the dialect's multi-row insert does it.
 */
import type { Kysely } from 'kysely'
import type { SearchDoc } from '../engine/search.js'
import { insertRows, sqliteInsertReturningRowids } from './bulk-rows.js'
import type { WorkspaceDb } from './database.js'

export async function insertNewSearchDocs(ws: WorkspaceDb, trx: Kysely<any>, docs: SearchDoc[]): Promise<void> {
  if (docs.length === 0) return
  const rowids = sqliteInsertReturningRowids(ws, trx, 'insert into search_docs (object, record_id, title) values (?, ?, ?)',
    docs.map((d) => [d.object, d.recordId, d.title]))
  if (rowids === null) return ws.dialect.insertSearchDocs(trx, docs)
  await insertRows(ws, trx, 'search_fts', ['rowid', 'body'], docs.map((d, i) => [rowids[i], d.body]))
}
