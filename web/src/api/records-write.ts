/** Creating and updating one record; answers carry the record's new `version` (its ETag). */
import { apiRequest } from './client.js'
import type { ApiRecord } from './types.js'

const recordsUrl = (object: string) => `/api/v1/records/${encodeURIComponent(object)}`

export const createRecord = async (object: string, data: Record<string, unknown>) =>
  (await apiRequest<{ data: ApiRecord }>('POST', recordsUrl(object), { body: data })).data

/**
 * PATCH with `If-Match` when the version read is known: a record changed elsewhere since then
 * answers 412 (version-conflict) instead of being silently overwritten.
 */
export const updateRecord = async (object: string, id: string, data: Record<string, unknown>, version?: number) =>
  (await apiRequest<{ data: ApiRecord }>('PATCH', `${recordsUrl(object)}/${encodeURIComponent(id)}`, {
    body: data, headers: version === undefined ? undefined : { 'If-Match': `"${version}"` },
  })).data
