/** The duplicate finder and merge (see contracts/duplicates.ts for the shapes). */
import type { DuplicateGroup, DuplicateJob, DuplicateRule, MergeRequest } from '../../../contracts/duplicates.js'
import { api, apiRequest } from './client.js'
import type { ApiRecord } from './types.js'

export type { DuplicateGroup, DuplicateJob, DuplicateRule, MergeRequest }

export interface GroupPage {
  data: DuplicateGroup<ApiRecord>[]
  page: { nextCursor: string | null; hasMore: boolean }
}

export const startDuplicateJob = async (object: string, rules: DuplicateRule[]) =>
  (await api.post<{ data: DuplicateJob }>('/api/v1/duplicates/jobs', { object, rules })).data

export const listDuplicateJobs = async (signal?: AbortSignal) =>
  (await api.get<{ data: DuplicateJob[] }>('/api/v1/duplicates/jobs', undefined, signal)).data

export const getDuplicateJob = async (id: string, signal?: AbortSignal) =>
  (await api.get<{ data: DuplicateJob }>(`/api/v1/duplicates/jobs/${encodeURIComponent(id)}`, undefined, signal)).data

export const cancelDuplicateJob = async (id: string) =>
  (await api.post<{ data: DuplicateJob }>(`/api/v1/duplicates/jobs/${encodeURIComponent(id)}/cancel`)).data

export const listDuplicateGroups = (jobId: string, cursor: string | null, signal?: AbortSignal) =>
  api.get<GroupPage>(`/api/v1/duplicates/jobs/${encodeURIComponent(jobId)}/groups`, { limit: 20, cursor }, signal)

export const dismissDuplicateGroup = (groupId: string) => api.post<void>(`/api/v1/duplicates/groups/${encodeURIComponent(groupId)}/dismiss`)

/** Merges into the survivor; `survivorVersion` goes in If-Match so a changed survivor answers 412. */
export const mergeRecords = async (object: string, request: MergeRequest, survivorVersion: number) =>
  (await apiRequest<{ data: ApiRecord }>('POST', `/api/v1/records/${encodeURIComponent(object)}/merge`, {
    body: request, headers: { 'If-Match': `"${survivorVersion}"` },
  })).data
