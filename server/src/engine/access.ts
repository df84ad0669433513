/**
 * @module engine/access
 * Who may do what: object permissions and field-level security from the caller's role, and
 * record-level sharing compiled to a SQL condition (owner, role hierarchy, teams, sharing
 * rules, manual shares) that the engine adds to every read and write. Access is the union of
 * grants; object, field and record checks must all allow an action.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { ObjectAction, ObjectPermission, RolePermissions, SharingAccess } from '../../../contracts/access.js'
import type { SqlDialect } from '../db/dialects/sql-dialect.js'
import type { ObjectMeta } from './metadata-types.js'

export type FieldAccess = 'full' | 'readOnly' | 'hidden'

export interface AccessPolicy {
  readonly isAdmin: boolean
  /** The acting user, or null for a role-level API key or the system. */
  readonly userId: string | null
  can(object: string, action: ObjectAction): boolean
  fieldAccess(object: string, field: string): FieldAccess
  /** Whether `userId` can own records here: a member of this workspace (ids from elsewhere are refused). */
  canOwn(userId: string): boolean
  /**
   * Rows of `object` the caller may read or write, as a condition on the object's table, or
   * null when every row is allowed. `compileCriteria` compiles a sharing rule's filter.
   * `unindexed` (SQLite only) writes the owner and share tests so no index can serve them,
   * which leaves the planner the sort's index (see scope-plan.ts).
   */
  recordScope(
    object: ObjectMeta, mode: 'read' | 'write', compileCriteria: (criteria: unknown) => RawBuilder<boolean>, options?: ScopeOptions,
  ): RawBuilder<boolean> | null
}

export interface ScopeOptions {
  unindexed?: boolean
}

/** The system itself (migrations, seeding, jobs): everything is allowed. */
export const SYSTEM_ACCESS: AccessPolicy = {
  isAdmin: true,
  userId: null,
  can: () => true,
  fieldAccess: () => 'full',
  canOwn: () => true,
  recordScope: () => null,
}

export interface RoleRow {
  id: string
  name: string
  parentId: string | null
  isAdmin: boolean
  permissions: RolePermissions
}

export interface SharingRuleRow {
  id: string
  object: string
  criteria: unknown
  granteeType: 'user' | 'team' | 'role'
  granteeId: string
  access: 'read' | 'readWrite'
}

/** A workspace's whole access model, loaded once and cached until it changes. */
export interface AccessModel {
  roles: Map<string, RoleRow>
  memberRoles: Map<string, string>
  teamsOfUser: Map<string, string[]>
  defaults: Map<string, SharingAccess>
  rules: SharingRuleRow[]
}

/** Objects without a stored default are public read/write, as in a small team's CRM. */
export const DEFAULT_SHARING: SharingAccess = 'readWrite'

export async function loadAccessModel(db: Kysely<any>, dialect: SqlDialect): Promise<AccessModel> {
  const [roles, members, teamMembers, defaults, rules] = await Promise.all([
    db.selectFrom('roles').selectAll().execute(),
    db.selectFrom('members').select(['user_id', 'role_id']).execute(),
    db.selectFrom('team_members').select(['team_id', 'user_id']).execute(),
    db.selectFrom('sharing_defaults').selectAll().execute(),
    db.selectFrom('sharing_rules').selectAll().execute(),
  ])
  const teamsOfUser = new Map<string, string[]>()
  for (const tm of teamMembers) teamsOfUser.set(tm.user_id, [...(teamsOfUser.get(tm.user_id) ?? []), tm.team_id])
  return {
    roles: new Map(roles.map((r) => [r.id, {
      id: r.id, name: r.name, parentId: r.parent_id ?? null, isAdmin: dialect.fromDb('boolean', r.is_admin) === true,
      permissions: dialect.fromDb('json', r.permissions) as RolePermissions,
    }])),
    memberRoles: new Map(members.map((m) => [m.user_id, m.role_id])),
    teamsOfUser,
    defaults: new Map(defaults.map((d) => [d.object, d.access as SharingAccess])),
    rules: rules.map((r) => ({
      id: r.id, object: r.object, criteria: dialect.fromDb('json', r.criteria), granteeType: r.grantee_type, granteeId: r.grantee_id, access: r.access,
    })),
  }
}

/** Roles strictly below `roleId` in the hierarchy (its subordinates, transitively). */
export function subordinateRoles(model: AccessModel, roleId: string): Set<string> {
  const below = new Set<string>()
  let frontier = [roleId]
  while (frontier.length) {
    const next: string[] = []
    for (const role of model.roles.values()) {
      if (role.parentId && frontier.includes(role.parentId) && !below.has(role.id) && role.id !== roleId) {
        below.add(role.id)
        next.push(role.id)
      }
    }
    frontier = next
  }
  return below
}

const permits = (permission: ObjectPermission | undefined, action: ObjectAction) => permission?.[action] === true

