/**
 * Group-by for the record table, from metadata: which fields can group (one value per record),
 * which can be summed, how a group's value reads, and the filter that shows one group's records.
 * The URL holds it all: `?groupBy=stage&sumOf=amount&group="<id>"` (the group value as JSON).
 */
import type { AggregateRow } from '../../api/analytics.js'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import type { Formatters } from '../../i18n/format.js'
import { isListable, isToOne } from '../records/fields.js'

const GROUPABLE_TYPES = new Set(['select', 'boolean', 'text', 'email', 'phone', 'url', 'number', 'rating', 'date'])
const SUMMABLE_TYPES = new Set(['currency', 'number', 'rating'])

export type GroupValue = string | number | boolean | null

export interface Grouping {
  groupBy?: FieldDescription
  sumOf?: FieldDescription
  /** The chosen group; undefined when the table shows every group. */
  group?: { value: GroupValue }
}

export const groupableFields = (object: ObjectDescription) =>
  object.fields.filter((f) => isListable(f) && (isToOne(f) || GROUPABLE_TYPES.has(f.type))).sort((a, b) => a.position - b.position)

export const summableFields = (object: ObjectDescription) =>
  object.fields.filter((f) => SUMMABLE_TYPES.has(f.type) && !f.options.multiple).sort((a, b) => a.position - b.position)

/** Dates group by month: a per-day list is rarely what anyone wants. */
export const bucketOf = (field: FieldDescription) => (field.type === 'date' ? ('month' as const) : undefined)

function parseGroupValue(raw: string | null): { value: GroupValue } | undefined {
  if (raw === null) return undefined
  try {
    const value: unknown = JSON.parse(raw)
    return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? { value: value as GroupValue } : undefined
  } catch {
    return undefined
  }
}

export function parseGrouping(object: ObjectDescription, search: URLSearchParams): Grouping {
  const groupBy = groupableFields(object).find((f) => f.apiName === search.get('groupBy'))
  if (!groupBy) return {}
  return { groupBy, sumOf: summableFields(object).find((f) => f.apiName === search.get('sumOf')), group: parseGroupValue(search.get('group')) }
}

/** The month after a `YYYY-MM-01` bucket. */
function nextMonth(start: string): string {
  const [year, month] = start.split('-').map(Number)
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`
}

/** The records of one group, as a filter on the table. */
export function groupFilter(field: FieldDescription, value: GroupValue): unknown {
  if (value === null) return { field: field.apiName, op: 'isNull' }
  if (bucketOf(field) === 'month' && typeof value === 'string') {
    return { and: [{ field: field.apiName, op: 'gte', value }, { field: field.apiName, op: 'lt', value: nextMonth(value) }] }
  }
  return { field: field.apiName, op: 'eq', value }
}

export const groupingFilter = (grouping: Grouping) => (grouping.groupBy && grouping.group ? groupFilter(grouping.groupBy, grouping.group.value) : undefined)

/** `?…` with some parameters changed (null removes one), keeping the others (the sort). */
export function searchWith(current: URLSearchParams, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(current)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key)
    else params.set(key, value)
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

export interface GroupText {
  noValue: string
  yes: string
  no: string
  untitled: string
}

/** How a group's value reads in the summary list. */
export function groupLabel(field: FieldDescription, row: AggregateRow, fmt: Formatters, monthFormat: Intl.DateTimeFormat, text: GroupText): string {
  const value = row[field.apiName]
  if (value === null || value === undefined || value === '') return text.noValue
  if (isToOne(field)) return typeof row[`${field.apiName}.title`] === 'string' && row[`${field.apiName}.title`] ? String(row[`${field.apiName}.title`]) : text.untitled
  switch (field.type) {
    case 'select': return field.options.choices?.find((c) => c.value === value)?.label ?? String(value)
    case 'boolean': return value ? text.yes : text.no
    case 'number':
    case 'rating': return typeof value === 'number' ? fmt.number(value) : String(value)
    case 'date': return monthFormat.format(new Date(`${String(value)}T00:00:00Z`))
    default: return String(value)
  }
}
