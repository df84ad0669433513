/**
 * Builds one SQLite rollup in a worker thread on two connections of its own, so that neither
 * the server's synchronous connection stalls nor writers wait for the whole fill:
 *  1. `writer` takes the write lock and creates the table and its triggers (not yet committed);
 *  2. `reader` opens a read snapshot now — no write can commit between the lock and the commit,
 *     so the snapshot is exactly the state the triggers start from;
 *  3. `writer` commits: from here every write is counted by the triggers;
 *  4. `reader` groups the live rows of its snapshot (the long part, under WAL no lock held);
 *  5. `writer` adds those counts to what the triggers counted meanwhile (a short write).
 * Snapshot + deltas = the exact counts. Both connections register rp_bucket, as every server
 * connection does, because the fill and the triggers compute local days with it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { bucketStart, type BucketUnit } from '../../db/dialects/date-bucket.js'

interface Job { file: string; source: string; create: string[]; snapshot: string; merge: string; prune: string; table: string }
const job = workerData as Job

function open(): Database.Database {
  const db = new Database(job.file)
  db.pragma('busy_timeout = 30000')
  db.function('rp_bucket', { deterministic: true }, (value: unknown, unit: unknown, timeZone: unknown) =>
    bucketStart(value, unit as BucketUnit, typeof timeZone === 'string' ? timeZone : null))
  return db
}

const writer = open()
const reader = open()
try {
  writer.exec('begin immediate')
  try {
    for (const statement of job.create) writer.exec(statement)
    reader.exec('begin')
    reader.prepare(`select 1 from "${job.source.replace(/"/g, '""')}" limit 1`).get()
    writer.exec('commit')
  } catch (error) {
    if (writer.inTransaction) writer.exec('rollback')
    throw error
  }
  const counted = reader.prepare(job.snapshot).raw().all() as unknown[][]
  reader.exec('commit')
  const merge = writer.prepare(job.merge)
  const result = writer.transaction(() => {
    for (const row of counted) merge.run(...row)
    writer.exec(job.prune)
    return writer.prepare(`select count(*) as "rows", coalesce(sum("n"), 0) as "records" from "${job.table}"`).get() as { rows: number; records: number }
  }).immediate()
  parentPort!.postMessage({ ok: true, ...result })
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
} finally {
  reader.close()
  writer.close()
}
