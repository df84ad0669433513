/**
 * SQL for import jobs, their row errors and the changes they made. Callers own transactions:
 * `advance` is meant to run inside the batch transaction, so the checkpoint commits with the rows.
 */
import type { Kysely } from 'kysely'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'
import { insertRows, insertSql } from '../../db/bulk-rows.js'
import type { WorkspaceDb } from '../../db/database.js'
import type { WriteBatch, WriteOp } from '../../db/sqlite-batch-writer.js'
import type { Principal } from '../../http/auth.js'
import type { ImportMapping } from './header-mapping.js'
import type { ImportEncoding } from './text-decoding.js'
import type { ImportDateFormat, ImportKind, ImportMode, ImportRowError, ImportStatus } from '../../../../contracts/imports.js'

export type { ImportKind, ImportMode, ImportStatus }

export interface ImportCounts {
  created: number
  updated: number
  skipped: number
  failed: number
}

export interface ImportJobOptions {
  kind: ImportKind
  /** Day-month-year, month-day-year or year-month-day; absent: from the workspace locale. */
  dateFormat?: ImportDateFormat
  /** Money columns' currency; absent: the workspace's. */
  currency?: string
  /** Records imports: create a to-one relation's target (a company by name) that does not exist. */
  createRelated?: boolean
  /** Phones without a country prefix are read in this country (ISO 3166-1 alpha-2); absent: the workspace's. */
  defaultCountry?: string
  /** Select options the file uses that did not exist (createOptions): added before an apply, listed by a dry run. */
  newOptions?: Record<string, string[]>
}

/** What a job makes besides its rows' own records (invoice lines: orders, products, customers). */
export type ImportSummary = Record<string, number>

