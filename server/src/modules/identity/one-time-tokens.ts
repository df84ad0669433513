/**
 * @module identity/one-time-tokens
 * Links sent by mail (password reset, invitation): a 256-bit random token goes into the mail,
 * only its SHA-256 is stored. A token is found only while unused and unexpired, and is consumed
 * by a conditional update, so two racing requests cannot both use it.
 */
import type { Database } from '../../db/database.js'
import { fieldError } from '../../errors.js'
import { hashToken, newToken } from './tokens.js'

export type OneTimeTokenKind = 'reset' | 'invite'

export interface OneTimeToken {
  tokenHash: string
  kind: OneTimeTokenKind
  email: string
  userId: string | null
  workspaceId: string | null
  roleId: string | null
  userVersion: number | null
}

/** Every unusable link gets this one answer: reused, expired, unknown and outdated look alike. */
export const invalidLink = () => fieldError('/token', 'this link is invalid or has expired')

/** Tokens from newToken() are 43 base64url characters; anything else is not worth a query. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

// Explicit columns, as everywhere a table holds secrets.
const COLUMNS = ['token_hash', 'kind', 'email', 'user_id', 'workspace_id', 'role_id', 'user_version', 'expires_at', 'used_at'] as const

export function createOneTimeTokens(deps: { database: Database }) {
  const { control, dialect } = deps.database

  return {
    /** Stores a new token's hash and returns the token: the only time it exists in clear. */
    async issue(kind: OneTimeTokenKind, fields: Omit<OneTimeToken, 'tokenHash' | 'kind'>, ttlMs: number): Promise<string> {
      const token = newToken()
      const now = Date.now()
      await control.insertInto('one_time_tokens').values({
        token_hash: hashToken(token), kind, email: fields.email, user_id: fields.userId, workspace_id: fields.workspaceId, role_id: fields.roleId,
        user_version: fields.userVersion, expires_at: new Date(now + ttlMs).toISOString(), used_at: null, created_at: new Date(now).toISOString(),
      }).execute()
      return token
    },

    /** The unused, unexpired token of this kind; throws the one invalid-link answer otherwise. */
    async getUsable(kind: OneTimeTokenKind, token: string): Promise<OneTimeToken> {
      if (!TOKEN_SHAPE.test(token)) throw invalidLink()
      const row = await control.selectFrom('one_time_tokens').select([...COLUMNS]).where('token_hash', '=', hashToken(token)).where('kind', '=', kind).executeTakeFirst()
      const expiresAt = row ? new Date(dialect.fromDb('timestamp', row.expires_at) as string).getTime() : 0
      if (!row || row.used_at != null || !(expiresAt > Date.now())) throw invalidLink()
      return {
        tokenHash: row.token_hash, kind, email: row.email, userId: row.user_id, workspaceId: row.workspace_id, roleId: row.role_id,
        userVersion: row.user_version == null ? null : Number(row.user_version),
      }
    },

    /** Marks the token used; throws the invalid-link answer if another request got there first. */
    async consume(tokenHash: string): Promise<void> {
      const result = await control.updateTable('one_time_tokens').set({ used_at: new Date().toISOString() })
        .where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst()
      if (Number(result.numUpdatedRows) !== 1) throw invalidLink()
    },
  }
}

export type OneTimeTokens = ReturnType<typeof createOneTimeTokens>
