/**
 * Administration of access as use cases: every call checks that the caller is an
 * administrator (or, for sharing one record, its owner) and writes the audit log.
 */
import type { GranteeType, RolePermissions, SharingAccess } from '../../../../contracts/access.js'
import { AppError, fieldError } from '../../errors.js'
import { DEFAULT_SHARING } from '../../engine/access.js'
import { compileFilter } from '../../engine/filter.js'
import { getObject } from '../../engine/metadata-store.js'
import { getRecord } from '../../engine/records.js'
import { assertWritable } from '../../engine/record-access.js'
import type { Principal } from '../../http/auth.js'
import type { AuditService } from '../identity/audit.service.js'
import type { RecordsService } from '../records/records.service.js'
import type { AccessService } from './access.service.js'

export function createAccessAdminService(deps: { access: AccessService; audit: AuditService; records: RecordsService }) {
  const { access, audit } = deps
  async function requireAdmin(principal: Principal): Promise<void> {
    const policy = await access.policy(principal.workspaceId, principal.roleId, principal.userId)
    if (!policy.isAdmin) {
      await audit.record('access-denied', { workspaceId: principal.workspaceId, actor: principal.userId, detail: { area: 'access administration' } })
      throw new AppError('forbidden', 'Only administrators manage access')
    }
  }
  const log = (principal: Principal, event: Parameters<AuditService['record']>[0], detail: Record<string, unknown>) =>
    audit.record(event, { workspaceId: principal.workspaceId, actor: principal.userId ?? `key:${principal.credentialId}`, detail })

  return {
    async listRoles(principal: Principal) {
      await requireAdmin(principal)
      return access.listRoles(principal.workspaceId)
    },
    async createRole(principal: Principal, input: { name: string; parentId?: string | null; permissions: RolePermissions }) {
      await requireAdmin(principal)
      const role = await access.createRole(principal.workspaceId, input)
      await log(principal, 'role-created', { roleId: role.id, name: role.name })
      return role
    },
    async updateRole(principal: Principal, roleId: string, input: { name?: string; parentId?: string | null; permissions?: RolePermissions }) {
      await requireAdmin(principal)
      const role = await access.updateRole(principal.workspaceId, roleId, input)
      await log(principal, 'role-changed', { roleId, changes: Object.keys(input) })
      return role
    },
    async listMembers(principal: Principal) {
      await requireAdmin(principal)
      return access.listMembers(principal.workspaceId)
    },
    async setMemberRole(principal: Principal, userId: string, roleId: string) {
      await requireAdmin(principal)
      await access.setMemberRole(principal.workspaceId, userId, roleId)
      await log(principal, 'role-assigned', { userId, roleId })
    },
    async removeMember(principal: Principal, userId: string) {
      await requireAdmin(principal)
      if (userId === principal.userId) throw new AppError('conflict', 'You cannot remove yourself; ask another administrator')
      await access.removeMember(principal.workspaceId, userId)
      await log(principal, 'member-removed', { userId })
    },
    async createTeam(principal: Principal, name: string, memberIds: string[]) {
      await requireAdmin(principal)
      const team = await access.createTeam(principal.workspaceId, name, memberIds)
      await log(principal, 'sharing-changed', { team: team.id, name })
      return team
    },
    async listTeams(principal: Principal) {
      await requireAdmin(principal)
      return access.listTeams(principal.workspaceId)
    },
    async setTeamMembers(principal: Principal, teamId: string, memberIds: string[]) {
      await requireAdmin(principal)
      const team = await access.setTeamMembers(principal.workspaceId, teamId, memberIds)
      await log(principal, 'sharing-changed', { team: teamId, memberIds: team.memberIds })
      return team
    },
    /** The organisation-wide default of every object, stored or implied. */
    async sharingDefaults(principal: Principal) {
      await requireAdmin(principal)
      const ctx = await deps.records.contextFor(principal)
      const stored = await access.sharingDefaults(principal.workspaceId)
      return [...ctx.metadata.objects.keys()].sort().map((object) => ({ object, access: stored.get(object) ?? DEFAULT_SHARING }))
    },
    async listSharingRules(principal: Principal) {
      await requireAdmin(principal)
      return access.listSharingRules(principal.workspaceId)
    },
    async deleteSharingRule(principal: Principal, ruleId: string) {
      await requireAdmin(principal)
      await access.deleteSharingRule(principal.workspaceId, ruleId)
      await log(principal, 'sharing-changed', { rule: ruleId, deleted: true })
    },
    async setSharingDefault(principal: Principal, objectName: string, value: SharingAccess) {
      await requireAdmin(principal)
      const ctx = await deps.records.contextFor(principal)
      getObject(ctx.metadata, objectName)
      await access.setSharingDefault(principal.workspaceId, objectName, value)
      await log(principal, 'sharing-changed', { object: objectName, access: value })
    },
    async createSharingRule(principal: Principal, input: { object: string; name: string; criteria: unknown; granteeType: GranteeType; granteeId: string; access: 'read' | 'readWrite' }) {
      await requireAdmin(principal)
      const ctx = await deps.records.contextFor(principal)
      // The criteria must compile now: a broken rule would otherwise silently grant nothing.
      compileFilter(getObject(ctx.metadata, input.object), input.criteria, ctx.metadata, { dialect: ctx.ws.dialect, parse: ctx.parse }, '/criteria')
      const id = await access.createSharingRule(principal.workspaceId, input)
      await log(principal, 'sharing-changed', { rule: id, object: input.object })
      return id
    },
    /** Shares one record; its owner or an administrator may, and only a record they can see. */
    async shareRecord(principal: Principal, objectName: string, recordId: string, input: { granteeType: GranteeType; granteeId: string; access: 'read' | 'readWrite' }) {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, objectName)
      const record = await getRecord(ctx, ctx.ws.db, object, recordId, { fields: [] })
      if (!ctx.access.isAdmin && record.ownerId !== principal.userId) throw new AppError('forbidden', 'Only the owner or an administrator shares a record')
      await assertWritable(ctx, ctx.ws.db, object, recordId)
      if (input.granteeType === 'user' && input.granteeId === principal.userId) throw fieldError('/granteeId', 'you already have access')
      const id = await access.shareRecord(principal.workspaceId, { object: objectName, recordId, ...input })
      await log(principal, 'sharing-changed', { share: id, object: objectName, recordId })
      return id
    },
    async auditLog(principal: Principal, options: { limit?: number; before?: string }) {
      await requireAdmin(principal)
      return audit.list(principal.workspaceId, options)
    },
  }
}

export type AccessAdminService = ReturnType<typeof createAccessAdminService>
