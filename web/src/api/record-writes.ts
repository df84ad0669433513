/** Record updates with optimistic concurrency: the caller's version goes out as If-Match. */
import { apiRequest } from './client.js'
import type { ApiRecord } from './types.js'

/** PATCH one record; a stale `version` answers 412 (`version-conflict`). */
export const patchRecord = async (object: string, id: string, changes: Record<string, unknown>, version: number) =>
  (await apiRequest<{ data: ApiRecord }>('PATCH', `/api/v1/records/${encodeURIComponent(object)}/${encodeURIComponent(id)}`, {
    body: changes, headers: { 'If-Match': `"${version}"` },
  })).data
