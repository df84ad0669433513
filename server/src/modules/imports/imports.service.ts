/**
 * @module imports
 * Import jobs: upload a CSV, map its columns to an object's fields, dry-run or apply it in
 * checkpointed batches, follow progress, cancel, resume after a crash and undo. A job belongs
 * to the workspace and the caller that started it; to anyone else it does not exist.
 */
import { resumeInterruptedJobs } from '../jobs/resume-interrupted.js'
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
import { createImportJobsRepository, type ImportJob, type ImportKind, type ImportMode, type RowError } from './import-jobs.repository.js'
import { mapInvoiceHeaders } from './invoice-mapping.js'
import { missingChoices } from './select-options.js'
import type { ObjectsService } from '../objects/objects.service.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { runImport, type RunnerDeps } from './import-runner.js'
import { createImportTemplatesService } from './import-templates.js'
import type { ImportEncoding } from './text-decoding.js'
import type { ImportDateFormat, ImportView } from '../../../../contracts/imports.js'
import { localeConventions } from './cell-coercion.js'
import { companyLinks, domainTargetFields } from './company-matching.js'
import { checkDefaultCountry } from './default-country.js'
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
  /** A saved template: its mapping and options fill in whatever the request leaves out. */
  template?: string
  /** `invoiceLines`: one row per order line, into orders (object must be `orders`). */
  kind?: ImportKind
  dateFormat?: ImportDateFormat
  currency?: string
  /** Create the target of a to-one relation column (a person's company) when no record has that name. */
  createRelated?: boolean
  /** Phones without a country prefix are read in this country instead of the workspace's (ISO 3166-1 alpha-2, checked). */
  defaultCountry?: string
  /** Add select values the file uses that are not options yet (an apply changes the data model: administrators only). */
  createOptions?: boolean
  /** What the client says the file is (its name's extension or Content-Type); the bytes must agree. */
  declared?: UploadKind
  /** XLSX: the sheet to import, by 1-based position or name; default the first. */
  sheet?: string
}

/** Invoice-line imports write these, and undo removes them in this order (lines before their order). */
const INVOICE_OBJECTS = ['orderLines', 'orders', 'products', 'people'] as const

export type { ImportView }

/** Most jobs a list answers: the wizard's history, not an archive. */
export const MAX_LISTED_JOBS = 100

export function viewOf(job: ImportJob): ImportView {
  const elapsed = job.startedAt ? ((job.finishedAt ? Date.parse(job.finishedAt) : Date.now()) - Date.parse(job.startedAt)) / 1000 : 0
  const rate = elapsed > 0 && job.rowsDone > 0 ? Math.round(job.rowsDone / elapsed) : null
  return {
    id: job.id, kind: job.options.kind, object: job.object, mode: job.mode, status: job.status, encoding: job.encoding, delimiter: job.delimiter,
    key: job.keyField, mapping: job.mapping, unmappedColumns: Object.entries(job.mapping).filter(([, t]) => t === null).map(([h]) => h),
    phase: job.status === 'running' ? (job.mode === 'dryRun' ? 'validating' : 'writing') : job.status,
    progress: {
      rowsDone: job.rowsDone, totalRows: job.totalRows,
      // Floored so 100 means every row is done, never "99.6 rounded up".
      percent: job.totalRows === 0 ? (job.status === 'running' ? 0 : 100) : Math.floor((job.rowsDone / job.totalRows) * 100),
      rowsPerSecond: rate, etaSeconds: rate && job.status === 'running' ? Math.ceil((job.totalRows - job.rowsDone) / rate) : null },
    counts: { create: job.created, update: job.updated, skip: job.skipped, fail: job.failed },
    summary: job.summary, dateFormat: job.options.dateFormat ?? null, defaultCountry: job.options.defaultCountry ?? null, newOptions: job.options.newOptions ?? {},
    error: job.error, createdAt: job.createdAt, finishedAt: job.finishedAt,
  }
}

/** Objects a createRelated job may have created records in: the targets of its mapped to-one relations, and those found by domain. */
function relatedTargets(ctx: RecordContext, job: ImportJob): string[] {
  if (!job.options.createRelated) return []
  const object = getObject(ctx.metadata, job.object)
  return [...new Set([...Object.values(job.mapping).flatMap((name) => {
    const target = name ? object.fieldsByName.get(name)?.options.relation?.target : undefined
    return target && target !== job.object ? [target] : []
  }), ...companyLinks(ctx.metadata, object, Object.keys(job.mapping), job.mapping, true).map((link) => link.target.apiName)])]
}

