/**
 * Runs DDL that rewrites or scans a big table (index builds, DROP COLUMN, backfills). On SQLite
 * better-sqlite3 is synchronous, so a 1M-row index build on the serving connection would stall
 * every request; instead a worker thread runs it on its own connection while WAL lets the main
 * connection keep reading. On PostgreSQL the driver is already asynchronous.
 */
import { Worker } from 'node:worker_threads'
import { sql } from 'kysely'
import type { WorkspaceDb } from './database.js'

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 30000')
try {
  db.transaction(() => { for (const statement of workerData.statements) db.exec(statement) })()
  parentPort.postMessage({ ok: true })
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error && error.message || error) })
} finally {
  db.close()
}
`

/** Executes statements in one transaction; identifiers in them must come from metadata. */
export async function runSlowDdl(ws: WorkspaceDb, statements: string[]): Promise<void> {
  if (statements.length === 0) return
  if (!ws.sqliteFile) {
    await ws.db.transaction().execute(async (trx) => {
      for (const statement of statements) await sql.raw(statement).execute(trx)
    })
    return
  }
  const driver = (await import('node:module')).createRequire(import.meta.url).resolve('better-sqlite3')
  const result = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: ws.sqliteFile, statements, driver } })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  if (!result.ok) throw new Error(`DDL failed: ${result.message}`)
}

/** Double-quotes an identifier for raw DDL text (identifiers are server-generated, this is belt and braces). */
export const quoteId = (name: string): string => `"${name.replace(/"/g, '""')}"`
