/**
 * Record writes and the record page's reads: update with If-Match (412 on a stale version),
 * create, delete/restore, batches, the timeline and related records. Types of the answers
 * live beside the calls that return them.
 */
import type { BatchOperation, BatchResult as BatchResultOf } from '../../../contracts/batch.js'
import { apiRequest, api } from './client.js'
import type { ApiRecord, RecordPage, SearchHit } from './types.js'

const base = (object: string) => `/api/v1/records/${encodeURIComponent(object)}`
const one = (object: string, id: string) => `${base(object)}/${encodeURIComponent(id)}`

/** PATCH with `If-Match: "<version>"`: a record changed by someone else answers 412 (version-conflict). */
export const updateRecord = async (object: string, id: string, patch: Record<string, unknown>, version?: number) =>
  (await apiRequest<{ data: ApiRecord }>('PATCH', one(object, id), {
    body: patch, headers: version === undefined ? undefined : { 'If-Match': `"${version}"` },
  })).data

export const createRecord = async (object: string, data: Record<string, unknown>) =>
  (await api.post<{ data: ApiRecord }>(base(object), data)).data

export const restoreRecord = async (object: string, id: string) =>
  (await api.post<{ data: ApiRecord }>(`${one(object, id)}/restore`)).data

export type { BatchOperation }
export type BatchResult = BatchResultOf<ApiRecord>

/** Up to 1000 operations in one transaction: all are written or none (422 batch-failed names each bad one). */
export const runBatch = async (object: string, operations: BatchOperation[]) =>
  (await api.post<{ data: BatchResult[] }>(`${base(object)}/batch`, { operations })).data

export interface HistoryChange {
  kind: 'change'
  at: string
  id: string
  field: string
  actor: string
  oldValue: unknown
  newValue: unknown
}

/** One timeline entry: a related activity (any timeline object), a field change, or the creation. */
export type TimelineItem =
  | { kind: 'record'; at: string; object: string; record: ApiRecord }
  | HistoryChange
  | { kind: 'created'; at: string; actor: string | null }

export interface TimelinePage {
  data: TimelineItem[]
  page: { nextCursor: string | null; hasMore: boolean }
}

/** One keyset page of the timeline, newest first; pass `page.nextCursor` back for the next. */
export const getTimeline = (object: string, id: string, options: { limit: number; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<TimelinePage>(`${one(object, id)}/timeline`, { limit: options.limit, cursor: options.cursor ?? undefined }, options.signal)

/** One keyset page of records matching a filter (the related lists). */
export const queryRecords = (object: string, options: { filter: unknown; limit: number; cursor?: string | null; fields?: string[]; signal?: AbortSignal }) =>
  api.get<RecordPage>(base(object), {
    filter: JSON.stringify(options.filter), limit: options.limit, cursor: options.cursor ?? undefined, fields: options.fields?.join(','),
  }, options.signal)

/** Ranked search within one object (the relation picker). */
export const searchObject = async (q: string, object: string, signal?: AbortSignal) =>
  (await api.get<{ data: SearchHit[] }>('/api/v1/search', { q, objects: object, limit: 10 }, signal)).data

/** The kanban's move: an update that must not overwrite a newer version. */
export const patchRecord = (object: string, id: string, changes: Record<string, unknown>, version: number) => updateRecord(object, id, changes, version)
