/**
 * Writes batches of prepared rows to a SQLite store from a worker thread, so the server's thread
 * can prepare the next batch (parse, validate, build search documents) while this one is written
 * — on a two-core machine the import's CPU work and SQLite's inserts and commits overlap instead
 * of taking turns (docs/decisions/025). Each batch is one transaction ending in a guard statement
 * (the import's checkpoint): if the guard changes no row, the batch rolls back.
 *
 * The server's connection and this one share the store's write lock; the server's writes wait
 * (busy_timeout) at most for the batch being written, since the next is only sent once the
 * server's thread has taken the reply.
 */
import { Worker } from 'node:worker_threads'

/** One statement run per row; `linked` runs a second statement per row, given the first one's rowid first. */
export type WriteOp =
  | { kind: 'rows'; sql: string; rows: unknown[][] }
  | { kind: 'linked'; sql: string; rows: unknown[][]; linkedSql: string; linkedRows: unknown[][] }

export interface WriteBatch {
  ops: WriteOp[]
  /** Must change exactly one row, else everything rolls back (a cancelled or taken-over import). */
  guard: { sql: string; params: unknown[] }
}

export type WriteReply = { ok: true; applied: boolean } | { ok: false; message: string; code?: string }

/** An error from the writer's connection, with SQLite's code (so dialect.isUniqueViolation reads it). */
export class SqliteWriteError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message)
  }
}

export interface SqliteBatchWriter {
  /** True when committed, false when the guard rolled it back; rejects with SqliteWriteError. */
  write(batch: WriteBatch): Promise<boolean>
  /** Ends the thread after the batch in hand, if any. */
  close(): Promise<void>
}

/**
 * The writer holds one batch at a time (a few MB); a small heap limit makes its garbage collector
 * keep it near that instead of growing the heap to several times its live size.
 */
const WRITER_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 }

export function openSqliteBatchWriter(file: string): SqliteBatchWriter {
  const worker = new Worker(new URL('./sqlite-batch-writer-worker.js', import.meta.url), { workerData: { file }, resourceLimits: WRITER_HEAP })
  // An idle writer does not keep the process alive (a run abandoned mid-way never closes it); a
  // batch being written does, so a CLI waiting for its import cannot exit under it.
  worker.unref()
  let failure: Error | null = null
  let exited = false
  worker.on('error', (error) => { failure = error })
  worker.on('exit', () => { exited = true })
  return {
    write: (batch) => new Promise<boolean>((resolve, reject) => {
      if (failure || exited) return reject(failure ?? new Error('the batch writer has stopped'))
      const done = () => {
        worker.off('message', onReply).off('error', onError).off('exit', onExit)
        worker.unref()
      }
      const onReply = (reply: WriteReply) => {
        done()
        if (reply.ok) resolve(reply.applied)
        else reject(new SqliteWriteError(reply.message, reply.code))
      }
      const onError = (error: Error) => { done(); reject(error) }
      const onExit = () => { done(); reject(new Error('the batch writer stopped during a batch')) }
      worker.on('message', onReply).on('error', onError).on('exit', onExit)
      worker.ref()
      worker.postMessage(batch)
    }),
    // The worker closes its connection itself (releasing the store's locks) and exits; a batch
    // still being written is finished first, since messages are handled in order.
    close: () => new Promise<void>((resolve) => {
      if (exited) return resolve()
      worker.once('exit', () => resolve())
      worker.ref()
      worker.postMessage('close')
    }),
  }
}
