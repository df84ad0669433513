/**
 * @module identity/users
 * Users live in the control store (one account, many workspaces); their role in a workspace
 * lives in that workspace's `members` table so record sharing can be compiled to local SQL.
 */
import type { Database } from '../../db/database.js'
import { AppError, fieldError } from '../../errors.js'
import { newId } from '../../engine/ids.js'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './passwords.js'

export interface User {
  id: string
  email: string
  name: string
  sessionVersion: number
  totpEnabled: boolean
  disabled: boolean
}

const EMAIL_PATTERN = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/u

export const normalizeEmail = (email: string): string => email.trim().toLowerCase()

export function checkEmail(email: string, pointer = '/email'): string {
  const normalized = normalizeEmail(email)
  if (normalized.length > 254 || !EMAIL_PATTERN.test(normalized)) throw fieldError(pointer, 'must be an email address')
  return normalized
}

export function checkPassword(password: string, pointer = '/password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw fieldError(pointer, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  if (password.length > MAX_PASSWORD_LENGTH) throw fieldError(pointer, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
}

// Explicit columns: the password hash and TOTP secret never ride along into a User.
const PUBLIC_COLUMNS = ['id', 'email', 'name', 'session_version', 'totp_enabled', 'disabled_at'] as const

export function createUsersService(deps: { database: Database }) {
  const { control, dialect } = deps.database
  const toUser = (row: Record<string, unknown>): User => ({
    id: row.id as string, email: row.email as string, name: row.name as string, sessionVersion: Number(row.session_version),
    totpEnabled: dialect.fromDb('boolean', row.totp_enabled) === true, disabled: row.disabled_at != null,
  })

  return {
    async create(input: { email: string; name: string; password: string }): Promise<User> {
      const email = checkEmail(input.email)
      checkPassword(input.password)
      const existing = await control.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
      if (existing) throw fieldError('/email', 'a user with this email exists', 'conflict')
      const id = newId()
      await control.insertInto('users').values({
        id, email, name: input.name, password_hash: await hashPassword(input.password), session_version: 1,
        totp_enabled: dialect.toDb('boolean', false), created_at: new Date().toISOString(),
      }).execute()
      return (await this.find(id))!
    },

    async find(id: string): Promise<User | undefined> {
      const row = await control.selectFrom('users').select([...PUBLIC_COLUMNS]).where('id', '=', id).executeTakeFirst()
      return row ? toUser(row) : undefined
    },

    async findByEmail(email: string): Promise<User | undefined> {
      const row = await control.selectFrom('users').select([...PUBLIC_COLUMNS]).where('email', '=', normalizeEmail(email)).executeTakeFirst()
      return row ? toUser(row) : undefined
    },

    async count(): Promise<number> {
      const row = await control.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return Number(row.n)
    },

    /** Checks an email and password; the same work and answer for an unknown email as for a wrong password. */
    async verifyCredentials(email: string, password: string): Promise<User | undefined> {
      const row = await control.selectFrom('users').select([...PUBLIC_COLUMNS, 'password_hash']).where('email', '=', normalizeEmail(email)).executeTakeFirst()
      const ok = await verifyPassword(row?.password_hash ?? null, password)
      if (!ok || !row || row.disabled_at != null) return undefined
      return toUser(row)
    },

    /** Sets a new password and ends every session of the user (their next request is refused). */
    async setPassword(userId: string, password: string): Promise<void> {
      checkPassword(password)
      const passwordHash = await hashPassword(password)
      await control.updateTable('users').set((eb) => ({ password_hash: passwordHash, session_version: eb('session_version', '+', 1) })).where('id', '=', userId).execute()
    },

    async bumpSessionVersion(userId: string): Promise<void> {
      await control.updateTable('users').set((eb) => ({ session_version: eb('session_version', '+', 1) })).where('id', '=', userId).execute()
    },

    async workspacesOf(userId: string): Promise<string[]> {
      const rows = await control.selectFrom('memberships').select('workspace_id').where('user_id', '=', userId).orderBy('created_at').execute()
      return rows.map((r) => r.workspace_id)
    },

    async requireUser(id: string): Promise<User> {
      const user = await this.find(id)
      if (!user) throw new AppError('not-found', 'No such user')
      return user
    },
  }
}

export type UsersService = ReturnType<typeof createUsersService>
