/**
 * A view's filter, sort and columns against the live metadata as one caller sees it. On write
 * every part must compile exactly as a list request would (the record engine's own filter
 * compiler and sort resolver, with the caller's field-level security), so a saved view can
 * never hold a query its author could not run. On read each part is projected for the reader:
 * whatever they cannot use (a hidden field, an unreadable relation, a field deleted since) is
 * dropped, as a hidden field is absent everywhere else.
 */
import type { ViewColumn } from '../../../../contracts/views.js'
import { MAX_VIEW_FILTER_CHARS } from '../../../../contracts/view-limits.js'
import { fieldError } from '../../errors.js'
import { compileFilter, type FilterNode } from '../../engine/filter.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { filterAccessOf } from '../../engine/record-access.js'
import type { RecordContext } from '../../engine/records.js'
import { resolveSort, type SortKey } from '../../engine/sort-cursor.js'
import { visibleObject } from '../../engine/visibility.js'

/** Columns that every record has besides its object's fields. */
const SYSTEM_COLUMNS = new Set(['id', 'createdAt', 'updatedAt', 'ownerId', 'createdBy'])

export interface ViewParts {
  filter: unknown | null
  sort: SortKey[]
  columns: ViewColumn[]
}

const compile = (ctx: RecordContext, view: ObjectMeta, filter: unknown, pointer: string) =>
  compileFilter(view, filter, ctx.metadata, { dialect: ctx.ws.dialect, parse: ctx.parse }, pointer, filterAccessOf(ctx))

/** Refuses (400, with a pointer) any part the caller could not use in a list request. */
export function checkParts(ctx: RecordContext, object: ObjectMeta, parts: Partial<ViewParts>): void {
  const view = visibleObject(ctx.access, object)
  if (parts.filter !== undefined && parts.filter !== null) {
    if (JSON.stringify(parts.filter).length > MAX_VIEW_FILTER_CHARS) throw fieldError('/filter', `must be at most ${MAX_VIEW_FILTER_CHARS} characters as JSON`, 'invalid-filter')
    compile(ctx, view, parts.filter, '/filter')
  }
  if (parts.sort !== undefined) resolveSort(view, parts.sort, '/sort')
  const seen = new Set<string>()
  parts.columns?.forEach((column, i) => {
    if (!SYSTEM_COLUMNS.has(column.field) && !view.fieldsByName.has(column.field)) {
      throw fieldError(`/columns/${i}/field`, `${object.apiName} has no field ${JSON.stringify(column.field)}`)
    }
    if (seen.has(column.field)) throw fieldError(`/columns/${i}/field`, 'appears twice')
    seen.add(column.field)
  })
}

/** The filter without the conditions the caller cannot run; null when nothing is left. */
function projectFilter(ctx: RecordContext, view: ObjectMeta, node: unknown): FilterNode | null {
  if (typeof node !== 'object' || node === null) return null
  const record = node as Record<string, unknown>
  for (const key of ['and', 'or'] as const) {
    if (Array.isArray(record[key])) {
      const kept = (record[key] as unknown[]).map((child) => projectFilter(ctx, view, child)).filter((child): child is FilterNode => child !== null)
      if (kept.length === 0) return null
      return key === 'and' ? { and: kept } : { or: kept }
    }
  }
  if ('not' in record) {
    const inner = projectFilter(ctx, view, record.not)
    return inner ? { not: inner } : null
  }
  try {
    compile(ctx, view, node, '/filter')
    return node as FilterNode
  } catch {
    return null
  }
}

function projectSort(view: ObjectMeta, sort: SortKey[]): SortKey[] {
  const kept: SortKey[] = []
  for (const key of sort) {
    try {
      resolveSort(view, [...kept, key])
      kept.push(key)
    } catch {
      // a key the reader cannot sort by: dropped
    }
  }
  return kept
}

/** The parts as `ctx`'s caller may see and use them. */
export function projectParts(ctx: RecordContext, object: ObjectMeta, parts: ViewParts): ViewParts {
  const view = visibleObject(ctx.access, object)
  return {
    filter: parts.filter === null ? null : projectFilter(ctx, view, parts.filter),
    sort: projectSort(view, parts.sort),
    columns: parts.columns.filter((column) => SYSTEM_COLUMNS.has(column.field) || view.fieldsByName.has(column.field)),
  }
}
