/**
 * @module access
 * Roles, members, teams and sharing of a workspace, and the policy of a caller. Every change
 * invalidates the cached access model, so it applies from the very next request.
 */
import type { GranteeType, RolePermissions, SharingAccess, SharingRule, Team } from '../../../../contracts/access.js'
import type { Database, WorkspaceDb } from '../../db/database.js'
import { AppError, fieldError } from '../../errors.js'
import { AccessModelCache, policyFor, type AccessPolicy, type RoleRow } from '../../engine/access.js'
import { newId } from '../../engine/ids.js'

const now = () => new Date().toISOString()

export const DEFAULT_ROLES = {
  admin: { name: 'Administrator', isAdmin: true, permissions: {} as RolePermissions },
  member: {
    name: 'Member', isAdmin: false,
    permissions: { defaultObject: { read: true, create: true, update: true, delete: true, export: true, import: true } } as RolePermissions,
  },
  readOnly: { name: 'Read only', isAdmin: false, permissions: { defaultObject: { read: true, export: true } } as RolePermissions },
}

export interface Member {
  userId: string
  roleId: string
  email: string
  name: string
}

export function createAccessService(deps: { database: Database; models: AccessModelCache }) {
  const { database, models } = deps
  const wsOf = (workspaceId: string) => database.workspace(workspaceId)
  const changed = (workspaceId: string) => models.invalidate(workspaceId)
  const model = (workspaceId: string) => {
    const ws = wsOf(workspaceId)
    return models.get(workspaceId, ws.db, ws.dialect)
  }

  async function requireRole(workspaceId: string, roleId: unknown, pointer = '/roleId'): Promise<RoleRow> {
    const role = typeof roleId === 'string' ? (await model(workspaceId)).roles.get(roleId) : undefined
    if (!role) throw fieldError(pointer, 'no such role in this workspace')
    return role
  }

  async function insertRole(ws: WorkspaceDb, input: { name: string; parentId?: string | null; isAdmin?: boolean; permissions: RolePermissions }): Promise<string> {
    const id = newId()
    await ws.db.insertInto('roles').values({
      id, name: input.name, parent_id: input.parentId ?? null, is_admin: ws.dialect.toDb('boolean', input.isAdmin ?? false),
      permissions: ws.dialect.toDb('json', input.permissions), created_at: now(),
    }).execute()
    return id
  }

  return {
    model,
    /** Drops the cached model (after a direct change to the access tables, e.g. in tests or migrations). */
    invalidate: changed,

    /** The policy of a caller with `roleId` (and `userId`, unless it is a role-level key). */
    async policy(workspaceId: string, roleId: string, userId: string | null): Promise<AccessPolicy> {
      return policyFor(await model(workspaceId), roleId, userId)
    },

    async roleOfMember(workspaceId: string, userId: string): Promise<string | undefined> {
      return (await model(workspaceId)).memberRoles.get(userId)
    },

    async createDefaultRoles(workspaceId: string): Promise<{ admin: string; member: string; readOnly: string }> {
      const ws = wsOf(workspaceId)
      const admin = await insertRole(ws, DEFAULT_ROLES.admin)
      const member = await insertRole(ws, { ...DEFAULT_ROLES.member, parentId: admin })
      const readOnly = await insertRole(ws, { ...DEFAULT_ROLES.readOnly, parentId: member })
      changed(workspaceId)
      return { admin, member, readOnly }
    },

    async adminRoleId(workspaceId: string): Promise<string> {
      const role = [...(await model(workspaceId)).roles.values()].find((r) => r.isAdmin)
      if (!role) throw new AppError('internal-error', 'workspace has no administrator role')
      return role.id
    },

    async listRoles(workspaceId: string): Promise<RoleRow[]> {
      return [...(await model(workspaceId)).roles.values()]
    },

    async createRole(workspaceId: string, input: { name: string; parentId?: string | null; permissions: RolePermissions }): Promise<RoleRow> {
      if (input.parentId) await requireRole(workspaceId, input.parentId, '/parentId')
      const roles = await model(workspaceId)
      if ([...roles.roles.values()].some((r) => r.name === input.name)) throw fieldError('/name', 'a role with this name exists', 'conflict')
      const id = await insertRole(wsOf(workspaceId), input)
      changed(workspaceId)
      return (await model(workspaceId)).roles.get(id)!
    },

    async updateRole(workspaceId: string, roleId: string, input: { name?: string; parentId?: string | null; permissions?: RolePermissions }): Promise<RoleRow> {
      const role = (await model(workspaceId)).roles.get(roleId)
      if (!role) throw new AppError('not-found', 'No such role')
      if (role.isAdmin && input.permissions) throw fieldError('/permissions', 'the administrator role has every permission')
      if (input.parentId) {
        await requireRole(workspaceId, input.parentId, '/parentId')
        // A role may not end up below itself: that would make the hierarchy a loop.
        const models_ = await model(workspaceId)
        for (let cursor: string | null = input.parentId; cursor; cursor = models_.roles.get(cursor)?.parentId ?? null) {
          if (cursor === roleId) throw fieldError('/parentId', 'would make the role its own manager')
        }
      }
      const ws = wsOf(workspaceId)
      await ws.db.updateTable('roles').set({
        name: input.name ?? role.name,
        parent_id: input.parentId === undefined ? role.parentId : input.parentId,
        permissions: ws.dialect.toDb('json', input.permissions ?? role.permissions),
      }).where('id', '=', roleId).execute()
      changed(workspaceId)
      return (await model(workspaceId)).roles.get(roleId)!
    },

    async listMembers(workspaceId: string): Promise<Member[]> {
      const rows = await wsOf(workspaceId).db.selectFrom('members').selectAll().orderBy('created_at').execute()
      return rows.map((r) => ({ userId: r.user_id, roleId: r.role_id, email: r.email, name: r.name }))
    },

    async addMember(workspaceId: string, user: { id: string; email: string; name: string }, roleId: string): Promise<void> {
      await requireRole(workspaceId, roleId)
      await wsOf(workspaceId).db.insertInto('members').values({ user_id: user.id, role_id: roleId, email: user.email, name: user.name, created_at: now() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ role_id: roleId })).execute()
      await database.control.insertInto('memberships').values({ user_id: user.id, workspace_id: workspaceId, created_at: now() })
        .onConflict((oc) => oc.columns(['user_id', 'workspace_id']).doNothing()).execute()
      changed(workspaceId)
    },

    async setMemberRole(workspaceId: string, userId: string, roleId: string): Promise<void> {
      if (!(await model(workspaceId)).memberRoles.has(userId)) throw new AppError('not-found', 'No such member')
      await requireRole(workspaceId, roleId)
      const result = await wsOf(workspaceId).db.updateTable('members').set({ role_id: roleId }).where('user_id', '=', userId).executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('not-found', 'No such member')
      changed(workspaceId)
    },

    async removeMember(workspaceId: string, userId: string): Promise<void> {
      const ws = wsOf(workspaceId)
      await ws.db.deleteFrom('team_members').where('user_id', '=', userId).execute()
      const result = await ws.db.deleteFrom('members').where('user_id', '=', userId).executeTakeFirst()
      if (Number(result.numDeletedRows) !== 1) throw new AppError('not-found', 'No such member')
      await database.control.deleteFrom('memberships').where('user_id', '=', userId).where('workspace_id', '=', workspaceId).execute()
      await database.control.deleteFrom('sessions').where('user_id', '=', userId).where('workspace_id', '=', workspaceId).execute()
      changed(workspaceId)
    },

    async createTeam(workspaceId: string, name: string, memberIds: string[]): Promise<{ id: string; name: string; memberIds: string[] }> {
      const ws = wsOf(workspaceId)
      const members = (await model(workspaceId)).memberRoles
      memberIds.forEach((id, i) => { if (!members.has(id)) throw fieldError(`/memberIds/${i}`, 'not a member of this workspace') })
      const id = newId()
      // Names are unique: a second "Sales" would make rules and the screen ambiguous (409, not a 500).
      const taken = () => fieldError('/name', 'a team with this name exists', 'conflict')
      if (await ws.db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst()) throw taken()
      try {
        await ws.db.insertInto('teams').values({ id, name, created_at: now() }).execute()
      } catch (error) {
        if (ws.dialect.isUniqueViolation(error)) throw taken()
        throw error
      }
      if (memberIds.length) await ws.db.insertInto('team_members').values([...new Set(memberIds)].map((userId) => ({ team_id: id, user_id: userId }))).execute()
      changed(workspaceId)
      return { id, name, memberIds }
    },

    async listTeams(workspaceId: string): Promise<Team[]> {
      const ws = wsOf(workspaceId)
      const [teams, links] = await Promise.all([
        ws.db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute(),
        ws.db.selectFrom('team_members').select(['team_id', 'user_id']).orderBy('user_id').execute(),
      ])
      return teams.map((t) => ({ id: t.id, name: t.name, memberIds: links.filter((l) => l.team_id === t.id).map((l) => l.user_id) }))
    },

    /** Replaces a team's members in one transaction: every id must be a member of this workspace. */
    async setTeamMembers(workspaceId: string, teamId: string, memberIds: string[]): Promise<Team> {
      const ws = wsOf(workspaceId)
      const team = await ws.db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst()
      if (!team) throw new AppError('not-found', 'No such team')
      const members = (await model(workspaceId)).memberRoles
      memberIds.forEach((id, i) => { if (!members.has(id)) throw fieldError(`/memberIds/${i}`, 'not a member of this workspace') })
      const unique = [...new Set(memberIds)].sort()
      await ws.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute()
        if (unique.length) await trx.insertInto('team_members').values(unique.map((userId) => ({ team_id: teamId, user_id: userId }))).execute()
      })
      changed(workspaceId)
      return { id: team.id, name: team.name, memberIds: unique }
    },

    async sharingDefaults(workspaceId: string): Promise<Map<string, SharingAccess>> {
      return (await model(workspaceId)).defaults
    },

    async listSharingRules(workspaceId: string): Promise<SharingRule[]> {
      const ws = wsOf(workspaceId)
      const rows = await ws.db.selectFrom('sharing_rules').selectAll().orderBy('created_at').orderBy('id').execute()
      return rows.map((r) => ({
        id: r.id, object: r.object, name: r.name, criteria: ws.dialect.fromDb('json', r.criteria), granteeType: r.grantee_type as GranteeType,
        granteeId: r.grantee_id, access: r.access as 'read' | 'readWrite', createdAt: new Date(r.created_at).toISOString(),
      }))
    },

    async deleteSharingRule(workspaceId: string, ruleId: string): Promise<void> {
      const result = await wsOf(workspaceId).db.deleteFrom('sharing_rules').where('id', '=', ruleId).executeTakeFirst()
      if (Number(result.numDeletedRows) !== 1) throw new AppError('not-found', 'No such sharing rule')
      changed(workspaceId)
    },

    async setSharingDefault(workspaceId: string, object: string, access: SharingAccess): Promise<void> {
      const ws = wsOf(workspaceId)
      await ws.db.insertInto('sharing_defaults').values({ object, access }).onConflict((oc) => oc.column('object').doUpdateSet({ access })).execute()
      changed(workspaceId)
    },

    async createSharingRule(workspaceId: string, input: { object: string; name: string; criteria: unknown; granteeType: GranteeType; granteeId: string; access: 'read' | 'readWrite' }): Promise<string> {
      await this.checkGrantee(workspaceId, input.granteeType, input.granteeId)
      const ws = wsOf(workspaceId)
      const id = newId()
      await ws.db.insertInto('sharing_rules').values({
        id, object: input.object, name: input.name, criteria: ws.dialect.toDb('json', input.criteria), grantee_type: input.granteeType,
        grantee_id: input.granteeId, access: input.access, created_at: now(),
      }).execute()
      changed(workspaceId)
      return id
    },

    async shareRecord(workspaceId: string, input: { object: string; recordId: string; granteeType: GranteeType; granteeId: string; access: 'read' | 'readWrite' }): Promise<string> {
      await this.checkGrantee(workspaceId, input.granteeType, input.granteeId)
      const id = newId()
      await wsOf(workspaceId).db.insertInto('record_shares').values({
        id, object: input.object, record_id: input.recordId, grantee_type: input.granteeType, grantee_id: input.granteeId, access: input.access, created_at: now(),
      }).execute()
      return id
    },

    /** Grantees must belong to this workspace (a foreign user, team or role id is refused). */
    async checkGrantee(workspaceId: string, type: GranteeType, id: string): Promise<void> {
      const current = await model(workspaceId)
      const exists = type === 'user' ? current.memberRoles.has(id) : type === 'role' ? current.roles.has(id)
        : (await wsOf(workspaceId).db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
      if (!exists) throw fieldError('/granteeId', `no such ${type} in this workspace`)
    },
  }
}

export type AccessService = ReturnType<typeof createAccessService>
