/**
 * What an export's columns are and how a record becomes cells: one typed cell per column
 * (text, number, money, date, date-time, boolean), so CSV writes plain text and XLSX writes
 * real numbers and dates. Text is neutralised against formula injection here, once, for both
 * formats; numbers, dates and booleans are values and never start a formula.
 */
import { fieldError } from '../../errors.js'
import type { FieldMeta, ObjectMeta } from '../../engine/metadata-types.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import { handlerOf } from '../../engine/fields/registry.js'
import { isManyToOne } from '../../engine/fields/relation.js'
import { neutraliseFormula } from './formula-guard.js'

export type Cell =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'money'; value: number; currency: string }
  | { kind: 'date' | 'dateTime'; value: Date; text: string }
  | { kind: 'boolean'; value: boolean }
  | null

/** Relation id → its target's label, for the page being written (filled by the service). */
export type RelationLabels = Map<string, string>

export interface ExportColumn {
  header: string
  /** The field this column shows (absent for system columns). */
  field?: string
  /** The to-one / to-many relation field whose ids this column shows as labels. */
  relation?: FieldMeta
  cell(record: ApiRecord, labels: RelationLabels): Cell
  /**
   * The same cell's text (neutralised, '' for none) read straight from the stored row, for
   * columns whose value is one text column as stored: CSV then needs no record or cell object
   * for them. Must give exactly `cell`'s text.
   */
  rowText?(row: Record<string, unknown>, labels: RelationLabels): string
}

/** Columns every record has besides its object's fields, exportable when a view shows them (`column`: stored as text as is). */
const SYSTEM_COLUMNS: Record<string, { header: string; kind: 'text' | 'dateTime'; column?: string }> = {
  id: { header: 'ID', kind: 'text', column: 'id' },
  createdAt: { header: 'Created at', kind: 'dateTime' },
  updatedAt: { header: 'Updated at', kind: 'dateTime' },
  ownerId: { header: 'Owner', kind: 'text', column: 'owner_id' },
  createdBy: { header: 'Created by', kind: 'text', column: 'created_by' },
}

const text = (value: unknown): Cell => (value === null || value === undefined || value === '' ? null : { kind: 'text', value: neutraliseFormula(String(value)) })

function dateCell(kind: 'date' | 'dateTime', value: unknown): Cell {
  if (typeof value !== 'string') return null
  const date = new Date(kind === 'date' ? `${value}T00:00:00Z` : value)
  return Number.isNaN(date.getTime()) ? null : { kind, value: date, text: value }
}

function numberCell(value: unknown): Cell {
  const number = typeof value === 'string' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) ? { kind: 'number', value: number } : null
}

const ADDRESS_ORDER = ['street', 'street2', 'postcode', 'city', 'region', 'country'] as const

function addressText(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  const parts = ADDRESS_ORDER.map((k) => (value as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string' && v !== '')
  return parts.length ? parts.join(', ') : null
}

const labelOf = (labels: RelationLabels, id: unknown) => (typeof id === 'string' ? labels.get(id) ?? id : '')

/** `text(value)`'s text without the cell object. */
const plainText = (value: unknown): string => (value === null || value === undefined || value === '' ? '' : neutraliseFormula(String(value)))

/** A stored single text column (text, email, phone, url, select…): both dialects read it back as is. */
function storedText(field: FieldMeta): ExportColumn['rowText'] {
  const handler = handlerOf(field.type)
  const columns = handler.columns(field)
  if (columns.length !== 1 || columns[0].kind !== 'text') return undefined
  return (row) => plainText(handler.format(field, row))
}

/** The column(s) one field exports as; a currency field is two (amount, then its currency code). */
function fieldColumns(field: FieldMeta): ExportColumn[] {
  const get = (record: ApiRecord) => record[field.apiName]
  switch (field.type) {
    case 'number':
    case 'rating':
      return [{ header: field.label, cell: (r) => numberCell(get(r)) }]
    case 'currency':
      return [
        {
          header: field.label,
          cell: (r) => {
            const money = get(r) as { amount?: string; currency?: string } | null
            const amount = Number(money?.amount)
            return money && Number.isFinite(amount) ? { kind: 'money', value: amount, currency: money.currency ?? '' } : null
          },
        },
        { header: `${field.label} (currency)`, cell: (r) => text((get(r) as { currency?: string } | null)?.currency) },
      ]
    case 'date':
    case 'dateTime':
      return [{ header: field.label, cell: (r) => dateCell(field.type as 'date' | 'dateTime', get(r)) }]
    case 'boolean':
      return [{ header: field.label, cell: (r) => (typeof get(r) === 'boolean' ? { kind: 'boolean', value: get(r) as boolean } : null) }]
    case 'multiSelect':
      return [{ header: field.label, cell: (r) => text(Array.isArray(get(r)) ? (get(r) as unknown[]).join('; ') : null) }]
    case 'address':
      return [{ header: field.label, cell: (r) => text(addressText(get(r))) }]
    case 'relation':
      return [{
        header: field.label, relation: field,
        rowText: isManyToOne(field) ? (row, labels) => { const id = row[field.columnName!]; return id ? plainText(labelOf(labels, id)) : '' } : undefined,
        cell: (r, labels) => {
          const value = get(r)
          return text(Array.isArray(value) ? value.map((id) => labelOf(labels, id)).join('; ') : value ? labelOf(labels, value) : null)
        },
      }]
    case 'links':
      return [{ header: field.label, cell: (r) => text(Array.isArray(get(r)) ? (get(r) as unknown[]).map((l) => (typeof l === 'object' && l !== null ? (l as { id?: string }).id : l)).join('; ') : null) }]
    default:
      return [{ header: field.label, cell: (r) => text(get(r)), rowText: storedText(field) }]
  }
}

/**
 * The export's columns for `names` (a view's columns or the request's `fields`), looked up in
 * the caller's view of the object — a hidden field does not exist, so it answers like an
 * unknown one. Without names: every visible stored field.
 */
export function exportColumns(view: ObjectMeta, names: string[] | undefined, pointer: string): { columns: ExportColumn[]; fields: string[] } {
  const chosen = names ?? view.fields.filter((f) => f.options.relation?.kind !== 'oneToMany').map((f) => f.apiName)
  const columns: ExportColumn[] = []
  const fields: string[] = []
  chosen.forEach((name, i) => {
    const system = SYSTEM_COLUMNS[name]
    if (system) {
      const column = system.column
      columns.push({ header: system.header, cell: (r) => (system.kind === 'dateTime' ? dateCell('dateTime', r[name]) : text(r[name])), rowText: column ? (row) => plainText(row[column]) : undefined })
      return
    }
    const field = view.fieldsByName.get(name)
    if (!field) throw fieldError(`${pointer}/${i}`, `${view.apiName} has no field ${JSON.stringify(name.slice(0, 100))}`)
    if (field.options.relation?.kind === 'oneToMany') throw fieldError(`${pointer}/${i}`, `${name} is the inverse side of a relation and cannot be exported`)
    columns.push(...fieldColumns(field).map((c) => ({ ...c, field: name })))
    fields.push(name)
  })
  if (columns.length === 0) throw fieldError(pointer, 'choose at least one column to export')
  return { columns, fields }
}

/** Header cells, neutralised too: a field label is user input. */
export const headerRow = (columns: ExportColumn[]): string[] => columns.map((c) => neutraliseFormula(c.header))
