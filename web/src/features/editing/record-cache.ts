/**
 * Optimistic writes touch every cached copy of a record: the record page's query
 * (`['records', object, 'one', id]`) and each loaded list page (`['records', object, 'list', …]`).
 * `snapshotRecordCaches` keeps what was there so a failed write puts it back exactly.
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query'
import type { ApiRecord } from '../../api/types.js'
import type { LoadedPage } from '../records/useRecordList.js'

/** What the record page caches: the record and titles of the records it points to. */
export interface RecordWithLabels {
  data: ApiRecord
  labels: Record<string, string>
}

export const recordKey = (object: string, id: string) => ['records', object, 'one', id] as const
export const listKeyPrefix = (object: string) => ['records', object, 'list'] as const

export type CacheSnapshot = [QueryKey, unknown][]

export function snapshotRecordCaches(client: QueryClient, object: string, id: string): CacheSnapshot {
  return [
    ...client.getQueriesData({ queryKey: recordKey(object, id) }),
    ...client.getQueriesData({ queryKey: listKeyPrefix(object) }),
  ]
}

export function restoreRecordCaches(client: QueryClient, snapshot: CacheSnapshot): void {
  for (const [key, data] of snapshot) client.setQueryData(key, data)
}

/** Merges a patch (optimistic) or the server's answer into every cached copy of record `id`. */
export function mergeCachedRecord(client: QueryClient, object: string, id: string, values: Record<string, unknown>, labels: Record<string, string> = {}): void {
  client.setQueryData<RecordWithLabels>(recordKey(object, id), (old) =>
    old ? { data: { ...old.data, ...values }, labels: { ...old.labels, ...labels } } : old)
  client.setQueriesData<InfiniteData<LoadedPage>>({ queryKey: listKeyPrefix(object) }, (old) => {
    if (!old?.pages) return old
    return {
      ...old,
      pages: old.pages.map((page) => (page.data.some((row) => row.id === id)
        ? { ...page, data: page.data.map((row) => (row.id === id ? { ...row, ...values } : row)), labels: { ...page.labels, ...labels } }
        : page)),
    }
  })
}

/** Removes records from the loaded list pages (after a delete). */
export function removeFromLists(client: QueryClient, object: string, ids: ReadonlySet<string>): void {
  client.setQueriesData<InfiniteData<LoadedPage>>({ queryKey: listKeyPrefix(object) }, (old) => {
    if (!old?.pages) return old
    return { ...old, pages: old.pages.map((page) => ({ ...page, data: page.data.filter((row) => !ids.has(row.id)) })) }
  })
}
