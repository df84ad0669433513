/**
 * How an import run overlaps work: while batch N is written (rows, search documents, undo log,
 * errors and the checkpoint, in one transaction) the server's thread plans batch N+1 — on SQLite
 * the batch writer's thread writes it, on Postgres the database's own process does. Only batches
 * of plain creates go this way; any other batch (updates, relations created on the way, to-many
 * values, a dry run) waits for the batch in flight and is committed as before (`inThread`).
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

type InThread = (rows: PlannedRow[], from: number) => Promise<number>
/** A write under way (boxed: an async function returning a bare promise would wait for it). */
interface Flight { written: Promise<void> }

/**
 * Keeps one batch of plain creates in flight: `start` begins writing one (after awaiting
 * `previous`, the batch before it) and returns the write's promise without waiting for it, so the
 * runner plans the next batch meanwhile. Any other batch waits for the one in flight and goes
 * `inThread`.
 */
function pipelined(inThread: InThread, start: (rows: PlannedRow[], creates: Create[], from: number, previous: () => Promise<void>) => Promise<Flight>,
  end: () => Promise<void>): BatchCommits {
  let inFlight: Promise<void> = Promise.resolve()
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
        return inThread(rows, from)
      }
      inFlight = (await start(rows, creates, from, settle)).written
      // Awaited before the next batch; marked handled now so a failure is not reported as unhandled meanwhile.
      inFlight.catch(() => {})
      return from + rows.length
    },
    finish: settle,
    async close() {
      await inFlight.catch(() => {})
      await end()
    },
  }
}

/**
 * `inThread` commits a batch on the server's connection (the runner's commitBatch, which halves a
 * refused batch down to its failing row) and calls afterBatch. Dry runs go there one by one. On
 * Postgres a plain batch goes there too, but without being awaited: the database works in its own
 * process, so the next batch is planned while this one's transaction runs. On SQLite the batch
 * writer's thread takes it.
 */
export function batchCommits(deps: RunnerDeps, ctx: RecordContext, object: ObjectMeta, job: ImportJob, inThread: InThread): BatchCommits {
  if (job.mode !== 'apply') return { submit: inThread, finish: async () => {}, close: async () => {} }
  const file = ctx.ws.sqliteFile
  if (file === null) {
    return pipelined(inThread, async (rows, _creates, from, previous) => {
      await previous()
      return { written: inThread(rows, from).then(() => {}) }
    }, async () => {})
  }
  const writer = openSqliteBatchWriter(file)
  /** Errors stored for this job so far (only this run writes them); null: count again. */
  let storedErrors: number | null = null
  const inThreadCounted: InThread = (rows, from) => {
    storedErrors = null
    return inThread(rows, from)
  }

  return pipelined(inThreadCounted, async (rows, creates, from, previous) => {
    const to = from + rows.length
    // Built while the previous batch is still being written.
    const prepared = prepareParsedRecords(ctx, object, creates.map((r) => r.parsed))
    const ops: WriteOp[] = [
      { kind: 'rows', sql: insertSql(prepared.table, prepared.columns), rows: prepared.rows },
      searchDocsWriteOp(prepared.docs),
      deps.repo.changesWriteOp(job.id, prepared.ids.map((recordId) => ({ recordId, action: 'created', previous: null }))),
    ]
    await previous()
    storedErrors ??= await deps.repo.countErrors(ctx.ws.db, job.id)
    const errors = errorsOf(rows).slice(0, Math.max(0, MAX_STORED_ERRORS - storedErrors))
    if (errors.length) ops.push(deps.repo.errorsWriteOp(job.id, errors))
    const counts = { created: creates.length, updated: 0, skipped: rows.filter((r) => r.kind === 'skip').length, failed: rows.filter((r) => r.kind === 'fail').length }
    const guard = deps.repo.advanceGuard(ctx.ws.db, job.id, from, to, counts)
    const written = writer.write({ ops, guard }).then(async (applied) => {
      if (!applied) throw new JobStopped()
      storedErrors = (storedErrors ?? 0) + errors.length
      await deps.afterBatch?.(job, to)
    }, async () => {
      // Refused as a whole (a unique value already taken, a row changed meanwhile): nothing of
      // it was written, and the runner's own path finds and reports the failing rows.
      await inThreadCounted(rows, from)
    })
    return { written }
  }, () => writer.close())
}
