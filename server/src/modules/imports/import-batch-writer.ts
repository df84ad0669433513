/**
 * The SQLite side of an import run that overlaps work: while the batch writer's thread writes
 * batch N (rows, search documents, undo log, errors and the checkpoint, in one transaction), the
 * server's thread plans batch N+1. Only batches of plain creates go this way; any other batch
 * (updates, relations created on the way, to-many values, a dry run) waits for the batch in
 * flight and is committed on the server's connection as before (`inThread`).
 *
 * A batch the database refuses as a whole is committed again by `inThread`, which halves it down
 * to the failing row — nothing of it was written, since the writer's transaction rolled back.
 * Exactness after kill -9 is unchanged: the checkpoint is the transaction's guard statement.
 */
import type { ObjectMeta } from '../../engine/metadata-types.js'
import type { RecordContext } from '../../engine/records.js'
import { prepareParsedRecords } from '../../engine/records-insert.js'
import { insertSql } from '../../db/bulk-rows.js'
import { searchDocsWriteOp } from '../../db/search-docs-bulk.js'
import { openSqliteBatchWriter, type WriteOp } from '../../db/sqlite-batch-writer.js'
import { MAX_STORED_ERRORS, type ImportJob, type RowError } from './import-jobs.repository.js'
import type { RunnerDeps } from './import-runner.js'
import { JobStopped } from './job-stopped.js'
import type { PlannedRow } from './row-planner.js'

export interface BatchCommits {
  /** Commits `rows` (rows from..from+length of the file) or hands them to the writer; returns the next checkpoint. */
  submit(rows: PlannedRow[], from: number): Promise<number>
  /** Waits for the batch in flight, throwing its failure. */
  finish(): Promise<void>
  /** Ends the writer once the batch in flight has settled, whatever its outcome. */
  close(): Promise<void>
}

type Create = Extract<PlannedRow, { kind: 'create' }>

/** Plain creates, skips and failures only: what the writer can take without the engine's write path. */
function plainCreates(rows: PlannedRow[]): Create[] | null {
  const creates: Create[] = []
  for (const row of rows) {
    if (row.kind === 'update') return null
    if (row.kind !== 'create') continue
    if (row.pending || row.linked || row.parsed.related.size > 0) return null
    creates.push(row)
  }
  return creates
}

const errorsOf = (rows: PlannedRow[]): RowError[] => rows.flatMap((r) => (r.kind === 'fail' || r.kind === 'skip' ? r.errors : []))

/**
 * `inThread` commits a batch on the server's connection (the runner's commitBatch) and calls
 * afterBatch. On Postgres, and for dry runs, every batch goes there.
 */
export function batchCommits(deps: RunnerDeps, ctx: RecordContext, object: ObjectMeta, job: ImportJob,
  inThread: (rows: PlannedRow[], from: number) => Promise<number>): BatchCommits {
  const file = ctx.ws.sqliteFile
  if (file === null || job.mode !== 'apply') return { submit: inThread, finish: async () => {}, close: async () => {} }
  const writer = openSqliteBatchWriter(file)
  let inFlight: Promise<void> = Promise.resolve()
  /** Errors stored for this job so far (only this run writes them); null: count again. */
  let storedErrors: number | null = null

  const settle = async () => {
    try {
      await inFlight
    } finally {
      inFlight = Promise.resolve()
    }
  }

  return {
    async submit(rows, from) {
      const creates = plainCreates(rows)
      if (creates === null) {
        await settle()
        storedErrors = null
        return inThread(rows, from)
      }
      const to = from + rows.length
      // Built while the previous batch is still being written.
      const prepared = prepareParsedRecords(ctx, object, creates.map((r) => r.parsed))
      const ops: WriteOp[] = [
        { kind: 'rows', sql: insertSql(prepared.table, prepared.columns), rows: prepared.rows },
        searchDocsWriteOp(prepared.docs),
        deps.repo.changesWriteOp(job.id, prepared.ids.map((recordId) => ({ recordId, action: 'created', previous: null }))),
      ]
      await settle()
      storedErrors ??= await deps.repo.countErrors(ctx.ws.db, job.id)
      const errors = errorsOf(rows).slice(0, Math.max(0, MAX_STORED_ERRORS - storedErrors))
      if (errors.length) ops.push(deps.repo.errorsWriteOp(job.id, errors))
      const counts = { created: creates.length, updated: 0, skipped: rows.filter((r) => r.kind === 'skip').length, failed: rows.filter((r) => r.kind === 'fail').length }
      const guard = deps.repo.advanceGuard(ctx.ws.db, job.id, from, to, counts)
      inFlight = writer.write({ ops, guard }).then(async (applied) => {
        if (!applied) throw new JobStopped()
        storedErrors = (storedErrors ?? 0) + errors.length
        await deps.afterBatch?.(job, to)
      }, async () => {
        // Refused as a whole (a unique value already taken, a row changed meanwhile): nothing of
        // it was written, and the runner's own path finds and reports the failing rows.
        storedErrors = null
        await inThread(rows, from)
      })
      // Awaited before the next batch; marked handled now so a failure is not reported as unhandled meanwhile.
      inFlight.catch(() => {})
      return to
    },
    finish: settle,
    async close() {
      await inFlight.catch(() => {})
      await writer.close()
    },
  }
}
