/**
 * The SQLite batch writer's thread (sqlite-batch-writer.ts drives it): one connection of its own
 * to the store, opened exactly as the server's, running each batch of statements it is sent in
 * one BEGIN IMMEDIATE transaction. It only executes statements the server built, so no business
 * rule lives here.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'
import { openSqliteFile } from './sqlite-file.js'
import type { WriteBatch, WriteReply } from './sqlite-batch-writer.js'

const connection = openSqliteFile((workerData as { file: string }).file)
const statements = new Map<string, BetterSqlite3.Statement>()

function prepared(text: string): BetterSqlite3.Statement {
  let statement = statements.get(text)
  if (!statement) statements.set(text, statement = connection.prepare(text))
  return statement
}

/** Runs the batch's statements; false when its guard matched no row (the batch is rolled back). */
function run(batch: WriteBatch): boolean {
  for (const op of batch.ops) {
    const statement = prepared(op.sql)
    if (op.kind === 'rows') {
      for (const row of op.rows) statement.run(row)
    } else {
      const linked = prepared(op.linkedSql)
      op.rows.forEach((row, i) => linked.run([statement.run(row).lastInsertRowid, ...op.linkedRows[i]]))
    }
  }
  return prepared(batch.guard.sql).run(batch.guard.params).changes === 1
}

parentPort!.on('message', (batch: WriteBatch | 'close') => {
  if (batch === 'close') {
    // Closing rolls back nothing (no batch is open between messages) and releases the file's locks.
    connection.close()
    parentPort!.close()
    return
  }
  let reply: WriteReply
  try {
    connection.exec('begin immediate')
    try {
      if (run(batch)) {
        connection.exec('commit')
        reply = { ok: true, applied: true }
      } else {
        connection.exec('rollback')
        reply = { ok: true, applied: false }
      }
    } catch (error) {
      if (connection.inTransaction) connection.exec('rollback')
      throw error
    }
  } catch (error) {
    const { message, code } = error as { message: string; code?: unknown }
    reply = { ok: false, message, code: typeof code === 'string' ? code : undefined }
  }
  parentPort!.postMessage(reply)
})
