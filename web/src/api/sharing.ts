/**
 * Typed calls behind Settings → Sharing: organisation-wide defaults, teams and sharing rules
 * (administrators only; the server checks).
 */
import type { SharingAccess, SharingRule, Team } from '../../../contracts/access.js'
import { api } from './client.js'

export interface SharingDefault {
  object: string
  access: SharingAccess
}

export type { SharingRule, Team }

export type NewSharingRule = Omit<SharingRule, 'id' | 'createdAt'>

const BASE = '/api/v1/access'

export const listSharingDefaults = async (signal?: AbortSignal) => (await api.get<{ data: SharingDefault[] }>(`${BASE}/sharing`, undefined, signal)).data
export const setSharingDefault = (object: string, access: SharingAccess) => api.put<void>(`${BASE}/sharing/${encodeURIComponent(object)}`, { access })
export const listTeams = async (signal?: AbortSignal) => (await api.get<{ data: Team[] }>(`${BASE}/teams`, undefined, signal)).data
export const createTeam = async (name: string) => (await api.post<{ data: Team }>(`${BASE}/teams`, { name, memberIds: [] })).data
export const setTeamMembers = async (id: string, memberIds: string[]) =>
  (await api.put<{ data: Team }>(`${BASE}/teams/${encodeURIComponent(id)}/members`, { memberIds })).data
export const listSharingRules = async (signal?: AbortSignal) => (await api.get<{ data: SharingRule[] }>(`${BASE}/sharing-rules`, undefined, signal)).data
export const createSharingRule = async (body: NewSharingRule) => (await api.post<{ data: { id: string } }>(`${BASE}/sharing-rules`, body)).data
export const deleteSharingRule = (id: string) => api.delete(`${BASE}/sharing-rules/${encodeURIComponent(id)}`)
