/**
 * Typed calls behind the settings screens: the data model (metadata API), access (roles,
 * members, invitations), API keys, the workspace's settings and pipeline records.
 */
import type { RolePermissions } from '../../../contracts/access.js'
import type { CreateFieldBody, CreateObjectBody, UpdateFieldBody, UpdateObjectBody } from '../../../contracts/field-types.js'
import type { UpdateWorkspaceBody, WorkspaceSettings } from '../../../contracts/workspace.js'
import { api } from './client.js'
import type { ApiRecord, FieldDescription, ObjectDescription } from './types.js'

const OBJECTS = '/api/v1/metadata/objects'
const objectPath = (object: string) => `${OBJECTS}/${encodeURIComponent(object)}`
const fieldPath = (object: string, field: string) => `${objectPath(object)}/fields/${encodeURIComponent(field)}`

export const createObject = async (body: CreateObjectBody) => (await api.post<{ data: ObjectDescription }>(OBJECTS, body)).data
export const updateObject = async (object: string, body: UpdateObjectBody) => (await api.patch<{ data: ObjectDescription }>(objectPath(object), body)).data
export const deleteObject = (object: string) => api.delete(objectPath(object))
export const createField = async (object: string, body: CreateFieldBody) => (await api.post<{ data: FieldDescription }>(`${objectPath(object)}/fields`, body)).data
export const updateField = async (object: string, field: string, body: UpdateFieldBody) => (await api.patch<{ data: FieldDescription }>(fieldPath(object, field), body)).data
export const deleteField = (object: string, field: string) => api.delete(fieldPath(object, field))

export interface Role {
  id: string
  name: string
  parentId: string | null
  isAdmin: boolean
  permissions: RolePermissions
}

export interface Member {
  userId: string
  roleId: string
  email: string
  name: string
}

export const listRoles = async (signal?: AbortSignal) => (await api.get<{ data: Role[] }>('/api/v1/access/roles', undefined, signal)).data
export const createRole = async (body: { name: string; permissions: RolePermissions }) => (await api.post<{ data: Role }>('/api/v1/access/roles', body)).data
export const updateRole = async (id: string, body: { name?: string; permissions?: RolePermissions }) =>
  (await api.patch<{ data: Role }>(`/api/v1/access/roles/${encodeURIComponent(id)}`, body)).data
export const listMembers = async (signal?: AbortSignal) => (await api.get<{ data: Member[] }>('/api/v1/access/members', undefined, signal)).data
export const setMemberRole = (userId: string, roleId: string) => api.patch<void>(`/api/v1/access/members/${encodeURIComponent(userId)}`, { roleId })
export const removeMember = (userId: string) => api.delete(`/api/v1/access/members/${encodeURIComponent(userId)}`)
export const inviteMember = (body: { email: string; roleId: string }) => api.post<{ data: { email: string; roleId: string } }>('/api/v1/access/invitations', body)

export interface ApiKeyInfo {
  id: string
  name: string
  prefix: string
  userId: string | null
  roleId: string | null
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
}

export const listApiKeys = async (signal?: AbortSignal) => (await api.get<{ data: ApiKeyInfo[] }>('/api/v1/api-keys', undefined, signal)).data
/** The answer holds the key itself: it is shown once and never again. */
export const createApiKey = async (body: { name: string; roleId?: string; expiresAt?: string }) =>
  (await api.post<{ data: ApiKeyInfo & { key: string } }>('/api/v1/api-keys', body)).data
export const revokeApiKey = (id: string) => api.delete(`/api/v1/api-keys/${encodeURIComponent(id)}`)

export const getWorkspaceSettings = async (signal?: AbortSignal) => (await api.get<{ data: WorkspaceSettings }>('/api/v1/workspace', undefined, signal)).data
export const updateWorkspaceSettings = async (body: UpdateWorkspaceBody) => (await api.patch<{ data: WorkspaceSettings }>('/api/v1/workspace', body)).data

/** Pipelines and their stages are ordinary records; the settings screen edits them by API name. */
export const createRecord = async (object: string, body: Record<string, unknown>) =>
  (await api.post<{ data: ApiRecord }>(`/api/v1/records/${encodeURIComponent(object)}`, body)).data
export const updateRecord = async (object: string, id: string, body: Record<string, unknown>) =>
  (await api.patch<{ data: ApiRecord }>(`/api/v1/records/${encodeURIComponent(object)}/${encodeURIComponent(id)}`, body)).data
export const deleteRecord = (object: string, id: string) => api.delete(`/api/v1/records/${encodeURIComponent(object)}/${encodeURIComponent(id)}`)
