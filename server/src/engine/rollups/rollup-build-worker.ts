/**
 * The read side of a SQLite rollup build, in a worker thread on a connection of its own so the
 * long group-by never stalls the server's synchronous connection (rollup-store.ts drives it):
 *  1. the server's own connection, in a write transaction, creates the table and its triggers
 *     (not yet committed) and sends `snapshot`: this worker opens a read snapshot now — no write
 *     can commit between the lock and the commit, so the snapshot is exactly the state the
 *     triggers start from — and answers;
 *  2. the server commits: from here every write is counted by the triggers;
 *  3. on `count` this worker groups the live rows of its snapshot (the long part; under WAL no
 *     lock held) and sends the rows back;
 *  4. the server adds them to what the triggers counted meanwhile, in one short transaction.
 * Snapshot + deltas = the exact counts. Every write happens on the server's connection: a write
 * committed by another connection between a server transaction's first read and its first write
 * would fail that transaction with SQLITE_BUSY_SNAPSHOT (no busy timeout helps there).
 * This connection registers rp_bucket, as every server connection does, because the snapshot's
 * group-by computes local days with it.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { bucketStart, type BucketUnit } from '../../db/dialects/date-bucket.js'

interface Job { file: string; source: string; snapshot: string }
export type BuildRequest = { step: 'snapshot' } | { step: 'count' }
export type BuildReply = { ok: true; rows?: unknown[][] } | { ok: false; message: string }

const job = workerData as Job
const reader = new Database(job.file, { readonly: true })
reader.pragma('busy_timeout = 30000')
reader.function('rp_bucket', { deterministic: true }, (value: unknown, unit: unknown, timeZone: unknown) =>
  bucketStart(value, unit as BucketUnit, typeof timeZone === 'string' ? timeZone : null))

const reply = (message: BuildReply) => parentPort!.postMessage(message)
parentPort!.on('message', (request: BuildRequest) => {
  try {
    if (request.step === 'snapshot') {
      reader.exec('begin')
      reader.prepare(`select 1 from "${job.source.replace(/"/g, '""')}" limit 1`).get()
      reply({ ok: true })
    } else {
      const rows = reader.prepare(job.snapshot).raw().all() as unknown[][]
      reader.exec('commit')
      reader.close()
      reply({ ok: true, rows })
      parentPort!.close()
    }
  } catch (error) {
    if (reader.open) reader.close()
    reply({ ok: false, message: error instanceof Error ? error.message : String(error) })
    parentPort!.close()
  }
})
