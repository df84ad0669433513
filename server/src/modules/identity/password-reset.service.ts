/**
 * @module identity/password-reset
 * "Forgot password": a one-hour link by mail, bound to the user's session version, so a
 * password change (or an earlier reset) voids every link sent before it. The request answers
 * alike for known and unknown emails and sends the mail after answering, so neither the body
 * nor the time taken tells whether an account exists.
 */
import type { AuditService } from './audit.service.js'
import type { Mailer, MailMessage } from './mailer.js'
import { invalidLink, type OneTimeTokens } from './one-time-tokens.js'
import type { SessionsService } from './sessions.service.js'
import { hashToken, newToken } from './tokens.js'
import { checkEmail, checkPassword, type UsersService } from './users.service.js'

export const RESET_TTL_MS = 60 * 60 * 1000

export function resetMail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Reset your Rapport password',
    text: [
      `Someone asked to reset the password of the Rapport account ${to}.`,
      '',
      'Choose a new password within an hour at:',
      link,
      '',
      'If it was not you, ignore this mail: your password stays as it is.',
    ].join('\n'),
  }
}

export function createPasswordResetService(deps: {
  users: UsersService; sessions: SessionsService; audit: AuditService; tokens: OneTimeTokens; mailer: Mailer
  /** RAPPORT_PUBLIC_URL; when null, links use the origin the request came to. */
  publicUrl: string | null
  /** Where a failed background send is reported; never given the message body. */
  reportMailError?: (error: unknown, to: string) => void
}) {
  const reportMailError = deps.reportMailError ?? ((error: unknown, to: string) =>
    process.stderr.write(`password reset mail to ${to} failed: ${error instanceof Error ? error.message : String(error)}\n`))

  return {
    /** Sends a reset link if an active account uses `email`; answers the same either way. */
    async request(email: string, requestOrigin: string, ip: string | null): Promise<void> {
      const address = checkEmail(email)
      const user = await deps.users.findByEmail(address)
      await deps.audit.record('password-reset-requested', { actor: user?.id ?? null, detail: { email: address }, ip })
      if (!user || user.disabled) {
        hashToken(newToken()) // the work of issuing, so both paths cost alike
        return
      }
      const token = await deps.tokens.issue('reset', { email: user.email, userId: user.id, workspaceId: null, roleId: null, userVersion: user.sessionVersion }, RESET_TTL_MS)
      const link = `${deps.publicUrl ?? requestOrigin}/reset-password?token=${token}`
      // Not awaited: the answer must not wait on the mail server, or its timing would give the account away.
      deps.mailer.send(resetMail(user.email, link)).catch((error: unknown) => reportMailError(error, user.email))
    },

    /** Sets the new password and ends every session; any unusable link gets one answer. */
    async confirm(token: string, password: string, ip: string | null): Promise<void> {
      checkPassword(password)
      const found = await deps.tokens.getUsable('reset', token)
      const user = found.userId ? await deps.users.find(found.userId) : undefined
      if (!user || user.disabled || user.sessionVersion !== found.userVersion) throw invalidLink()
      await deps.tokens.consume(found.tokenHash)
      await deps.users.setPassword(user.id, password)
      await deps.sessions.revokeAllOf(user.id)
      await deps.audit.record('password-reset', { actor: user.id, ip })
    },
  }
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>
