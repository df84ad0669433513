/**
 * Builds one SQLite rollup on its own connection (a worker thread), so filling it from a
 * million rows does not stall the server's synchronous connection: reads go on under WAL,
 * writes wait for the build's transaction (busy timeout). The connection registers rp_bucket,
 * as every server connection does, because the fill and the triggers compute local days with it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { bucketStart, type BucketUnit } from '../../db/dialects/date-bucket.js'

interface Job { file: string; create: string[]; fill: string; table: string }
const job = workerData as Job
const db = new Database(job.file)
try {
  db.pragma('busy_timeout = 30000')
  db.function('rp_bucket', { deterministic: true }, (value: unknown, unit: unknown, timeZone: unknown) =>
    bucketStart(value, unit as BucketUnit, typeof timeZone === 'string' ? timeZone : null))
  const build = db.transaction(() => {
    for (const statement of job.create) db.exec(statement)
    db.exec(job.fill)
    return db.prepare(`select count(*) as "rows", coalesce(sum("n"), 0) as "records" from "${job.table}"`).get() as { rows: number; records: number }
  })
  parentPort!.postMessage({ ok: true, ...build.immediate() })
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
} finally {
  db.close()
}
