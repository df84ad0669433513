/**
 * Runs an import job: reads the file from the job's checkpoint on, plans each batch and writes
 * it through the record engine (validation, search index, history) together with the errors,
 * the undo log and the new checkpoint in one transaction. A crash loses at most the batch in
 * flight, which the next run repeats — never a row twice, never a row missing. On SQLite, batches
 * of plain creates are written by a worker thread while the next is planned (import-batch-writer.ts).
 */
import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { AppError } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { createRecordsBulk, updateRecord, type RecordContext } from '../../engine/records.js'
import { insertParsedRecords } from '../../engine/records-insert.js'
import { updateParsedRecords } from '../../engine/records-update.js'
import { localeConventions } from './cell-coercion.js'
import { readRows } from './import-file.js'
import type { ImportCounts, ImportJob, ImportJobsRepository, ImportSummary, RowError } from './import-jobs.repository.js'
import { runInvoiceImport } from './invoice-runner.js'
import { keyOf, planBatch, type MappedColumn, type PlanContext, type PlannedRow } from './row-planner.js'
import { companyLinks, matchedKey } from './company-matching.js'
import { withDefaultCountry } from './default-country.js'
import { batchCommits } from './import-batch-writer.js'
import { JobStopped } from './job-stopped.js'

/**
 * Rows per transaction and checkpoint. Each commit is an fsync and a new search-index segment, so
 * larger batches import faster (5000: about twice the rows/s of 500); a kill -9 repeats at most
 * one batch, and a bad row costs a few halving retries (commitBatch), not one commit per row.
 */
export const DEFAULT_BATCH_ROWS = 5000

export interface RunnerDeps {
  repo: ImportJobsRepository
  /** Called after each committed batch; tests use it to freeze a run as a crash would. */
  afterBatch?: (job: ImportJob, rowsDone: number) => Promise<void>
  batchRows?: number
}

export function mappedColumns(object: ObjectMeta, headers: string[], mapping: ImportJob['mapping']): MappedColumn[] {
  return headers.flatMap((header, index) => {
    const target = mapping[header]
    const field = target ? object.fieldsByName.get(target) : undefined
    return field ? [{ index, header, field }] : []
  })
}

function countsOf(rows: PlannedRow[], unchanged: Set<number>): ImportCounts {
  return {
    created: rows.filter((r) => r.kind === 'create').length,
    updated: rows.filter((r) => r.kind === 'update' && !unchanged.has(r.rowNo)).length,
    skipped: rows.filter((r) => r.kind === 'skip' || unchanged.has(r.rowNo)).length,
    failed: rows.filter((r) => r.kind === 'fail').length,
  }
}

const errorsOf = (rows: PlannedRow[]): RowError[] => rows.flatMap((r) => (r.kind === 'fail' || r.kind === 'skip' ? r.errors : []))

type Writable = Extract<PlannedRow, { kind: 'create' | 'update' }>

/** `work` for each item in turn (each waits for the one before: they share a transaction). */
async function mapSerially<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (const item of items) results.push(await work(item))
  return results
}

/**
 * Creates the relation targets rows wait for (createRelated: a company by its name), once per
 * label, and sets them on the rows. In a dry run only counts them, each label once per job.
 */
async function createPending(ctx: RecordContext, trx: Kysely<any>, job: ImportJob, rows: Writable[], seen: Set<string>,
  changes: { recordId: string; action: 'created' | 'updated'; previous: unknown; object?: string }[]): Promise<ImportSummary> {
  const made: ImportSummary = {}
  const wanted = new Map<string, { target: string; values: Record<string, unknown> }>()
  for (const row of rows) for (const p of row.pending ?? []) wanted.set(p.key, p)
  // Existing records rows link to, counted once per job (not those this job created).
  for (const row of rows) for (const l of row.linked ?? []) {
    if (!seen.has(matchedKey(l))) { seen.add(matchedKey(l)); made[matchedKey(l, true)] = (made[matchedKey(l, true)] ?? 0) + 1 }
  }
  const byTarget = new Map<string, { key: string; values: Record<string, unknown> }[]>()
  for (const [key, p] of wanted) if (!seen.has(key)) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), { key, values: p.values }])
  const ids = new Map<string, string>()
  for (const [targetName, items] of byTarget) {
    made[targetName] = items.length
    if (job.mode !== 'apply') { for (const item of items) seen.add(item.key); continue }
    const target = getObject(ctx.metadata, targetName)
    const created = await createRecordsBulk(ctx, trx, target, items.map((item) => item.values))
    created.forEach((record, i) => { ids.set(items[i].key, record.id); seen.add(matchedKey({ target: targetName, id: record.id })); changes.push({ recordId: record.id, action: 'created', previous: null, object: targetName }) })
  }
  for (const row of rows) for (const p of row.pending ?? []) {
    const id = ids.get(p.key)
    if (id) row.input[p.field] = id
  }
  return made
}