export function createImportsService(deps: {
  records: Pick<RecordsService, 'contextFor'>
  workspaces: WorkspacesService
  /** Adds select options (createOptions); its own admin check applies. */
  objects?: Pick<ObjectsService, 'updateField'>
  /** Uploaded files go to `<dir>/<workspace id>/<random>.csv`. */
  dir: () => string
  runner?: Omit<RunnerDeps, 'repo'>
  log?: (line: string) => void
}) {
  const running = new Map<string, Promise<void>>()
  const templates = createImportTemplatesService({ records: deps.records })
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
    templates,

    async create(principal: Principal, body: Readable, given: ImportRequest): Promise<ImportView> {
      const template = given.template ? await templates.get(principal, given.template).catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'not-found' ? fieldError('/query/template', 'no import template with this id') : error
      }) : undefined
      if (template && template.object !== given.object) throw fieldError('/query/template', `the template is for ${template.object}, not ${given.object.slice(0, 100)}`)
      const request: ImportRequest = { ...template?.options, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as ImportRequest
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, request.object)
      const invoice = request.kind === 'invoiceLines'
      if (invoice && object.apiName !== 'orders') throw fieldError('/query/object', 'an invoice-line file is imported into orders')
      if (invoice && request.key) throw fieldError('/query/key', 'invoice lines are matched on the order number; key does not apply')
      requirePermission(ctx.access, object, 'import')
      requirePermission(ctx.access, object, 'create')
      if (invoice) for (const name of INVOICE_OBJECTS) requirePermission(ctx.access, getObject(ctx.metadata, name), 'create')
      const defaultCountry = checkDefaultCountry(request.defaultCountry, '/query/defaultCountry')
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
        // A template maps the columns this file has; explicit mapping entries win over it.
        const fromTemplate = template ? Object.fromEntries(Object.entries(template.mapping).filter(([h]) => file.headers.includes(h))) : undefined
        const override = fromTemplate || request.mapping ? { ...fromTemplate, ...request.mapping } : undefined
        const mapping = invoice ? mapInvoiceHeaders(file.headers, override) : mapHeaders(file.headers, [...fields, ...domainTargetFields(ctx.access, ctx.metadata, object, fields)], override).mapping
        if (!Object.values(mapping).some((t) => t !== null)) {
          throw fieldError('/body', `no column matches a field of ${object.apiName} (columns: ${file.headers.join(', ').slice(0, 300)}); is the first row a header? Pass mapping to choose`)
        }
        if (keyField && !Object.values(mapping).includes(keyField.apiName)) throw fieldError('/query/key', `no column is mapped to ${keyField.apiName}`)
        const newOptions = request.createOptions && !invoice ? await missingChoices(fileOf(stored), file, object, mapping) : {}
        let runCtx = ctx
        if (request.mode === 'apply' && Object.keys(newOptions).length) {
          if (!deps.objects) throw new AppError('forbidden', 'creating select options is not available here')
          for (const [name, labels] of Object.entries(newOptions)) {
            const choices = [...(object.fieldsByName.get(name)!.options.choices ?? []), ...labels.map((label) => ({ value: label, label }))]
            await deps.objects.updateField(principal, object.apiName, name, { options: { choices } })
          }
          runCtx = await deps.records.contextFor(principal) // the new options are in the metadata now
        }
        const now = new Date().toISOString()
        const job: ImportJob = {
          id: newId(), options: { kind: invoice ? 'invoiceLines' : 'records', ...(request.dateFormat ? { dateFormat: request.dateFormat } : {}), ...(request.currency ? { currency: request.currency } : {}), ...(request.createRelated && !invoice ? { createRelated: true } : {}),
            ...(defaultCountry ? { defaultCountry } : {}),
            ...(Object.keys(newOptions).length ? { newOptions } : {}) },
          summary: {}, object: object.apiName, mode: request.mode, status: 'running', fileName, encoding: file.encoding, delimiter: file.delimiter,
          mapping, keyField: keyField?.apiName ?? null, principal, actor: actorOf(principal), totalRows: file.totalRows, rowsDone: 0,
          created: 0, updated: 0, skipped: 0, failed: 0, error: null, createdAt: now, startedAt: now, finishedAt: null,
        }
        await createImportJobsRepository(ctx.ws.dialect).insert(ctx.ws.db, job)
        void start(runCtx, job)
        return viewOf(job)
      } catch (error) {
        fs.rmSync(fileOf(stored), { force: true })
        throw error
      }
    },

    async get(principal: Principal, id: string): Promise<ImportView> {
      return viewOf((await ownJob(principal, id)).job)
    },

    /** The caller's own jobs, newest first. */
    async list(principal: Principal, limit = MAX_LISTED_JOBS): Promise<ImportView[]> {
      const ctx = await deps.records.contextFor(principal)
      const jobs = await createImportJobsRepository(ctx.ws.dialect).listByActor(ctx.ws.db, actorOf(principal), Math.min(limit, MAX_LISTED_JOBS))
      return jobs.filter((job) => job.principal.workspaceId === principal.workspaceId).map(viewOf)
    },

    /** Waits for this process's run of a job (the CLI and tests); returns the final state. */
    async wait(principal: Principal, id: string): Promise<ImportView> {
      await running.get(id)
      return this.get(principal, id)
    },

    /** The first failing and skipped rows with column and reason, for a screen (the CSV has them all). */
    async errors(principal: Principal, id: string, limit: number): Promise<RowError[]> {
      const { ctx, job, repo } = await ownJob(principal, id)
      return repo.listErrors(ctx.ws.db, job.id, limit)
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
      // Entries without an object are the job's own object's (record imports).
      const passes: [ObjectMeta, string | null][] = job.options.kind === 'invoiceLines'
        ? INVOICE_OBJECTS.map((name) => [getObject(ctx.metadata, name), name])
        : [[getObject(ctx.metadata, job.object), null], ...relatedTargets(ctx, job).map((name): [ObjectMeta, string] => [getObject(ctx.metadata, name), name])]
      for (const [object, entries] of passes) for (;;) {
        const changes = await repo.nextChanges(ctx.ws.db, id, UNDO_BATCH, entries)
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
    resumeInterrupted(): Promise<string[]> {
      return resumeInterruptedJobs({ workspaces: deps.workspaces, contextFor: deps.records.contextFor, repository: createImportJobsRepository, start })
    },
  }
}

export type ImportsService = ReturnType<typeof createImportsService>
