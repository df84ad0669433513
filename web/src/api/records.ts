import { api } from './client.js'
import type { ApiRecord, ObjectDescription, RecordPage, SearchHit, SortKey } from './types.js'

export const listObjects = async (signal?: AbortSignal) =>
  (await api.get<{ data: ObjectDescription[] }>('/api/v1/metadata/objects', undefined, signal)).data

export const getObject = async (object: string, signal?: AbortSignal) =>
  (await api.get<{ data: ObjectDescription }>(`/api/v1/metadata/objects/${encodeURIComponent(object)}`, undefined, signal)).data

/** `lastName,-createdAt`: the API's short sort form. */
export const sortParam = (sort: SortKey[]) => sort.map((key) => (key.dir === 'desc' ? `-${key.field}` : key.field)).join(',')

export interface ListOptions {
  /** A filter AST (DESIGN.md, "Filter AST"); sent as URL-encoded JSON. */
  filter?: unknown
  sort?: SortKey[]
  cursor?: string | null
  limit?: number
  fields?: string[]
  signal?: AbortSignal
}

/** One keyset page; pass `page.nextCursor` back as `cursor` for the next one. */
export const listRecords = (object: string, options: ListOptions = {}) =>
  api.get<RecordPage>(`/api/v1/records/${encodeURIComponent(object)}`, {
    sort: options.sort?.length ? sortParam(options.sort) : undefined,
    filter: options.filter ? JSON.stringify(options.filter) : undefined,
    cursor: options.cursor ?? undefined,
    limit: options.limit,
    fields: options.fields?.join(','),
  }, options.signal)

/** The records with these ids (at most 1000), reading only `fields`. */
export async function findRecordsByIds(object: string, ids: string[], fields: string[], signal?: AbortSignal): Promise<ApiRecord[]> {
  const page = await api.get<RecordPage>(`/api/v1/records/${encodeURIComponent(object)}`, {
    filter: JSON.stringify({ field: 'id', op: 'in', value: ids }), fields: fields.join(','), limit: ids.length,
  }, signal)
  return page.data
}

export const getRecord = async (object: string, id: string, signal?: AbortSignal) =>
  (await api.get<{ data: ApiRecord }>(`/api/v1/records/${encodeURIComponent(object)}/${encodeURIComponent(id)}`, undefined, signal)).data

/** Ranked hits across objects; `objects` (API names) narrows the search to those objects. */
export const searchRecords = async (q: string, signal?: AbortSignal, objects?: string[]) =>
  (await api.get<{ data: SearchHit[] }>('/api/v1/search', { q, limit: 20, objects: objects?.join(',') }, signal)).data
