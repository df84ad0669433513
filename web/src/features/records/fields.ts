/**
 * The web's field registry: which fields make list columns, which can be sorted, and how a
 * value reads as text. It switches on the field type, never on an object's name, so a custom
 * object gets the same table as a standard one.
 */
import type { TFunction } from 'i18next'
import type { ApiRecord, FieldDescription, ObjectDescription } from '../../api/types.js'
import type { Formatters } from '../../i18n/format.js'

export interface Column {
  /** The record key: a field's API name or a system field like `createdAt`. */
  key: string
  label: string
  /** Undefined for system fields. */
  field?: FieldDescription
  sortable: boolean
  width: number
}

export interface FormatContext {
  fmt: Formatters
  t: TFunction
  /** Titles of related records by id (relation columns). */
  labels: ReadonlyMap<string, string>
}

const DEFAULT_RATING_MAX = 5
const WIDTHS: Partial<Record<FieldDescription['type'], number>> = {
  boolean: 110, number: 130, rating: 130, date: 150, currency: 160, phone: 170, email: 240, longText: 280, address: 220,
}
const DEFAULT_WIDTH = 190
const SYSTEM_DATE_WIDTH = 190

export const isToOne = (field: FieldDescription) => field.type === 'relation' && field.options.relation?.kind === 'manyToOne'

/** A field shows as a list column when one cell can hold it: no to-many relations or lists. */
export function isListable(field: FieldDescription): boolean {
  if (field.type === 'links') return false
  if (field.type === 'relation') return isToOne(field)
  return !field.options.multiple
}

/** The server sorts scalar columns; a relation would sort by opaque id, so the UI does not offer it. */
export const isSortable = (field: FieldDescription) =>
  isListable(field) && field.type !== 'relation' && field.type !== 'multiSelect' && field.type !== 'longText'

export function columnsOf(object: ObjectDescription, t: TFunction): Column[] {
  const fields = object.fields.filter(isListable).sort((a, b) => a.position - b.position)
  return [
    ...fields.map((field) => ({ key: field.apiName, label: field.label, field, sortable: isSortable(field), width: WIDTHS[field.type] ?? DEFAULT_WIDTH })),
    { key: 'createdAt', label: t('records.created'), sortable: true, width: SYSTEM_DATE_WIDTH },
  ]
}

/** A record's title from its object's label fields, as the server builds search titles. */
export function recordTitle(object: Pick<ObjectDescription, 'labelFields'>, record: Record<string, unknown>): string {
  return object.labelFields.map((name) => record[name]).filter((value) => typeof value === 'string' && value !== '').join(' ')
}

const choiceLabel = (field: FieldDescription, value: unknown) =>
  field.options.choices?.find((choice) => choice.value === value)?.label ?? String(value)

function formatAddress(value: Record<string, unknown>, fmt: Formatters): string {
  const parts = [value.street, value.city, typeof value.country === 'string' ? fmt.region(value.country) : null]
  return parts.filter((part) => typeof part === 'string' && part !== '').join(', ')
}

function formatFieldValue(field: FieldDescription, value: unknown, ctx: FormatContext): string {
  const { fmt, t } = ctx
  if (Array.isArray(value)) return fmt.list(value.map((item) => formatFieldValue({ ...field, options: { ...field.options, multiple: false } }, item, ctx)))
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? fmt.number(value) : String(value)
    case 'currency': {
      const money = value as { amount?: string; currency?: string }
      return money.amount && money.currency ? fmt.money(money.amount, money.currency) : ''
    }
    case 'date':
      return fmt.date(String(value))
    case 'dateTime':
      return fmt.dateTime(String(value))
    case 'boolean':
      return value ? t('records.yes') : t('records.no')
    case 'select':
    case 'multiSelect':
      return choiceLabel(field, value)
    case 'rating': {
      const max = field.options.max ?? DEFAULT_RATING_MAX
      const stars = Math.max(0, Math.min(max, Number(value)))
      return `${'★'.repeat(stars)}${'☆'.repeat(max - stars)}`
    }
    case 'address':
      return typeof value === 'object' ? formatAddress(value as Record<string, unknown>, fmt) : String(value)
    case 'relation':
      return ctx.labels.get(String(value)) ?? String(value)
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
  }
}

/** Phone numbers, emails and links read left to right even on a Persian page. */
const LEFT_TO_RIGHT_TYPES: ReadonlySet<string> = new Set(['phone', 'email', 'url'])
export const textDirectionOf = (column: Column): 'ltr' | undefined =>
  column.field && LEFT_TO_RIGHT_TYPES.has(column.field.type) ? 'ltr' : undefined

/** The text a cell shows; '' for no value. */
export function formatCell(column: Column, record: ApiRecord, ctx: FormatContext): string {
  const value = record[column.key]
  if (value === null || value === undefined || value === '') return ''
  if (!column.field) return typeof value === 'string' ? ctx.fmt.dateTime(value) : String(value)
  return formatFieldValue(column.field, value, ctx)
}
