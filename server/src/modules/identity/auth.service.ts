/**
 * @module identity/auth
 * Sign-in use cases: first-run setup, sign-in and out, "log out everywhere", password change,
 * switching workspace, and who-am-I. Answers never tell an unknown email from a wrong password.
 * With two-factor sign-in on, a right password without a code answers totp-required; a workspace
 * that requires TOTP lets members without it sign in, flagged `totpSetupRequired` (also in me()).
 */
import type { Database } from '../../db/database.js'
import { AppError } from '../../errors.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import type { AuditService } from './audit.service.js'
import type { SessionsService } from './sessions.service.js'
import type { TotpService } from './totp.service.js'
import type { User, UsersService } from './users.service.js'

const SETUP_DONE = 'setup_done'

export interface SignedIn {
  user: Pick<User, 'id' | 'email' | 'name'>
  workspaceId: string
  token: string
  csrfToken: string
  /** The workspace requires two-factor sign-in and this user has not set it up yet. */
  totpSetupRequired?: boolean
}

export function createAuthService(deps: {
  database: Database; users: UsersService; sessions: SessionsService; access: AccessService; workspaces: WorkspacesService; audit: AuditService
  totp: Pick<TotpService, 'verifyCode' | 'isRequired'>
}) {
  const { control } = deps.database
  const publicUser = (user: User) => ({ id: user.id, email: user.email, name: user.name })

  async function isSetupDone(): Promise<boolean> {
    const row = await control.selectFrom('instance_settings').select('value').where('name', '=', SETUP_DONE).executeTakeFirst()
    return row !== undefined || (await deps.users.count()) > 0
  }

  async function startSession(user: User, workspaceId: string, ip: string | null): Promise<SignedIn> {
    const { token, csrfToken } = await deps.sessions.create(user.id, workspaceId, user.sessionVersion)
    await deps.audit.record('sign-in', { workspaceId, actor: user.id, ip })
    const totpSetupRequired = !user.totpEnabled && (await deps.totp.isRequired(workspaceId))
    return { user: publicUser(user), workspaceId, token, csrfToken, ...(totpSetupRequired ? { totpSetupRequired } : {}) }
  }

  const signInFailed = async (email: string, ip: string | null, detail: string): Promise<never> => {
    await deps.audit.record('sign-in-failed', { detail: { email: email.slice(0, 254) }, ip })
    throw new AppError('invalid-credentials', detail)
  }

  return {
    isSetupDone,
    /** The CSRF token of the session whose cookie is `sessionToken` (the one sign-in answered). */
    csrfTokenFor: (sessionToken: string) => deps.sessions.csrfTokenFor(sessionToken),
    /** Starts a session for a user who proved who they are (sign-in, an accepted invitation). */
    startSession,

    /** First run only: creates the admin (and the workspace unless an unclaimed one exists). Afterwards: 404 for good. */
    async setup(input: { workspaceName: string; email: string; password: string; name: string }, ip: string | null): Promise<SignedIn> {
      if (await isSetupDone()) throw new AppError('not-found', 'Setup is complete; sign in instead')
      const user = await deps.users.create(input)
      // Mark setup done right away, so a second racing request cannot create another admin.
      await control.insertInto('instance_settings').values({ name: SETUP_DONE, value: new Date().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing()).execute()
      const existing = await deps.workspaces.list()
      const workspace = existing.length === 1 && (await deps.access.listMembers(existing[0].id)).length === 0
        ? await deps.workspaces.rename(existing[0].id, input.workspaceName)
        : await deps.workspaces.create({ name: input.workspaceName })
      await deps.access.addMember(workspace.id, user, await deps.access.adminRoleId(workspace.id))
      await deps.audit.record('setup', { workspaceId: workspace.id, actor: user.id, ip })
      return startSession(user, workspace.id, ip)
    },

    async signIn(input: { email: string; password: string; workspaceId?: string; totp?: string }, ip: string | null): Promise<SignedIn> {
      const user = await deps.users.verifyCredentials(input.email, input.password)
      const workspaces = user ? await deps.users.workspacesOf(user.id) : []
      if (!user || workspaces.length === 0) return signInFailed(input.email, ip, 'Email or password is wrong')
      // Only after the password proved right: the code is the second factor, not a first hint.
      if (user.totpEnabled) {
        if (!input.totp) throw new AppError('totp-required', 'Enter the code from your authenticator app')
        if (!(await deps.totp.verifyCode(user.id, input.totp))) return signInFailed(input.email, ip, 'The two-factor code is wrong or was already used')
      }
      const workspaceId = input.workspaceId && workspaces.includes(input.workspaceId) ? input.workspaceId : workspaces[0]
      return startSession(user, workspaceId, ip)
    },

    async signOut(principal: Principal): Promise<void> {
      if (principal.sessionIdHash) await deps.sessions.revoke(principal.sessionIdHash)
      await deps.audit.record('sign-out', { workspaceId: principal.workspaceId, actor: principal.userId })
    },

    async signOutEverywhere(principal: Principal): Promise<void> {
      if (!principal.userId) throw new AppError('forbidden', 'A role key has no sessions')
      await deps.users.bumpSessionVersion(principal.userId)
      await deps.sessions.revokeAllOf(principal.userId)
      await deps.audit.record('sign-out-everywhere', { workspaceId: principal.workspaceId, actor: principal.userId })
    },

    /** Changes the password; every other session ends, this one continues with a new token. */
    async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string | null): Promise<SignedIn> {
      const user = principal.userId ? await deps.users.find(principal.userId) : undefined
      if (!user || !(await deps.users.verifyCredentials(user.email, currentPassword))) throw new AppError('invalid-credentials', 'The current password is wrong')
      await deps.users.setPassword(user.id, newPassword)
      await deps.sessions.revokeAllOf(user.id)
      await deps.audit.record('password-changed', { workspaceId: principal.workspaceId, actor: user.id, ip })
      return startSession((await deps.users.find(user.id))!, principal.workspaceId, ip)
    },

    async switchWorkspace(principal: Principal, workspaceId: string): Promise<void> {
      if (!principal.userId || !principal.sessionIdHash) throw new AppError('forbidden', 'Only a signed-in user switches workspace')
      if (!(await deps.users.workspacesOf(principal.userId)).includes(workspaceId)) throw new AppError('not-found', 'No such workspace')
      await deps.sessions.switchWorkspace(principal.sessionIdHash, workspaceId)
    },

    async me(principal: Principal) {
      const user = principal.userId ? await deps.users.find(principal.userId) : undefined
      const roles = await deps.access.listRoles(principal.workspaceId)
      const role = roles.find((r) => r.id === principal.roleId)
      const workspaceIds = principal.userId ? await deps.users.workspacesOf(principal.userId) : [principal.workspaceId]
      const workspaces = await Promise.all(workspaceIds.map(async (id) => {
        const w = await deps.workspaces.get(id)
        return { id: w.id, name: w.name }
      }))
      return {
        user: user ? publicUser(user) : null,
        totpSetupRequired: user !== undefined && !user.totpEnabled && (await deps.totp.isRequired(principal.workspaceId)),
        /** Whether this user signs in with a second factor (the account page offers to turn it on or off). */
        totpEnabled: user?.totpEnabled ?? false,
        via: principal.via,
        workspace: workspaces.find((w) => w.id === principal.workspaceId) ?? null,
        role: role ? { id: role.id, name: role.name, isAdmin: role.isAdmin } : null,
        workspaces,
      }
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
