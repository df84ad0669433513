/**
 * @module imports
 * Import jobs: upload a CSV, map its columns to an object's fields, dry-run or apply it in
 * checkpointed batches, follow progress, cancel, resume after a crash and undo. A job belongs
 * to the workspace and the caller that started it; to anyone else it does not exist.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { AppError, fieldError } from '../../errors.js'
import { newId, isId } from '../../engine/ids.js'
import { getObject } from '../../engine/metadata-store.js'
import { softDeleteRecord, updateRecord, type RecordContext } from '../../engine/records.js'
import { requirePermission } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { RecordsService } from '../records/records.service.js'
import { actorOf } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { neutraliseCell, toCsvLine } from './errors-csv.js'
import { importableFields, mapHeaders, type ImportMapping } from './header-mapping.js'
import { inspectFile, storeUpload } from './import-file.js'
import { createImportJobsRepository, type ImportJob, type ImportMode } from './import-jobs.repository.js'
import { runImport, type RunnerDeps } from './import-runner.js'
import type { ImportEncoding } from './text-decoding.js'
import { localeConventions } from './cell-coercion.js'
import { checkXlsxArchive, sniffUpload, xlsxToCsv, type UploadKind } from './xlsx-file.js'

/** Largest upload: a million wide rows fit; the disk is the limit beyond it. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024
const UNDO_BATCH = 200
const defaultLog = (line: string) => process.stderr.write(`${line}\n`)

export interface ImportRequest {
  object: string
  mode: ImportMode
  encoding?: ImportEncoding
  delimiter?: string
  key?: string
  mapping?: ImportMapping
  /** What the client says the file is (its name's extension or Content-Type); the bytes must agree. */
  declared?: UploadKind
  /** XLSX: the sheet to import, by 1-based position or name; default the first. */
  sheet?: string
}

export interface ImportView {
  id: string
  object: string
  mode: ImportMode
  status: ImportJob['status']
  encoding: string
  delimiter: string
  key: string | null
  mapping: ImportMapping
  unmappedColumns: string[]
  progress: { rowsDone: number; totalRows: number; rowsPerSecond: number | null; etaSeconds: number | null }
  counts: { create: number; update: number; skip: number; fail: number }
  error: string | null
  createdAt: string
  finishedAt: string | null
}

function viewOf(job: ImportJob): ImportView {
  const elapsed = job.startedAt ? ((job.finishedAt ? Date.parse(job.finishedAt) : Date.now()) - Date.parse(job.startedAt)) / 1000 : 0
  const rate = elapsed > 0 && job.rowsDone > 0 ? Math.round(job.rowsDone / elapsed) : null
  return {
    id: job.id, object: job.object, mode: job.mode, status: job.status, encoding: job.encoding, delimiter: job.delimiter,
    key: job.keyField, mapping: job.mapping, unmappedColumns: Object.entries(job.mapping).filter(([, t]) => t === null).map(([h]) => h),
    progress: { rowsDone: job.rowsDone, totalRows: job.totalRows, rowsPerSecond: rate, etaSeconds: rate && job.status === 'running' ? Math.ceil((job.totalRows - job.rowsDone) / rate) : null },
    counts: { create: job.created, update: job.updated, skip: job.skipped, fail: job.failed },
    error: job.error, createdAt: job.createdAt, finishedAt: job.finishedAt,
  }
}

