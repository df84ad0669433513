/**
 * Turns one batch of CSV rows into a plan: each row becomes a create, an update of the record
 * its key matches, a skip (empty, or a key seen earlier in the file) or a failure with the
 * column and reason. Only reads; the runner writes the plan.
 */
import { ProblemCollector } from '../../errors.js'
import { handlerOf } from '../../engine/fields/registry.js'
import { isManyToOne } from '../../engine/fields/relation.js'
import { isId } from '../../engine/ids.js'
import type { FieldMeta, ObjectMeta } from '../../engine/metadata-types.js'
import type { ApiRecord, ParsedInput } from '../../engine/record-codec.js'
import { listRecords, MAX_PAGE_SIZE, type RecordContext } from '../../engine/records.js'
import { parseForWrite } from '../../engine/record-access.js'
import { CellError, coerceCell, type CoercionLocale } from './cell-coercion.js'
import type { RowError } from './import-jobs.repository.js'
import { findByLabel, resolveByDomain, unifyPending, type CompanyLink, type LinkedRecord, type PendingRelation } from './company-matching.js'

export type { PendingRelation }

export interface MappedColumn {
  index: number
  header: string
  field: FieldMeta
}

export type PlannedRow =
  | { rowNo: number; kind: 'create'; input: Record<string, unknown>; parsed: ParsedInput; pending?: PendingRelation[]; linked?: LinkedRecord[] }
  | { rowNo: number; kind: 'update'; id: string; version: number; input: Record<string, unknown>; parsed: ParsedInput; previous: Record<string, unknown>; pending?: PendingRelation[]; linked?: LinkedRecord[] }
  | { rowNo: number; kind: 'skip'; errors: RowError[] }
  | { rowNo: number; kind: 'fail'; errors: RowError[] }

export interface PlanContext {
  ctx: RecordContext
  object: ObjectMeta
  columns: MappedColumn[]
  headerCount: number
  keyField: FieldMeta | null
  locale: CoercionLocale
  /** Key value → the row that first had it, across batches (in-file duplicates). */
  seenKeys: Map<string, number>
  /** Create a to-one relation's target (a company by its name) when no record has the label. */
  createRelated?: boolean
  /** Relations found by domain too (a person's company by website or e-mail domain): companyLinks(). */
  companyLinks?: CompanyLink[]
}

const cellText = (value: string) => value.slice(0, 200)

/** The stored form of a key value, so "Ann@EXAMPLE.com" and "Ann@example.com" are one key. */
export function keyOf(plan: Pick<PlanContext, 'ctx' | 'keyField'>, value: unknown): string | null {
  if (!plan.keyField || value === undefined || value === null) return null
  try {
    const columns = handlerOf(plan.keyField.type).parse(plan.keyField, value, plan.ctx.parse)
    const stored = Object.values(columns)[0]
    return stored === null || stored === undefined ? null : String(stored)
  } catch {
    return null
  }
}

/** Finds to-one relation targets by id or by their first label field ("Acme UAB" → its id). */
async function resolveRelations(plan: PlanContext, inputs: (Record<string, unknown> | null)[], errors: RowError[][], rowNos: number[],
  pending: Map<number, PendingRelation[]>, linked: Map<number, LinkedRecord[]>): Promise<void> {
  for (const column of plan.columns.filter((c) => isManyToOne(c.field))) {
    const target = plan.ctx.metadata.objects.get(column.field.options.relation!.target)
    const labelField = target?.labelFields[0]
    const wanted = [...new Set(inputs.map((i) => i?.[column.field.apiName]).filter((v): v is string => typeof v === 'string'))]
    const found = new Map<string, string>()
    if (target && wanted.length) {
      for (let i = 0; i < wanted.length; i += MAX_PAGE_SIZE / 2) {
        const ids = wanted.slice(i, i + MAX_PAGE_SIZE / 2).filter(isId)
        if (ids.length) {
          for (const r of (await listRecords(plan.ctx, target, { filter: { field: 'id', op: 'in', value: ids }, limit: MAX_PAGE_SIZE, fields: [] })).data) found.set(r.id, r.id)
        }
      }
      for (const [label, id] of await findByLabel(plan.ctx, target, wanted)) if (!found.has(label)) found.set(label, id)
    }
    inputs.forEach((input, i) => {
      const value = input?.[column.field.apiName]
      if (typeof value !== 'string') return
      const id = found.get(value)
      if (id) {
        input![column.field.apiName] = id
        linked.set(i, [...(linked.get(i) ?? []), { target: target!.apiName, id }])
      } else if (plan.createRelated && target && labelField) {
        // Left out of the input until the runner has created the target inside the batch's transaction.
        delete input![column.field.apiName]
        const label = value.trim().slice(0, 1000)
        pending.set(i, [...(pending.get(i) ?? []), { field: column.field.apiName, target: target.apiName, key: `${target.apiName}\u0000n:${label}`, values: { [labelField]: label } }])
      } else errors[i].push({ rowNo: rowNos[i], column: column.header, reason: `no ${target?.labelSingular.toLowerCase() ?? 'record'} named ${JSON.stringify(cellText(value))}`, value })
    })
  }
}

async function findByKey(plan: PlanContext, keys: string[]): Promise<Map<string, ApiRecord[]>> {
  const byKey = new Map<string, ApiRecord[]>()
  if (!plan.keyField || keys.length === 0) return byKey
  const fields = [...new Set([plan.keyField.apiName, ...plan.columns.map((c) => c.field.apiName)])]
  for (let i = 0; i < keys.length; i += MAX_PAGE_SIZE / 2) {
    const page = await listRecords(plan.ctx, plan.object, {
      filter: { field: plan.keyField.apiName, op: 'in', value: keys.slice(i, i + MAX_PAGE_SIZE / 2) }, limit: MAX_PAGE_SIZE, fields,
    })
    for (const record of page.data) {
      const key = keyOf(plan, record[plan.keyField.apiName])
      if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), record])
    }
  }
  return byKey
}