/** The policy of one caller: a user with a role, or a role-level key (userId null). */
export function policyFor(model: AccessModel, roleId: string, userId: string | null): AccessPolicy {
  const role = model.roles.get(roleId)
  if (!role) return NO_ACCESS
  const canOwn = (id: string) => model.memberRoles.has(id)
  if (role.isAdmin) return { ...SYSTEM_ACCESS, userId, canOwn }
  const permissions = role.permissions
  const below = subordinateRoles(model, roleId)
  const owners = userId ? [userId, ...[...model.memberRoles].filter(([, r]) => below.has(r)).map(([u]) => u)] : []
  const teams = userId ? model.teamsOfUser.get(userId) ?? [] : []
  const grantee = (type: string, id: string) => (type === 'user' && id === userId) || (type === 'team' && teams.includes(id)) || (type === 'role' && id === roleId)
  return {
    isAdmin: false,
    userId,
    can: (object, action) => permits(permissions.objects?.[object] ?? permissions.defaultObject, action),
    canOwn,
    fieldAccess: (object, field) => {
      const level = permissions.fields?.[object]?.[field]
      return level === 'hidden' ? 'hidden' : level === 'readOnly' ? 'readOnly' : 'full'
    },
    recordScope(object, mode, compileCriteria, options = {}) {
      const sharing = model.defaults.get(object.apiName) ?? DEFAULT_SHARING
      if (sharing === 'readWrite' || (mode === 'read' && sharing === 'read')) return null
      // SQLite's unary plus keeps a column out of index selection without changing its value.
      const plus = options.unindexed ? sql`+` : sql``
      const grants: RawBuilder<unknown>[] = []
      if (owners.length) grants.push(sql`${plus}owner_id in (${sql.join(owners)})`)
      const shareGrantees = [
        ...(userId ? [sql`(grantee_type = 'user' and grantee_id = ${userId})`] : []),
        ...(teams.length ? [sql`(grantee_type = 'team' and grantee_id in (${sql.join(teams)}))`] : []),
        sql`(grantee_type = 'role' and grantee_id = ${roleId})`,
      ]
      const writable = mode === 'write' ? sql`and access = 'readWrite'` : sql``
      grants.push(sql`${plus}id in (select record_id from record_shares where object = ${object.apiName} ${writable} and (${sql.join(shareGrantees, sql` or `)}))`)
      for (const rule of model.rules) {
        if (rule.object !== object.apiName || !grantee(rule.granteeType, rule.granteeId)) continue
        if (mode === 'write' && rule.access !== 'readWrite') continue
        grants.push(compileCriteria(rule.criteria))
      }
      return sql<boolean>`(${sql.join(grants, sql` or `)})`
    },
  }
}

/** A caller whose role no longer exists: nothing is allowed. */
export const NO_ACCESS: AccessPolicy = {
  isAdmin: false,
  userId: null,
  can: () => false,
  fieldAccess: () => 'hidden',
  canOwn: () => false,
  recordScope: () => sql<boolean>`1 = 0`,
}

/** Caches each workspace's access model; every change to roles, members or sharing invalidates it. */
/**
 * Access models per workspace, reloaded when the workspace's access_version counter moved
 * (migration 0004: triggers bump it on any change to the access tables, from any process).
 * SQLite checks on every use (an in-process read); Postgres at most once a second, so a change
 * made elsewhere applies within a second and this process's own changes at once (invalidate).
 */
export class AccessModelCache {
  private readonly entries = new Map<string, { model: Promise<AccessModel>; version: Promise<string>; checkedAt: number }>()
  get(workspaceId: string, db: Kysely<any>, dialect: SqlDialect): Promise<AccessModel> {
    const entry = this.entries.get(workspaceId)
    const recheckMs = dialect.name === 'sqlite' ? 0 : 1000
    if (entry && Date.now() - entry.checkedAt < recheckMs) return entry.model
    if (entry) return this.revalidate(workspaceId, entry, db, dialect)
    return this.load(workspaceId, db, dialect)
  }
  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId)
  }
  private load(workspaceId: string, db: Kysely<any>, dialect: SqlDialect): Promise<AccessModel> {
    // The version is read before the tables: a change in between only causes one more reload.
    const version = readAccessVersion(db)
    const model = version.then(() => loadAccessModel(db, dialect))
    const entry = { model, version, checkedAt: Date.now() }
    model.catch(() => this.entries.delete(workspaceId))
    this.entries.set(workspaceId, entry)
    return model
  }
  private async revalidate(workspaceId: string, entry: { model: Promise<AccessModel>; version: Promise<string>; checkedAt: number }, db: Kysely<any>, dialect: SqlDialect): Promise<AccessModel> {
    entry.checkedAt = Date.now()
    const [known, current] = await Promise.all([entry.version, readAccessVersion(db)])
    if (known === current) return entry.model
    if (this.entries.get(workspaceId) === entry) this.entries.delete(workspaceId)
    return this.get(workspaceId, db, dialect)
  }
}

async function readAccessVersion(db: Kysely<any>): Promise<string> {
  const row = await db.selectFrom('access_version').select('v').where('id', '=', 1).executeTakeFirst()
  return String(row?.v ?? '')
}
