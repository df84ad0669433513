/**
 * @module identity/totp
 * Two-factor sign-in with time-based codes (RFC 6238: 6 digits, 30-second steps, ±1 step of
 * clock drift). The seed is stored sealed by the secret box; each code works once, because the
 * last accepted time step is remembered per user. A workspace may require TOTP of its members.
 */
import { Secret, TOTP } from 'otpauth'
import type { Database } from '../../db/database.js'
import { AppError, fieldError } from '../../errors.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import { actorOf, requireAdmin } from './admin-guard.js'
import type { AuditService } from './audit.service.js'
import type { SecretBox } from './secret-box.js'
import type { UsersService } from './users.service.js'

const ISSUER = 'Rapport'
const PERIOD_SECONDS = 30
const DIGITS = 6
/** Steps of clock drift accepted on either side of now. */
const DRIFT_STEPS = 1
/** 160 bits, RFC 4226's recommended seed length for HMAC-SHA1. */
const SECRET_BYTES = 20
const CODE_SHAPE = /^\d{6}$/

const totpOf = (secret: Secret, label: string) => new TOTP({ issuer: ISSUER, label, secret, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS })
/** The sealed seed is bound to its user: copied onto another user's row it does not open. */
const boxContext = (userId: string) => `totp:${userId}`
const wrongCode = () => fieldError('/code', 'the code is wrong or was already used')

export function createTotpService(deps: { database: Database; users: UsersService; access: AccessService; audit: AuditService; box: SecretBox }) {
  const { control, dialect } = deps.database

  async function userOf(principal: Principal) {
    if (!principal.userId) throw new AppError('forbidden', 'Two-factor sign-in belongs to a user, not to a role key')
    return deps.users.requireUser(principal.userId)
  }

  /** Checks `code` against the stored seed and uses up its time step; false for a wrong, replayed or missing one. */
  async function useCode(userId: string, code: string | undefined): Promise<boolean> {
    if (!code || !CODE_SHAPE.test(code)) return false
    const row = await control.selectFrom('users').select(['email', 'totp_secret']).where('id', '=', userId).executeTakeFirst()
    if (!row?.totp_secret) return false
    const totp = totpOf(Secret.fromBase32(deps.box.decrypt(row.totp_secret, boxContext(userId))), row.email)
    const now = Date.now()
    const delta = totp.validate({ token: code, timestamp: now, window: DRIFT_STEPS })
    if (delta === null) return false
    const step = totp.counter({ timestamp: now }) + delta
    // Conditional update: of two requests with the same code, only one moves the step.
    const result = await control.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)])).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async function setEnabled(userId: string, enabled: boolean): Promise<void> {
    await control.updateTable('users').set({
      totp_enabled: dialect.toDb('boolean', enabled), ...(enabled ? {} : { totp_secret: null, totp_last_step: null }),
    }).where('id', '=', userId).execute()
  }

  return {
    /** For sign-in: true when `code` is right and unused. Only meaningful for a user with TOTP enabled. */
    verifyCode: useCode,

    /** Starts enrolment: a fresh seed, stored sealed; TOTP stays off until a code proves the app has it. */
    async setup(principal: Principal): Promise<{ secret: string; otpauthUrl: string }> {
      const user = await userOf(principal)
      if (user.totpEnabled) throw new AppError('conflict', 'Two-factor sign-in is already on; turn it off first to change the app')
      const secret = new Secret({ size: SECRET_BYTES })
      await control.updateTable('users').set({ totp_secret: deps.box.encrypt(secret.base32, boxContext(user.id)), totp_last_step: null })
        .where('id', '=', user.id).execute()
      return { secret: secret.base32, otpauthUrl: totpOf(secret, user.email).toString() }
    },

    async enable(principal: Principal, code: string, ip: string | null): Promise<void> {
      const user = await userOf(principal)
      if (user.totpEnabled) throw new AppError('conflict', 'Two-factor sign-in is already on')
      if (!(await useCode(user.id, code))) throw wrongCode()
      await setEnabled(user.id, true)
      await deps.audit.record('totp-enabled', { workspaceId: principal.workspaceId, actor: user.id, ip })
    },

    async disable(principal: Principal, code: string, ip: string | null): Promise<void> {
      const user = await userOf(principal)
      if (!user.totpEnabled) throw new AppError('conflict', 'Two-factor sign-in is off')
      if (!(await useCode(user.id, code))) throw wrongCode()
      await setEnabled(user.id, false)
      await deps.audit.record('totp-disabled', { workspaceId: principal.workspaceId, actor: user.id, ip })
    },

    async isRequired(workspaceId: string): Promise<boolean> {
      const row = await control.selectFrom('workspaces').select('require_totp').where('id', '=', workspaceId).executeTakeFirst()
      return dialect.fromDb('boolean', row?.require_totp) === true
    },

    async getSettings(principal: Principal): Promise<{ requireTotp: boolean }> {
      await requireAdmin(deps, principal, 'workspace settings')
      return { requireTotp: await this.isRequired(principal.workspaceId) }
    },

    async updateSettings(principal: Principal, input: { requireTotp: boolean }): Promise<{ requireTotp: boolean }> {
      await requireAdmin(deps, principal, 'workspace settings')
      // An administrator signed in without TOTP would lock their own session out of everything else.
      if (input.requireTotp && principal.via === 'session' && principal.userId) {
        const self = await deps.users.find(principal.userId)
        if (self && !self.totpEnabled) throw new AppError('totp-required-for-self', 'Turn on two-factor sign-in for your own account before requiring it for everyone')
      }
      await control.updateTable('workspaces').set({ require_totp: dialect.toDb('boolean', input.requireTotp) }).where('id', '=', principal.workspaceId).execute()
      await deps.audit.record('settings-changed', { workspaceId: principal.workspaceId, actor: actorOf(principal), detail: { setting: 'requireTotp', value: input.requireTotp } })
      return { requireTotp: input.requireTotp }
    },
  }
}

export type TotpService = ReturnType<typeof createTotpService>