export interface ImportJob extends ImportCounts {
  id: string
  options: ImportJobOptions
  summary: ImportSummary
  object: string
  mode: ImportMode
  status: ImportStatus
  fileName: string
  encoding: ImportEncoding
  delimiter: string
  mapping: ImportMapping
  keyField: string | null
  principal: Principal
  actor: string
  totalRows: number
  rowsDone: number
  error: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export type RowError = ImportRowError

/** Errors kept per job: enough to fix a file, bounded so a garbage file cannot fill the disk. */
export const MAX_STORED_ERRORS = 10_000

type Change = { recordId: string; action: 'created' | 'updated'; previous: unknown; object?: string }

const CHANGE_COLUMNS = ['job_id', 'record_id', 'action', 'object', 'previous']
const ERROR_COLUMNS = ['job_id', 'row_no', 'column_name', 'reason', 'value']

export function createImportJobsRepository(dialect: SqlDialect) {
  const changeRows = (jobId: string, changes: Change[]) =>
    changes.map((c) => [jobId, c.recordId, c.action, c.object ?? null, c.previous === null ? null : dialect.toDb('json', c.previous)])
  const advanceQuery = (db: Kysely<any>, id: string, from: number, to: number, counts: ImportCounts, summary?: ImportSummary) =>
    db.updateTable('import_jobs').set((eb) => ({
      rows_done: to, ...(summary ? { summary: dialect.toDb('json', summary) } : {}),
      created: eb('created', '+', counts.created), updated: eb('updated', '+', counts.updated),
      skipped: eb('skipped', '+', counts.skipped), failed: eb('failed', '+', counts.failed),
    })).where('id', '=', id).where('rows_done', '=', from).where('status', '=', 'running')
  const countErrors = async (db: Kysely<any>, jobId: string): Promise<number> =>
    Number((await db.selectFrom('import_job_errors').select((eb) => eb.fn.countAll().as('n')).where('job_id', '=', jobId).executeTakeFirst())?.n ?? 0)
  const ts = (v: unknown) => (v === null ? null : String(dialect.fromDb('timestamp', v)))
  const rowToJob = (row: Record<string, any>): ImportJob => ({
    id: row.id, options: (row.options === null ? { kind: 'records' } : dialect.fromDb('json', row.options)) as ImportJobOptions,
    summary: (row.summary === null ? {} : dialect.fromDb('json', row.summary)) as ImportSummary, object: row.object, mode: row.mode, status: row.status, fileName: row.file_name, encoding: row.encoding,
    delimiter: row.delimiter, mapping: dialect.fromDb('json', row.mapping) as ImportMapping, keyField: row.key_field,
    principal: dialect.fromDb('json', row.principal) as Principal, actor: row.actor,
    totalRows: Number(row.total_rows), rowsDone: Number(row.rows_done), created: Number(row.created), updated: Number(row.updated),
    skipped: Number(row.skipped), failed: Number(row.failed), error: row.error,
    createdAt: ts(row.created_at)!, startedAt: ts(row.started_at), finishedAt: ts(row.finished_at),
  })

  return {
    async insert(db: Kysely<any>, job: ImportJob): Promise<void> {
      await db.insertInto('import_jobs').values({
        id: job.id, options: dialect.toDb('json', job.options), summary: dialect.toDb('json', job.summary), object: job.object, mode: job.mode, status: job.status, file_name: job.fileName, encoding: job.encoding,
        delimiter: job.delimiter, mapping: dialect.toDb('json', job.mapping), key_field: job.keyField,
        principal: dialect.toDb('json', job.principal), actor: job.actor, total_rows: job.totalRows, rows_done: 0,
        created: 0, updated: 0, skipped: 0, failed: 0, error: null, created_at: job.createdAt, started_at: job.startedAt, finished_at: null,
      }).execute()
    },

    async find(db: Kysely<any>, id: string): Promise<ImportJob | undefined> {
      const row = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? rowToJob(row) : undefined
    },

    /** The actor's jobs, newest first (ids are time-ordered UUIDv7). */
    async listByActor(db: Kysely<any>, actor: string, limit: number): Promise<ImportJob[]> {
      return (await db.selectFrom('import_jobs').selectAll().where('actor', '=', actor).orderBy('id', 'desc').limit(limit).execute()).map(rowToJob)
    },

    async listRunning(db: Kysely<any>): Promise<ImportJob[]> {
      return (await db.selectFrom('import_jobs').selectAll().where('status', '=', 'running').execute()).map(rowToJob)
    },

    /**
     * Moves the checkpoint from `from` to `to` rows and adds the counts; false when the job was
     * cancelled or another runner moved it first, so the caller must roll its batch back.
     */
    async advance(db: Kysely<any>, id: string, from: number, to: number, counts: ImportCounts, summary?: ImportSummary): Promise<boolean> {
      const result = await advanceQuery(db, id, from, to, counts, summary).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    /** `advance` as the guard of a batch writer's batch (SQLite): the batch commits only if it moves the checkpoint. */
    advanceGuard(db: Kysely<any>, id: string, from: number, to: number, counts: ImportCounts): WriteBatch['guard'] {
      const { sql, parameters } = advanceQuery(db, id, from, to, counts).compile()
      return { sql, params: [...parameters] }
    },

    async setStatus(db: Kysely<any>, id: string, status: ImportStatus, fields: { error?: string | null; from?: ImportStatus[] } = {}): Promise<boolean> {
      let query = db.updateTable('import_jobs').set({
        status, ...(fields.error !== undefined ? { error: fields.error } : {}),
        ...(status === 'running' ? { finished_at: null } : { finished_at: new Date().toISOString() }),
      }).where('id', '=', id)
      if (fields.from) query = query.where('status', 'in', fields.from)
      return Number((await query.executeTakeFirst()).numUpdatedRows) === 1
    },

    countErrors,

    /** Errors to store through the batch writer; the caller keeps the count under MAX_STORED_ERRORS. */
    errorsWriteOp(jobId: string, errors: RowError[]): WriteOp {
      return { kind: 'rows', sql: insertSql('import_job_errors', ERROR_COLUMNS), rows: errors.map((e) => [jobId, e.rowNo, e.column, e.reason, e.value]) }
    },

    async addErrors(db: Kysely<any>, jobId: string, errors: RowError[]): Promise<void> {
      if (errors.length === 0) return
      const room = Math.max(0, MAX_STORED_ERRORS - await countErrors(db, jobId))
      if (room === 0) return
      await db.insertInto('import_job_errors').values(errors.slice(0, room).map((e) => ({
        job_id: jobId, row_no: e.rowNo, column_name: e.column, reason: e.reason, value: e.value,
      }))).execute()
    },

    async listErrors(db: Kysely<any>, jobId: string, limit = MAX_STORED_ERRORS): Promise<RowError[]> {
      const rows = await db.selectFrom('import_job_errors').selectAll().where('job_id', '=', jobId).orderBy('row_no').limit(limit).execute()
      return rows.map((r) => ({ rowNo: Number(r.row_no), column: r.column_name, reason: r.reason, value: r.value }))
    },

    /** The undo log of a batch, in its transaction `trx` on `ws` (prepared inserts on SQLite: one row per record imported). */
    async addChanges(ws: WorkspaceDb, trx: Kysely<any>, jobId: string, changes: Change[]): Promise<void> {
      await insertRows(ws, trx, 'import_job_changes', CHANGE_COLUMNS, changeRows(jobId, changes))
    },

    /** The undo log of a batch through the batch writer (SQLite). */
    changesWriteOp(jobId: string, changes: Change[]): WriteOp {
      return { kind: 'rows', sql: insertSql('import_job_changes', CHANGE_COLUMNS), rows: changeRows(jobId, changes) }
    },

    /** The next undo-log entries; with `object`, only those of that object (null: the job's own object). */
    async nextChanges(db: Kysely<any>, jobId: string, limit: number, object?: string | null): Promise<{ recordId: string; action: 'created' | 'updated'; previous: Record<string, unknown> | null }[]> {
      let query = db.selectFrom('import_job_changes').selectAll().where('job_id', '=', jobId)
      if (object !== undefined) query = object === null ? query.where('object', 'is', null) : query.where('object', '=', object)
      const rows = await query.orderBy('record_id').limit(limit).execute()
      return rows.map((r) => ({ recordId: r.record_id, action: r.action, previous: r.previous === null ? null : dialect.fromDb('json', r.previous) as Record<string, unknown> }))
    },

    async removeChanges(db: Kysely<any>, jobId: string, recordIds: string[]): Promise<void> {
      if (recordIds.length) await db.deleteFrom('import_job_changes').where('job_id', '=', jobId).where('record_id', 'in', recordIds).execute()
    },
  }
}

export type ImportJobsRepository = ReturnType<typeof createImportJobsRepository>
