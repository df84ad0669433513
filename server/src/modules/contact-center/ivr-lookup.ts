/**
 * Self-service lookups of IVR flows (the designer's simulator and live calls share them): they
 * read through the record engine as a service identity — the flow's `serviceRoleId`, else the
 * workspace's "Read only" role, never an administrator and never the caller.
 */
import type { IvrDefinition, IvrNode } from '../../../../contracts/contact-center-content.js'
import { listRecords, type RecordContext } from '../../engine/records.js'
import { visibleObject } from '../../engine/visibility.js'
import { DEFAULT_ROLES, type AccessService } from '../access/access.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import type { LookupAnswer } from './ivr-execute.js'

export interface IvrLookupDeps { workspaces: WorkspacesService; access: AccessService }

/** A record context acting as the flow's service identity, or null when the workspace has no such role. */
export async function serviceContext(deps: IvrLookupDeps, workspaceId: string, flowId: string, definition: IvrDefinition): Promise<RecordContext | null> {
  const roles = await deps.access.listRoles(workspaceId)
  const role = definition.serviceRoleId !== undefined
    ? roles.find((r) => r.id === definition.serviceRoleId && !r.isAdmin)
    : roles.find((r) => r.name === DEFAULT_ROLES.readOnly.name && !r.isAdmin)
  if (!role) return null
  const workspace = await deps.workspaces.get(workspaceId)
  const policy = await deps.access.policy(workspaceId, role.id, null)
  return deps.workspaces.recordContext(workspace, `ivr:${flowId}`, policy)
}

/** The record whose `matchField` equals the entered digits, with the answer fields the service identity may see. */
export async function lookup(service: RecordContext | null, node: Extract<IvrNode, { type: 'lookup' }>, entered: string): Promise<LookupAnswer> {
  const object = service?.metadata.objects.get(node.object)
  if (!service || !object || !service.access.can(object.apiName, 'read')) return { found: false, answer: null }
  const visible = visibleObject(service.access, object)
  if (!visible.fieldsByName.has(node.matchField)) return { found: false, answer: null }
  const fields = node.answerFields.filter((f) => visible.fieldsByName.has(f))
  const result = await listRecords(service, object, { filter: { field: node.matchField, op: 'eq', value: entered }, limit: 1, fields: fields.length ? fields : [node.matchField] })
  const record = result.data[0]
  if (!record) return { found: false, answer: null }
  return { found: true, answer: Object.fromEntries(fields.map((f) => [f, record[f] ?? null])) }
}
