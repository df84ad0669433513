/**
 * @module identity/sessions
 * Browser sessions: a random token in an HttpOnly cookie, stored hashed, with a CSRF token
 * (also stored hashed) that every state-changing request must echo. The CSRF token is derived
 * from the session token (csrfTokenOf), so GET /auth/me can hand a new tab of the same session
 * the very token sign-in returned without keeping it readable in the database. A session dies when it
 * expires, on sign-out, and when its user's session version moves (password change or reset,
 * "log out everywhere", disabling): that check runs on every request.
 */
import type { Database } from '../../db/database.js'
import { createHmac } from 'node:crypto'
import { hashToken, newToken } from './tokens.js'

export const SESSION_COOKIE = 'rapport_session'
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000
const TOUCH_RESOLUTION_MS = 60_000
/** Domain separation: the session token keys an HMAC of this label, used for nothing else. */
const CSRF_LABEL = 'rapport-csrf-v1'

/**
 * The session's CSRF token: HMAC-SHA256 keyed by the 256-bit session token. Only a holder of
 * the HttpOnly cookie (the server, on a same-origin request) can compute it, and it reveals
 * nothing about the cookie.
 */
export const csrfTokenOf = (sessionToken: string): string => createHmac('sha256', sessionToken).update(CSRF_LABEL).digest('base64url')

export interface SessionInfo {
  idHash: string
  userId: string
  workspaceId: string
  csrfHash: string
}

export function createSessionsService(deps: { database: Database }) {
  const { control, dialect } = deps.database
  const iso = (v: unknown) => dialect.fromDb('timestamp', v) as string

  return {
    async create(userId: string, workspaceId: string, sessionVersion: number): Promise<{ token: string; csrfToken: string }> {
      const token = newToken()
      const csrfToken = csrfTokenOf(token)
      const now = new Date()
      await control.insertInto('sessions').values({
        id_hash: hashToken(token), user_id: userId, workspace_id: workspaceId, csrf_hash: hashToken(csrfToken),
        session_version: sessionVersion, created_at: now.toISOString(), last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      }).execute()
      return { token, csrfToken }
    },

    async verify(token: string): Promise<SessionInfo | undefined> {
      if (token.length < 20 || token.length > 100) return undefined
      const idHash = hashToken(token)
      const row = await control.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.user_id', 'sessions.workspace_id', 'sessions.csrf_hash', 'sessions.session_version', 'sessions.expires_at',
          'sessions.last_seen_at', 'users.session_version as user_version', 'users.disabled_at'])
        .where('sessions.id_hash', '=', idHash).executeTakeFirst()
      if (!row || row.disabled_at != null || Number(row.session_version) !== Number(row.user_version)) return undefined
      const now = Date.now()
      if (new Date(iso(row.expires_at)).getTime() <= now) return undefined
      if (new Date(iso(row.last_seen_at)).getTime() + TOUCH_RESOLUTION_MS < now) {
        await control.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id_hash', '=', idHash).execute()
      }
      return { idHash, userId: row.user_id, workspaceId: row.workspace_id, csrfHash: row.csrf_hash }
    },

    /**
     * The CSRF token of a verified session, for GET /auth/me. A session started before tokens
     * were derived stored a random one's hash: it is moved to the derived token here, so every
     * tab that asks converges on the same token.
     */
    async csrfTokenFor(token: string): Promise<string> {
      const csrfToken = csrfTokenOf(token)
      const csrfHash = hashToken(csrfToken)
      await control.updateTable('sessions').set({ csrf_hash: csrfHash })
        .where('id_hash', '=', hashToken(token)).where('csrf_hash', '<>', csrfHash).execute()
      return csrfToken
    },

    async revoke(idHash: string): Promise<void> {
      await control.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
    },

    async revokeAllOf(userId: string): Promise<void> {
      await control.deleteFrom('sessions').where('user_id', '=', userId).execute()
    },

    async switchWorkspace(idHash: string, workspaceId: string): Promise<void> {
      await control.updateTable('sessions').set({ workspace_id: workspaceId }).where('id_hash', '=', idHash).execute()
    },
  }
}

export type SessionsService = ReturnType<typeof createSessionsService>