/** Writes planned rows, their errors, undo log and the checkpoint in one transaction. */
async function commit(deps: RunnerDeps, ctx: RecordContext, object: ObjectMeta, job: ImportJob, rows: PlannedRow[], from: number, to: number, related: RelatedState): Promise<void> {
  const seen = new Set(related.seen)
  let made: ImportSummary = {}
  await ctx.ws.db.transaction().execute(async (trx: Kysely<any>) => {
    const unchanged = new Set<number>()
    const changes: { recordId: string; action: 'created' | 'updated'; previous: unknown; object?: string }[] = []
    const writable = rows.filter((r): r is Writable => r.kind === 'create' || r.kind === 'update')
    made = await createPending(ctx, trx, job, writable, seen, changes)
    if (job.mode === 'apply') {
      // Rows that waited for a created relation are parsed again with it; the rest were validated while planning.
      const creates = rows.filter((r): r is Extract<PlannedRow, { kind: 'create' }> => r.kind === 'create')
      const ready = creates.filter((r) => !r.pending)
      const waited = creates.filter((r) => r.pending)
      const created = [
        ...await insertParsedRecords(ctx, trx, object, ready.map((r) => r.parsed)),
        ...(waited.length ? (await createRecordsBulk(ctx, trx, object, waited.map((r) => r.input))).map((r) => r.id) : []),
      ]
      for (const recordId of created) changes.push({ recordId, action: 'created', previous: null })
      const updates = rows.filter((r): r is Extract<PlannedRow, { kind: 'update' }> => r.kind === 'update')
      const settled = updates.filter((r) => !r.pending)
      // Validated while planning: one bulk update. Rows that waited for a created relation are parsed again with it.
      const changed = [
        ...await updateParsedRecords(ctx, trx, object, settled.map((r) => ({ id: r.id, version: r.version, parsed: r.parsed }))),
        ...await mapSerially(updates.filter((r) => r.pending), async (r) => (await updateRecord(ctx, trx, object, r.id, r.input, { ifMatch: r.version })).version !== r.version),
      ]
      const ordered = [...settled, ...updates.filter((r) => r.pending)]
      ordered.forEach((row, i) => {
        if (changed[i]) changes.push({ recordId: row.id, action: 'updated', previous: row.previous })
        else unchanged.add(row.rowNo)
      })
      await deps.repo.addChanges(ctx.ws, trx, job.id, changes)
    }
    await deps.repo.addErrors(trx, job.id, errorsOf(rows))
    const summary = { ...related.summary }
    for (const [k, n] of Object.entries(made)) summary[k] = (summary[k] ?? 0) + n
    if (!(await deps.repo.advance(trx, job.id, from, to, countsOf(rows, unchanged), Object.keys(made).length ? summary : undefined))) throw new JobStopped()
  })
  // Only a committed batch's creations count; a rolled-back one is planned again.
  related.seen = seen
  for (const [k, n] of Object.entries(made)) related.summary[k] = (related.summary[k] ?? 0) + n
}

/** What createRelated made so far in this job: counts per object, and in a dry run the labels already counted. */
interface RelatedState { summary: ImportSummary; seen: Set<string> }

/**
 * Commits a batch; when the engine refuses it as a whole (a unique value taken by another
 * record, a record changed meanwhile) its halves are tried apart, down to the single row that
 * fails alone — a few transactions per bad row instead of one per row of a large batch.
 */
async function commitBatch(deps: RunnerDeps, ctx: RecordContext, object: ObjectMeta, job: ImportJob, rows: PlannedRow[], from: number, related: RelatedState): Promise<number> {
  const to = from + rows.length
  try {
    await commit(deps, ctx, object, job, rows, from, to, related)
    return to
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (rows.length === 1) {
      const row = rows[0]
      const reason = error.errors?.[0]?.detail ?? error.message
      const column = mappedHeader(job, error.errors?.[0]?.pointer)
      await commit(deps, ctx, object, job, [{ rowNo: row.rowNo, kind: 'fail', errors: [{ rowNo: row.rowNo, column, reason, value: null }] }], from, to, related)
      return to
    }
  }
  const middle = Math.ceil(rows.length / 2)
  const done = await commitBatch(deps, ctx, object, job, rows.slice(0, middle), from, related)
  return commitBatch(deps, ctx, object, job, rows.slice(middle), done, related)
}

