/**
 * Keyset pages of one object's records as one growing list (TanStack infinite query): each
 * page's `nextCursor` fetches the next. Titles of related records (a person's company) are
 * looked up once per page, so a relation cell shows a name instead of an id.
 */
import { useInfiniteQuery } from '@tanstack/react-query'
import { findRecordsByIds, listRecords, sortParam } from '../../api/records.js'
import type { ApiRecord, ObjectDescription, RecordPage, SortKey } from '../../api/types.js'
import { isListable, isToOne, recordTitle } from './fields.js'

export const PAGE_SIZE = 100

export interface LoadedPage extends RecordPage {
  /** Related record id → title, for this page's relation cells. */
  labels: Record<string, string>
}

/** Titles of the records that `rows` point to through to-one relations, by id. */
export async function relationLabels(object: ObjectDescription, rows: ApiRecord[], objects: ObjectDescription[], signal: AbortSignal) {
  const labels: Record<string, string> = {}
  const relations = object.fields.filter((field) => isToOne(field) && isListable(field))
  await Promise.all(relations.map(async (field) => {
    const target = objects.find((candidate) => candidate.apiName === field.options.relation?.target)
    const ids = [...new Set(rows.map((row) => row[field.apiName]).filter((id): id is string => typeof id === 'string'))]
    if (!target || ids.length === 0 || target.labelFields.length === 0) return
    try {
      for (const related of await findRecordsByIds(target.apiName, ids, target.labelFields, signal)) labels[related.id] = recordTitle(target, related)
    } catch {
      // Titles are a nicety: without read access to the target the cell shows the id.
    }
  }))
  return labels
}

/** `filter` is a filter AST the server applies; `enabled: false` holds the list until it is known. */
export function useRecordList(object: ObjectDescription, sort: SortKey[], objects: ObjectDescription[], options: { filter?: unknown; enabled?: boolean } = {}) {
  const { filter, enabled } = options
  return useInfiniteQuery({
    queryKey: ['records', object.apiName, 'list', sortParam(sort), JSON.stringify(filter ?? null)],
    enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }): Promise<LoadedPage> => {
      const page = await listRecords(object.apiName, { sort, filter, cursor: pageParam, limit: PAGE_SIZE, signal })
      return { ...page, labels: await relationLabels(object, page.data, objects, signal) }
    },
    getNextPageParam: (last) => (last.page.hasMore ? last.page.nextCursor : undefined),
  })
}