/** Pointer `/<i>/<field>` from the engine → the row index and the file's column header. */
function splitProblems(problems: ProblemCollector, plan: PlanContext, items: { index: number; rowNo: number; input: Record<string, unknown> }[]): Map<number, RowError[]> {
  const byIndex = new Map<number, RowError[]>()
  for (const problem of problems.errors) {
    const [, position, fieldName] = problem.pointer.split('/')
    const item = items[Number(position)]
    if (!item) continue
    const header = plan.columns.find((c) => c.field.apiName === fieldName)?.header ?? fieldName ?? ''
    const value = item.input[fieldName]
    byIndex.set(item.index, [...(byIndex.get(item.index) ?? []), {
      rowNo: item.rowNo, column: header, reason: problem.detail, value: value === undefined ? null : cellText(typeof value === 'string' ? value : JSON.stringify(value)),
    }])
  }
  return byIndex
}

export async function planBatch(plan: PlanContext, rows: { rowNo: number; cells: string[] }[]): Promise<PlannedRow[]> {
  const errors: RowError[][] = rows.map(() => [])
  const inputs: (Record<string, unknown> | null)[] = rows.map((row, i) => {
    if (row.cells.every((c) => c.trim() === '')) return null
    if (row.cells.length > plan.headerCount) {
      errors[i].push({ rowNo: row.rowNo, column: '', reason: `has ${row.cells.length} cells but the header has ${plan.headerCount}`, value: null })
    }
    const input: Record<string, unknown> = {}
    for (const column of plan.columns) {
      const raw = row.cells[column.index] ?? ''
      try {
        const value = isManyToOne(column.field) ? (raw.trim() || undefined) : coerceCell(column.field, raw, plan.locale)
        if (value !== undefined) input[column.field.apiName] = value
      } catch (error) {
        if (!(error instanceof CellError)) throw error
        errors[i].push({ rowNo: row.rowNo, column: column.header, reason: error.message, value: cellText(raw) })
      }
    }
    return input
  })
  const pending = new Map<number, PendingRelation[]>()
  const linked = new Map<number, LinkedRecord[]>()
  for (const link of plan.companyLinks ?? []) await resolveByDomain(plan.ctx, link, plan.createRelated === true, rows, inputs, errors, pending, linked)
  await resolveRelations(plan, inputs, errors, rows.map((r) => r.rowNo), pending, linked)
  unifyPending(pending)

  const keys = inputs.map((input) => (plan.keyField && input ? keyOf(plan, input[plan.keyField.apiName]) : null))
  const existing = await findByKey(plan, [...new Set(keys.filter((k): k is string => k !== null))])
  const planned: (PlannedRow | null)[] = rows.map((row, i) => {
    const input = inputs[i]
    if (input === null || Object.keys(input).length === 0 && errors[i].length === 0 && !pending.has(i)) return { rowNo: row.rowNo, kind: 'skip', errors: [] }
    if (errors[i].length) return { rowNo: row.rowNo, kind: 'fail', errors: errors[i] }
    const key = keys[i]
    if (key !== null) {
      const first = plan.seenKeys.get(key)
      if (first !== undefined) {
        return { rowNo: row.rowNo, kind: 'skip', errors: [{ rowNo: row.rowNo, column: plan.columns.find((c) => c.field === plan.keyField)?.header ?? '', reason: `duplicate of row ${first} in this file; skipped`, value: cellText(key) }] }
      }
      plan.seenKeys.set(key, row.rowNo)
      const matches = existing.get(key) ?? []
      if (matches.length > 1) return { rowNo: row.rowNo, kind: 'fail', errors: [{ rowNo: row.rowNo, column: '', reason: `${matches.length} records have this ${plan.keyField!.label}`, value: cellText(key) }] }
    }
    return null
  })

  for (const mode of ['create', 'update'] as const) {
    const items = rows.flatMap((row, index) => {
      if (planned[index] !== null) return []
      const match = keys[index] !== null ? existing.get(keys[index]!)?.[0] : undefined
      return (match ? 'update' : 'create') === mode ? [{ index, rowNo: row.rowNo, input: inputs[index]!, match }] : []
    })
    const problems = new ProblemCollector()
    const parsed = await parseForWrite(plan.ctx, plan.ctx.ws.db, plan.object, items.map((item, i) => ({ input: item.input, pointer: `/${i}`, currentOwner: item.match?.ownerId })),
      mode, problems, { checkReferences: false })
    const failures = splitProblems(problems, plan, items)
    items.forEach((item, i) => {
      const rowErrors = failures.get(item.index)
      if (rowErrors) planned[item.index] = { rowNo: item.rowNo, kind: 'fail', errors: rowErrors }
      else if (item.match) {
        const rowPending = pending.get(item.index)
        const previous = Object.fromEntries([...Object.keys(item.input), ...(rowPending ?? []).map((p) => p.field)].map((name) => [name, item.match![name] ?? null]))
        planned[item.index] = { rowNo: item.rowNo, kind: 'update', id: item.match.id, version: item.match.version as number, input: item.input, parsed: parsed[i], previous, pending: rowPending, linked: linked.get(item.index) }
      } else planned[item.index] = { rowNo: item.rowNo, kind: 'create', input: item.input, parsed: parsed[i], pending: pending.get(item.index), linked: linked.get(item.index) }
    })
  }
  return planned as PlannedRow[]
}