function mappedHeader(job: ImportJob, pointer: string | undefined): string {
  const fieldName = pointer?.split('/').at(-1)
  return Object.entries(job.mapping).find(([, target]) => target === fieldName)?.[0] ?? ''
}

/** A dry run with createOptions checks rows as if the new select options existed (an apply adds them first). */
function withNewOptions(object: ObjectMeta, newOptions: Record<string, string[]> | undefined): ObjectMeta {
  if (!newOptions || Object.keys(newOptions).length === 0) return object
  const fields = object.fields.map((f) => (newOptions[f.apiName]
    ? { ...f, options: { ...f.options, choices: [...(f.options.choices ?? []), ...newOptions[f.apiName].map((label) => ({ value: label, label }))] } } : f))
  return { ...object, fields, fieldsByName: new Map(fields.map((f) => [f.apiName, f])) }
}

/** Runs `job` from its checkpoint to the end (or until cancelled). */
/**
 * Runs a job's work and records how it ended: completed, or failed with the error's message. A
 * JobStopped means the job was cancelled or undone meanwhile, so its status is already right.
 * Only a completed job's file is removed: failed and cancelled jobs keep it so they can be resumed.
 */
export async function settleJob(deps: RunnerDeps, ctx: RecordContext, job: ImportJob, filePath: string, work: () => Promise<void>): Promise<void> {
  try {
    await work()
    await deps.repo.setStatus(ctx.ws.db, job.id, 'completed', { from: ['running'] })
  } catch (error) {
    if (error instanceof JobStopped) return
    await deps.repo.setStatus(ctx.ws.db, job.id, 'failed', { error: (error as Error).message.slice(0, 1000), from: ['running'] })
    if (!(error instanceof AppError)) throw error
  } finally {
    const final = await deps.repo.find(ctx.ws.db, job.id)
    if (final?.status === 'completed') fs.rmSync(filePath, { force: true })
  }
}

export async function runImport(deps: RunnerDeps, workspaceCtx: RecordContext, job: ImportJob, filePath: string, locale: string): Promise<void> {
  const ctx = withDefaultCountry(workspaceCtx, job.options.defaultCountry)
  if (job.options.kind === 'invoiceLines') return runInvoiceImport(deps, ctx, job, filePath, locale)
  const object = withNewOptions(getObject(ctx.metadata, job.object), job.mode === 'dryRun' ? job.options.newOptions : undefined)
  const batchRows = deps.batchRows ?? DEFAULT_BATCH_ROWS
  const conventions = localeConventions(locale)
  if (job.options.dateFormat) conventions.monthFirst = job.options.dateFormat === 'mdy'
  let plan: PlanContext | null = null
  const related: RelatedState = { summary: { ...job.summary }, seen: new Set() }
  let done = job.rowsDone
  let batch: { rowNo: number; cells: string[] }[] = []
  const commits = batchCommits(deps, ctx, object, job, async (rows, from) => {
    const to = await commitBatch(deps, ctx, object, job, rows, from, related)
    await deps.afterBatch?.(job, to)
    return to
  })
  const flush = async () => {
    if (batch.length === 0 || !plan) return
    const planned = await planBatch(plan, batch)
    batch = []
    done = await commits.submit(planned, done)
  }
  await settleJob(deps, ctx, job, filePath, async () => {
    try {
      await readAndCommit()
      await commits.finish()
    } finally {
      await commits.close()
    }
  })

  async function readAndCommit(): Promise<void> {
    for await (const row of readRows(filePath, job)) {
      if (plan === null) {
        const keyField = job.keyField ? object.fieldsByName.get(job.keyField) ?? null : null
        plan = {
          ctx, object, columns: mappedColumns(object, row.cells.map((h) => h.trim()), job.mapping), headerCount: row.cells.length,
          keyField, locale: conventions, seenKeys: new Map(), createRelated: job.options.createRelated === true,
          companyLinks: companyLinks(ctx.metadata, object, row.cells.map((h) => h.trim()), job.mapping, job.options.createRelated === true),
        }
        continue
      }
      const dataIndex = row.rowNo - 1
      if (dataIndex <= job.rowsDone) {
        // Already committed before a restart: only remember its key for in-file duplicate checks.
        const keyColumn = plan.columns.find((c) => c.field === plan!.keyField)
        const key = keyColumn ? keyOf(plan, row.cells[keyColumn.index]?.trim() || undefined) : null
        if (key !== null && !plan.seenKeys.has(key)) plan.seenKeys.set(key, row.rowNo)
        continue
      }
      batch.push(row)
      if (batch.length >= batchRows) await flush()
    }
    await flush()
  }
}
