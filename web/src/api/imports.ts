/**
 * Import jobs and mapping templates: upload a file as a dry run or an apply, follow a job's
 * progress over Server-Sent Events, read its failing rows, cancel and undo; save, list,
 * suggest and delete templates.
 */
import type { ImportEncoding, ImportMapping, ImportRowError, ImportTemplate, ImportTemplateOptions, ImportTemplateSuggestion, ImportView } from '../../../contracts/imports.js'
import { api } from './client.js'

export type { ImportRowError, ImportTemplate, ImportView }

export interface ImportOptions {
  object: string
  mode: 'dryRun' | 'apply'
  encoding?: ImportEncoding
  delimiter?: string
  key?: string
  mapping?: ImportMapping
  createRelated?: boolean
  createOptions?: boolean
  /** ISO 3166-1 alpha-2: phones without a +prefix are read in this country instead of the workspace's. */
  defaultCountry?: string
}

const base = '/api/v1/imports'
const job = (id: string) => `${base}/${encodeURIComponent(id)}`

export async function startImport(file: Blob, options: ImportOptions): Promise<ImportView> {
  const { mapping, createRelated, createOptions, ...rest } = options
  const flags = { createRelated: createRelated ? 'true' : undefined, createOptions: createOptions ? 'true' : undefined }
  return (await api.upload<{ data: ImportView }>(base, { ...rest, ...flags, mapping: mapping ? JSON.stringify(mapping) : undefined }, file)).data
}

export const listImports = async (signal?: AbortSignal) => (await api.get<{ data: ImportView[] }>(base, undefined, signal)).data
export const getImport = async (id: string, signal?: AbortSignal) => (await api.get<{ data: ImportView }>(job(id), undefined, signal)).data
export const importErrors = async (id: string, signal?: AbortSignal) =>
  (await api.get<{ data: ImportRowError[] }>(`${job(id)}/errors`, { limit: 100 }, signal)).data
export const errorsCsvUrl = (id: string) => `${job(id)}/errors.csv`
export const cancelImport = async (id: string) => (await api.post<{ data: ImportView }>(`${job(id)}/cancel`)).data
export const undoImport = async (id: string) => (await api.post<{ data: ImportView }>(`${job(id)}/undo`)).data

/**
 * Follows a job over SSE (the browser reconnects by itself with Last-Event-ID); calls
 * `onUpdate` for every snapshot and stops after the `end` event. Returns the stop function.
 */
export function followImport(id: string, onUpdate: (view: ImportView, ended: boolean) => void): () => void {
  const source = new EventSource(`${job(id)}/events`)
  const read = (ended: boolean) => (event: MessageEvent<string>) => {
    onUpdate(JSON.parse(event.data) as ImportView, ended)
    if (ended) source.close()
  }
  source.addEventListener('progress', read(false))
  source.addEventListener('end', read(true))
  return () => source.close()
}

export const listTemplates = async (object: string, signal?: AbortSignal) =>
  (await api.get<{ data: ImportTemplate[] }>('/api/v1/import-templates', { object }, signal)).data
export const suggestTemplates = async (object: string, headers: string[]) =>
  (await api.post<{ data: ImportTemplateSuggestion[] }>('/api/v1/import-templates/suggest', { object, headers })).data
export const saveTemplate = async (input: { object: string; name: string; mapping: ImportMapping; options: ImportTemplateOptions }) =>
  (await api.post<{ data: ImportTemplate }>('/api/v1/import-templates', input)).data
export const deleteTemplate = (id: string) => api.delete(`/api/v1/import-templates/${encodeURIComponent(id)}`)
