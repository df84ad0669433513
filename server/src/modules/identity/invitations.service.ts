/**
 * @module identity/invitations
 * An administrator invites an email address into their workspace with a role; the link (seven
 * days, single use) either adds an existing account or creates one, then signs the person in.
 * The administrator gets the same answer whether or not the address already has an account.
 */
import { AppError, ProblemCollector, fieldError } from '../../errors.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { actorOf, requireAdmin } from './admin-guard.js'
import type { AuditService } from './audit.service.js'
import type { AuthService, SignedIn } from './auth.service.js'
import type { Mailer, MailMessage } from './mailer.js'
import { invalidLink, type OneTimeTokens } from './one-time-tokens.js'
import type { TotpService } from './totp.service.js'
import { checkEmail, checkPassword, type UsersService } from './users.service.js'

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000

/** Workspace names are free text: keep them from breaking the subject line. */
const oneLine = (text: string) => text.replace(/[\r\n\0]+/g, ' ').trim()

export function inviteMail(to: string, workspaceName: string, link: string): MailMessage {
  const name = oneLine(workspaceName)
  return {
    to,
    subject: `You are invited to ${name} on Rapport`,
    text: [
      `You are invited to join the workspace "${name}" on Rapport.`,
      '',
      'Accept within seven days at:',
      link,
      '',
      'If you did not expect this invitation, ignore this mail.',
    ].join('\n'),
  }
}

export interface AcceptInput {
  token: string
  name?: string
  password?: string
  /** Needed when the invited address already has an account with two-factor sign-in on. */
  totp?: string
}

export function createInvitationsService(deps: {
  users: UsersService; access: AccessService; workspaces: WorkspacesService; audit: AuditService; tokens: OneTimeTokens
  mailer: Mailer; totp: TotpService; auth: Pick<AuthService, 'startSession'>
  /** RAPPORT_PUBLIC_URL; when null, links use the origin the request came to. */
  publicUrl: string | null
}) {
  const hasRole = async (workspaceId: string, roleId: string) => (await deps.access.listRoles(workspaceId)).some((r) => r.id === roleId)

  /** A new account needs a name and a valid password; all problems are reported together. */
  function checkNewAccount(input: AcceptInput): { name: string; password: string } {
    const problems = new ProblemCollector()
    const name = input.name?.trim() ?? ''
    if (!name) problems.add('/name', 'is required to create your account')
    if (!input.password) problems.add('/password', 'is required to create your account')
    else {
      try {
        checkPassword(input.password)
      } catch (error) {
        if (!(error instanceof AppError) || !error.errors) throw error
        error.errors.forEach((e) => problems.add(e.pointer, e.detail))
      }
    }
    problems.throwIfAny()
    return { name, password: input.password! }
  }

  return {
    async invite(principal: Principal, input: { email: string; roleId: string }, requestOrigin: string): Promise<{ email: string; roleId: string }> {
      await requireAdmin(deps, principal, 'invitations')
      const email = checkEmail(input.email)
      if (!(await hasRole(principal.workspaceId, input.roleId))) throw fieldError('/roleId', 'no such role in this workspace')
      const workspace = await deps.workspaces.get(principal.workspaceId)
      const token = await deps.tokens.issue('invite', { email, userId: null, workspaceId: workspace.id, roleId: input.roleId, userVersion: null }, INVITE_TTL_MS)
      await deps.mailer.send(inviteMail(email, workspace.name, `${deps.publicUrl ?? requestOrigin}/accept-invite?token=${token}`))
      await deps.audit.record('invitation-sent', { workspaceId: workspace.id, actor: actorOf(principal), detail: { email, roleId: input.roleId } })
      return { email, roleId: input.roleId }
    },

    /** Joins the invited workspace (creating the account if needed) and starts a session, as sign-in does. */
    async accept(input: AcceptInput, ip: string | null): Promise<SignedIn> {
      const found = await deps.tokens.getUsable('invite', input.token)
      const workspace = found.workspaceId ? await deps.workspaces.find(found.workspaceId) : undefined
      if (!workspace || !found.roleId || !(await hasRole(workspace.id, found.roleId))) throw invalidLink()
      const existing = await deps.users.findByEmail(found.email)
      if (existing?.disabled) throw invalidLink()
      // The link proves the mailbox, not the second factor: an account with TOTP still needs its code.
      if (existing?.totpEnabled) {
        if (!input.totp) throw new AppError('totp-required', 'Enter the code from your authenticator app')
        if (!(await deps.totp.verifyCode(existing.id, input.totp))) throw new AppError('invalid-credentials', 'The two-factor code is wrong')
      }
      const account = existing ? null : checkNewAccount(input)
      await deps.tokens.consume(found.tokenHash)
      const user = existing ?? (await deps.users.create({ email: found.email, name: account!.name, password: account!.password }))
      await deps.access.addMember(workspace.id, user, found.roleId)
      await deps.audit.record('invitation-accepted', { workspaceId: workspace.id, actor: user.id, ip, detail: { roleId: found.roleId, newAccount: !existing } })
      return deps.auth.startSession(user, workspace.id, ip)
    },
  }
}

export type InvitationsService = ReturnType<typeof createInvitationsService>