export function createImportsService(deps: {
  records: Pick<RecordsService, 'contextFor'>
  workspaces: WorkspacesService
  /** Uploaded files go to `<dir>/<workspace id>/<random>.csv`. */
  dir: () => string
  runner?: Omit<RunnerDeps, 'repo'>
  log?: (line: string) => void
}) {
  const running = new Map<string, Promise<void>>()
  const fileOf = (job: Pick<ImportJob, 'fileName' | 'principal'>) => path.join(deps.dir(), job.principal.workspaceId, job.fileName)

  async function localeOf(workspaceId: string): Promise<string> {
    return (await deps.workspaces.get(workspaceId)).locale
  }

  /** The caller's own job in their workspace, or 404 — the same answer whether it exists elsewhere or not. */
  async function ownJob(principal: Principal, id: string): Promise<{ ctx: RecordContext; job: ImportJob; repo: ReturnType<typeof createImportJobsRepository> }> {
    const ctx = await deps.records.contextFor(principal)
    const repo = createImportJobsRepository(ctx.ws.dialect)
    const job = isId(id) ? await repo.find(ctx.ws.db, id) : undefined
    if (!job || job.actor !== actorOf(principal) || job.principal.workspaceId !== principal.workspaceId) throw new AppError('not-found', 'No import job with this id')
    return { ctx, job, repo }
  }

  /**
   * An XLSX upload is checked (bomb, XXE) and replaced by its sheet as UTF-8 CSV, so the job
   * runs on the CSV path. Numbers are written with the workspace's decimal mark.
   */
  async function convertWorkbook(file: string, workspaceId: string, sheet: string | undefined): Promise<void> {
    await checkXlsxArchive(file)
    const converted = `${file}.converting`
    try {
      await xlsxToCsv(file, converted, { sheet, decimalComma: localeConventions(await localeOf(workspaceId)).decimalComma })
      fs.renameSync(converted, file)
    } finally {
      fs.rmSync(converted, { force: true })
    }
  }

  /** Starts (or continues) a job in the background unless this process already runs it. */
  function start(ctx: RecordContext, job: ImportJob): Promise<void> {
    const existing = running.get(job.id)
    if (existing) return existing
    const repo = createImportJobsRepository(ctx.ws.dialect)
    const work = localeOf(job.principal.workspaceId)
      .then((locale) => runImport({ ...deps.runner, repo }, ctx, job, fileOf(job), locale))
      .catch((error: unknown) => { (deps.log ?? defaultLog)(`import ${job.id} failed: ${(error as Error).stack ?? String(error)}`) })
      .finally(() => running.delete(job.id))
    running.set(job.id, work)
    return work
  }

  return {
    async create(principal: Principal, body: Readable, request: ImportRequest): Promise<ImportView> {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, request.object)
      requirePermission(ctx.access, object, 'import')
      requirePermission(ctx.access, object, 'create')
      const fields = importableFields(ctx.access, object)
      const keyField = request.key ? fields.find((f) => f.apiName === request.key) : undefined
      if (request.key && (!keyField || !keyField.columnName)) throw fieldError('/query/key', `${request.key.slice(0, 100)} is not a field you can import by`)
      if (keyField) requirePermission(ctx.access, object, 'update')
      const fileName = await storeUpload(body, path.join(deps.dir(), principal.workspaceId), MAX_IMPORT_BYTES)
      const stored = { fileName, principal }
      try {
        const kind = sniffUpload(fileOf(stored), request.declared)
        if (kind === 'xlsx') await convertWorkbook(fileOf(stored), principal.workspaceId, request.sheet)
        const file = await inspectFile(fileOf(stored), kind === 'xlsx' ? { encoding: 'utf-8', delimiter: ',' } : { encoding: request.encoding, delimiter: request.delimiter })
        const { mapping } = mapHeaders(file.headers, fields, request.mapping)
        if (!Object.values(mapping).some((t) => t !== null)) {
          throw fieldError('/body', `no column matches a field of ${object.apiName} (columns: ${file.headers.join(', ').slice(0, 300)}); is the first row a header? Pass mapping to choose`)
        }
        if (keyField && !Object.values(mapping).includes(keyField.apiName)) throw fieldError('/query/key', `no column is mapped to ${keyField.apiName}`)
        const now = new Date().toISOString()
        const job: ImportJob = {
          id: newId(), object: object.apiName, mode: request.mode, status: 'running', fileName, encoding: file.encoding, delimiter: file.delimiter,
          mapping, keyField: keyField?.apiName ?? null, principal, actor: actorOf(principal), totalRows: file.totalRows, rowsDone: 0,
          created: 0, updated: 0, skipped: 0, failed: 0, error: null, createdAt: now, startedAt: now, finishedAt: null,
        }
        await createImportJobsRepository(ctx.ws.dialect).insert(ctx.ws.db, job)
        void start(ctx, job)
        return viewOf(job)
      } catch (error) {
        fs.rmSync(fileOf(stored), { force: true })
        throw error
      }
    },

    async get(principal: Principal, id: string): Promise<ImportView> {
      return viewOf((await ownJob(principal, id)).job)
    },

    /** Waits for this process's run of a job (the CLI and tests); returns the final state. */
    async wait(principal: Principal, id: string): Promise<ImportView> {
      await running.get(id)
      return this.get(principal, id)
    },

    /** The report as CSV; cells a spreadsheet would run as formulas are neutralised. */
    async errorsCsv(principal: Principal, id: string): Promise<string> {
      const { ctx, job, repo } = await ownJob(principal, id)
      const errors = await repo.listErrors(ctx.ws.db, job.id)
      const lines = [toCsvLine(['row', 'column', 'reason', 'value'])]
      for (const e of errors) lines.push(toCsvLine([String(e.rowNo), neutraliseCell(e.column), neutraliseCell(e.reason), neutraliseCell(e.value ?? '')]))
      return `${lines.join('\r\n')}\r\n`
    },

    async cancel(principal: Principal, id: string): Promise<ImportView> {
      const { ctx, job, repo } = await ownJob(principal, id)
      // The runner's next checkpoint sees the status and rolls its batch back: nothing commits after this.
      if (!(await repo.setStatus(ctx.ws.db, job.id, 'cancelled', { from: ['running'] }))) throw new AppError('conflict', `The import is ${job.status}; only a running import can be cancelled`)
      return viewOf((await repo.find(ctx.ws.db, id))!)
    },

    async resume(principal: Principal, id: string): Promise<ImportView> {
      const { ctx, repo } = await ownJob(principal, id)
      await running.get(id)
      // A job another process still runs is safe to start here too: only one runner can move its checkpoint.
      const job = (await repo.find(ctx.ws.db, id))!
      if (job.status !== 'running' && !(await repo.setStatus(ctx.ws.db, id, 'running', { from: ['failed', 'cancelled'], error: null }))) {
        throw new AppError('conflict', `The import is ${job.status}; only a failed, cancelled or interrupted import can be resumed`)
      }
      void start(ctx, (await repo.find(ctx.ws.db, id))!)
      return viewOf((await repo.find(ctx.ws.db, id))!)
    },

    /** Deletes the records the job created and puts back the previous values of those it updated. */
    async undo(principal: Principal, id: string): Promise<ImportView> {
      const { ctx, job, repo } = await ownJob(principal, id)
      if (job.mode !== 'apply' || job.status === 'running' || job.status === 'undone') throw new AppError('conflict', `The import is ${job.status === 'running' ? 'running; cancel it first' : job.mode === 'apply' ? job.status : 'a dry run'}`)
      const object = getObject(ctx.metadata, job.object)
      for (;;) {
        const changes = await repo.nextChanges(ctx.ws.db, id, UNDO_BATCH)
        if (changes.length === 0) break
        await ctx.ws.db.transaction().execute(async (trx) => {
          for (const change of changes) {
            try {
              if (change.action === 'created') await softDeleteRecord(ctx, trx, object, change.recordId)
              else await updateRecord(ctx, trx, object, change.recordId, change.previous ?? {})
            } catch (error) {
              // A record deleted since the import has nothing to undo.
              if (!(error instanceof AppError) || error.code !== 'record-not-found') throw error
            }
          }
          await repo.removeChanges(trx, id, changes.map((c) => c.recordId))
        })
      }
      await repo.setStatus(ctx.ws.db, id, 'undone')
      return viewOf((await repo.find(ctx.ws.db, id))!)
    },

    /** At start: continues every job a previous process left running (it was killed mid-run). */
    async resumeInterrupted(): Promise<string[]> {
      const resumed: string[] = []
      for (const workspace of await deps.workspaces.list()) {
        const system = await deps.workspaces.recordContext(workspace, 'system')
        const repo = createImportJobsRepository(system.ws.dialect)
        for (const job of await repo.listRunning(system.ws.db)) {
          try {
            void start(await deps.records.contextFor(job.principal), job)
            resumed.push(job.id)
          } catch (error) {
            await repo.setStatus(system.ws.db, job.id, 'failed', { error: `could not resume: ${(error as Error).message}`.slice(0, 1000) })
          }
        }
      }
      return resumed
    },
  }
}

export type ImportsService = ReturnType<typeof createImportsService>
