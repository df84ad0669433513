/**
 * Filtered lists (POST /api/v1/records/{object}/query): the filter AST travels in the body,
 * so a long `dueAt between` plus owner and status conditions never meets a URL length limit.
 */
import type { FilterOperator } from '../../../contracts/field-types.js'
import { apiRequest } from './client.js'
import type { ApiRecord, RecordPage, SortKey } from './types.js'

/** The API's filter AST (DESIGN.md, "Filter AST"). */
export type RecordFilter =
  | { and: RecordFilter[] }
  | { or: RecordFilter[] }
  | { not: RecordFilter }
  | { field: string; op: FilterOperator; value?: unknown }

export interface QueryOptions {
  filter?: RecordFilter
  sort?: SortKey[]
  limit?: number
  cursor?: string | null
  fields?: string[]
  signal?: AbortSignal
}

/** One keyset page of the records matching `filter`. */
export function queryRecords(object: string, options: QueryOptions): Promise<RecordPage> {
  const { signal, cursor, ...body } = options
  return apiRequest<RecordPage>('POST', `/api/v1/records/${encodeURIComponent(object)}/query`, {
    body: { ...body, ...(cursor ? { cursor } : {}) }, signal,
  })
}

/**
 * Every page of a query, following `nextCursor`, up to `maxRecords` (a calendar month or a
 * day's tasks is bounded; the cap keeps a runaway range from loading a whole table).
 */
export async function queryAllRecords(object: string, options: QueryOptions & { maxRecords: number }): Promise<{ data: ApiRecord[]; truncated: boolean }> {
  const { maxRecords, ...query } = options
  const data: ApiRecord[] = []
  let cursor: string | null = null
  for (;;) {
    const page = await queryRecords(object, { ...query, cursor })
    data.push(...page.data)
    if (!page.page.hasMore || !page.page.nextCursor) return { data, truncated: false }
    if (data.length >= maxRecords) return { data, truncated: true }
    cursor = page.page.nextCursor
  }
}
