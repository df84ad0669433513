/** Saved list views (GET/POST/PATCH/DELETE /api/v1/views); writes carry the view's version as If-Match. */
import type { CreateViewBody, SavedView, UpdateViewBody } from '../../../contracts/views.js'
import { apiRequest } from './client.js'

export type { SavedView, ViewColumn } from '../../../contracts/views.js'

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` })

export const listViews = async (object: string, signal?: AbortSignal) =>
  (await apiRequest<{ data: SavedView[] }>('GET', '/api/v1/views', { query: { object }, signal })).data

export const createView = async (body: CreateViewBody) =>
  (await apiRequest<{ data: SavedView }>('POST', '/api/v1/views', { body })).data

/** Answers 412 (ApiError code `version-conflict`) when someone saved the view since `version`. */
export const updateView = async (id: string, version: number, body: UpdateViewBody) =>
  (await apiRequest<{ data: SavedView }>('PATCH', `/api/v1/views/${encodeURIComponent(id)}`, { body, headers: ifMatch(version) })).data

export const deleteView = (id: string, version: number) =>
  apiRequest<void>('DELETE', `/api/v1/views/${encodeURIComponent(id)}`, { headers: ifMatch(version) })
