/**
 * Downloads of a list view as CSV or XLSX (`GET /api/v1/records/{object}/export`). A GET, so
 * no CSRF token is needed; a refusal (403 without export permission, 400) arrives as
 * problem+json and becomes an ApiError like every other call.
 */
import type { SortKey } from './types.js'
import { ApiError, problemOf } from './client.js'

export type ExportFormat = 'csv' | 'xlsx'

export interface ExportRequest {
  format: ExportFormat
  filter?: unknown
  sort?: SortKey[]
  fields?: string[]
}

export interface ExportedFile {
  blob: Blob
  fileName: string
}

export function exportUrl(object: string, request: ExportRequest): string {
  const params = new URLSearchParams({ format: request.format })
  if (request.format === 'csv') params.set('bom', 'true')
  if (request.filter !== undefined && request.filter !== null) params.set('filter', JSON.stringify(request.filter))
  if (request.sort?.length) params.set('sort', JSON.stringify(request.sort))
  if (request.fields?.length) params.set('fields', request.fields.join(','))
  return `/api/v1/records/${encodeURIComponent(object)}/export?${params}`
}

const fileNameOf = (disposition: string | null, fallback: string) => /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback

export async function downloadExport(object: string, request: ExportRequest, signal?: AbortSignal): Promise<ExportedFile> {
  let response: Response
  try {
    response = await fetch(exportUrl(object, request), { credentials: 'same-origin', headers: { Accept: '*/*' }, signal })
  } catch (error) {
    throw new ApiError({ status: 0, code: 'network-error', title: (error as Error).message || 'Network error' })
  }
  if (!response.ok) throw await problemOf(response)
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition'), `${object}.${request.format}`) }
}
