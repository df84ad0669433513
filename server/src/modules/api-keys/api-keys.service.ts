/**
 * @module api-keys
 * API keys: `rpk_<prefix>_<secret>`. Only a SHA-256 of the whole key is stored (the key has
 * 192 random bits, so a slow hash adds nothing); the prefix is kept to tell keys apart in
 * lists. The plaintext is returned once, at creation.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Database } from '../../db/database.js'
import { newId } from '../../engine/ids.js'

export interface ApiKeyInfo {
  id: string
  workspaceId: string
  /** The key acts as this user (their role, their records)… */
  userId: string | null
  /** …or with this role and no user (integrations). */
  roleId: string | null
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
}

export interface VerifiedKey {
  keyId: string
  workspaceId: string
  userId: string | null
  roleId: string | null
}

const KEY_PATTERN = /^rpk_([a-z0-9]{8})_([A-Za-z0-9_-]{32})$/
const LAST_USED_RESOLUTION_MS = 60_000

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

// Explicit column lists: the hash never rides along into a response.
const PUBLIC_COLUMNS = ['id', 'workspace_id', 'user_id', 'role_id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at'] as const

export function createApiKeysService(deps: { database: Database }) {
  const { control } = deps.database
  const lastTouched = new Map<string, number>()
  const iso = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v))

  return {
    /** Creates a key for a user or a role (exactly one of them). */
    async create(workspaceId: string, name: string, owner: { userId: string } | { roleId: string }, options: { expiresAt?: string } = {}): Promise<{ key: string; info: ApiKeyInfo }> {
      const userId = 'userId' in owner ? owner.userId : null
      const roleId = 'roleId' in owner ? owner.roleId : null
      const prefix = randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 8)
      const key = `rpk_${prefix}_${randomBytes(24).toString('base64url')}`
      const info: ApiKeyInfo = { id: newId(), workspaceId, userId, roleId, name, prefix, createdAt: new Date().toISOString(), lastUsedAt: null, expiresAt: options.expiresAt ?? null }
      await control.insertInto('api_keys').values({
        id: info.id, workspace_id: workspaceId, user_id: userId, role_id: roleId, name, prefix, key_hash: hashKey(key),
        created_at: info.createdAt, expires_at: info.expiresAt,
      }).execute()
      return { key, info }
    },

    /** Resolves a presented key; revoked, expired and malformed keys all resolve to undefined. */
    async verify(key: string): Promise<VerifiedKey | undefined> {
      if (!KEY_PATTERN.test(key)) return undefined
      const row = await control.selectFrom('api_keys').select(['id', 'workspace_id', 'user_id', 'role_id', 'expires_at', 'revoked_at'])
        .where('key_hash', '=', hashKey(key)).executeTakeFirst()
      if (!row || row.revoked_at) return undefined
      const now = Date.now()
      if (row.expires_at && new Date(iso(row.expires_at)!).getTime() <= now) return undefined
      if ((lastTouched.get(row.id) ?? 0) + LAST_USED_RESOLUTION_MS < now) {
        lastTouched.set(row.id, now)
        await control.updateTable('api_keys').set({ last_used_at: new Date(now).toISOString() }).where('id', '=', row.id).execute()
      }
      return { keyId: row.id, workspaceId: row.workspace_id, userId: row.user_id ?? null, roleId: row.role_id ?? null }
    },

    async list(workspaceId: string): Promise<ApiKeyInfo[]> {
      const rows = await control.selectFrom('api_keys').select([...PUBLIC_COLUMNS]).where('workspace_id', '=', workspaceId)
        .where('revoked_at', 'is', null).orderBy('created_at').execute()
      return rows.map((r) => ({
        id: r.id, workspaceId: r.workspace_id, userId: r.user_id ?? null, roleId: r.role_id ?? null, name: r.name, prefix: r.prefix, createdAt: iso(r.created_at)!,
        lastUsedAt: iso(r.last_used_at), expiresAt: iso(r.expires_at),
      }))
    },

    /** Revokes a key of the workspace; with `userId`, only that user's own key. */
    async revoke(workspaceId: string, id: string, userId?: string): Promise<boolean> {
      let query = control.updateTable('api_keys').set({ revoked_at: new Date().toISOString() })
        .where('id', '=', id).where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null)
      if (userId) query = query.where('user_id', '=', userId)
      const result = await query.executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>
