/**
 * What a view holds besides its name (filter, sort, columns), how it reads from and writes to
 * the URL (`?view=<id>` plus `sort` while it differs from the view's), and how its columns
 * apply to the table's default columns.
 */
import type { ViewColumn } from '../../api/views.js'
import type { SortKey } from '../../api/types.js'
import type { Column } from '../records/fields.js'

export interface ViewParts {
  filter: unknown
  sort: SortKey[]
  /** Empty: the object's default columns. */
  columns: ViewColumn[]
}

export const DEFAULT_PARTS: ViewParts = { filter: null, sort: [], columns: [] }

/** Structural equality of JSON-shaped parts (they are built in a stable key order). */
export const sameParts = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** `lastName,-createdAt` ↔ sort keys; an empty parameter is the default order. */
export function parseSortParam(param: string): SortKey[] {
  return param.split(',').filter((part) => /^-?[a-zA-Z][a-zA-Z0-9]*$/.test(part))
    .map((part) => (part.startsWith('-') ? { field: part.slice(1), dir: 'desc' as const } : { field: part, dir: 'asc' as const }))
}
const sortParamOf = (sort: SortKey[]) => sort.map((key) => `${key.dir === 'desc' ? '-' : ''}${key.field}`).join(',')

/** The records page's query string: the active view, and a sort that overrides the view's. */
export function searchOf(viewId: string | null, sort?: SortKey[]): string {
  const params = new URLSearchParams()
  if (viewId) params.set('view', viewId)
  if (sort && (sort.length > 0 || viewId)) params.set('sort', sortParamOf(sort))
  const search = params.toString()
  return search ? `?${search}` : ''
}

/** The table's columns as the view orders and sizes them (unknown or hidden fields are skipped). */
export function applyColumns(defaults: Column[], columns: ViewColumn[]): Column[] {
  if (columns.length === 0) return defaults
  const byKey = new Map(defaults.map((column) => [column.key, column]))
  return columns.flatMap((vc) => {
    const column = byKey.get(vc.field)
    return column ? [{ ...column, width: vc.width ?? column.width }] : []
  })
}

/** The explicit column list of what the table shows now (to edit a view's default columns). */
export const explicitColumns = (shown: Column[]): ViewColumn[] => shown.map((column) => ({ field: column.key, width: column.width }))

/** The shown columns with one column's width changed, as a view's explicit column list. */
export const resizeColumn = (shown: Column[], key: string, width: number): ViewColumn[] =>
  explicitColumns(shown).map((column) => (column.field === key ? { ...column, width } : column))
