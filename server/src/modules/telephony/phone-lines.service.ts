/**
 * Phone lines: the credential a phone system uses to post call events. The token
 * (`rpl_<workspace>_<secret>`) names its workspace, so a webhook finds the right store without
 * a global table; only its SHA-256 is kept (192 random bits make a slow hash pointless). The
 * optional HMAC secret must be read back to verify signatures, so it is sealed with the
 * secret box, bound to the line id. Neither is ever returned after creation.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Database } from '../../db/database.js'
import { newId } from '../../engine/ids.js'
import type { SecretBox } from '../identity/secret-box.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'

export { PROVIDERS, type PhoneLine, type Provider } from '../../../../contracts/phone-lines.js'
import type { PhoneLine, Provider } from '../../../../contracts/phone-lines.js'

/** A line as the intake sees it: with its workspace and the opened secret. */
export interface VerifiedLine extends PhoneLine {
  workspaceId: string
  secret: string | null
}

/** Events per minute a line may post unless configured: a busy contact center's flood plus headroom. */
export const DEFAULT_RATE_PER_MINUTE = 12_000
/** How long a verified line is remembered in this process (revocation here clears it at once). */
const LINE_CACHE_MS = 10_000
const TOKEN_PATTERN = /^rpl_([a-z0-9]{8,40})_([A-Za-z0-9_-]{32})$/
const LINE_KEY_PATTERN = /^([a-z0-9]{8,40})\.([0-9a-f-]{36})$/

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
const COLUMNS = ['id', 'name', 'number', 'provider', 'token_prefix', 'hmac_secret', 'blocked_numbers', 'rate_per_minute', 'created_at'] as const

/** Constant-time comparison of two strings of any length. */
export function sameText(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest()
  const right = createHash('sha256').update(b).digest()
  return timingSafeEqual(left, right) && a.length === b.length
}

export function hmacHex(secret: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex')
}

export function createPhoneLinesService(deps: { database: Database; workspaces: WorkspacesService; box: SecretBox }) {
  const cache = new Map<string, { line: VerifiedLine; until: number }>()

  const rowToLine = (workspaceId: string, row: Record<string, any>): VerifiedLine => {
    const ws = deps.database.workspace(workspaceId)
    return {
      id: row.id, lineKey: `${workspaceId}.${row.id}`, workspaceId, name: row.name, number: row.number ?? null, provider: row.provider,
      tokenPrefix: row.token_prefix, hasSecret: row.hmac_secret !== null, secret: row.hmac_secret ? deps.box.decrypt(row.hmac_secret, row.id) : null,
      blockedNumbers: ws.dialect.fromDb('json', row.blocked_numbers) as string[], ratePerMinute: Number(row.rate_per_minute), createdAt: row.created_at,
    }
  }
  const publicLine = ({ workspaceId: _w, secret: _s, ...line }: VerifiedLine): PhoneLine => line

  async function findBy(workspaceId: string, column: 'token_hash' | 'id', value: string): Promise<VerifiedLine | undefined> {
    if (!(await deps.workspaces.find(workspaceId))) return undefined
    const row = await deps.database.workspace(workspaceId).db.selectFrom('phone_lines').select([...COLUMNS])
      .where(column, '=', value).where('revoked_at', 'is', null).executeTakeFirst()
    return row ? rowToLine(workspaceId, row) : undefined
  }

  async function cached(key: string, load: () => Promise<VerifiedLine | undefined>): Promise<VerifiedLine | undefined> {
    const hit = cache.get(key)
    if (hit && hit.until > Date.now()) return hit.line
    const line = await load()
    if (line) cache.set(key, { line, until: Date.now() + LINE_CACHE_MS })
    return line
  }

  return {
    async create(workspaceId: string, input: { name: string; number?: string | null; provider: Provider; secret?: string | null; blockedNumbers: string[]; ratePerMinute?: number }, actor: string | null): Promise<{ line: PhoneLine; token: string }> {
      const id = newId()
      const token = `rpl_${workspaceId}_${randomBytes(24).toString('base64url')}`
      const ws = deps.database.workspace(workspaceId)
      const row = {
        id, name: input.name, number: input.number ?? null, provider: input.provider, token_hash: hashToken(token), token_prefix: token.slice(0, token.indexOf('_', 4) + 5),
        hmac_secret: input.secret ? deps.box.encrypt(input.secret, id) : null, blocked_numbers: ws.dialect.toDb('json', input.blockedNumbers),
        rate_per_minute: input.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE, created_by: actor, created_at: new Date().toISOString(),
      }
      await ws.db.insertInto('phone_lines').values(row).execute()
      return { line: publicLine(rowToLine(workspaceId, { ...row, blocked_numbers: ws.dialect.asRead('json', row.blocked_numbers) })), token }
    },

    async list(workspaceId: string): Promise<PhoneLine[]> {
      const rows = await deps.database.workspace(workspaceId).db.selectFrom('phone_lines').select([...COLUMNS])
        .where('revoked_at', 'is', null).orderBy('created_at').execute()
      return rows.map((row) => publicLine(rowToLine(workspaceId, row)))
    },

    async revoke(workspaceId: string, id: string): Promise<boolean> {
      const result = await deps.database.workspace(workspaceId).db.updateTable('phone_lines').set({ revoked_at: new Date().toISOString() })
        .where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
      for (const [key, entry] of cache) if (entry.line.id === id) cache.delete(key)
      return Number(result.numUpdatedRows) === 1
    },

    /** The line a token belongs to; wrong, malformed and revoked tokens give undefined. */
    byToken(token: string): Promise<VerifiedLine | undefined> {
      const match = TOKEN_PATTERN.exec(token)
      if (!match) return Promise.resolve(undefined)
      const hash = hashToken(token)
      return cached(`t:${hash}`, () => findBy(match[1], 'token_hash', hash))
    },

    /** The line a signed request names in X-Rapport-Line. */
    byLineKey(lineKey: string): Promise<VerifiedLine | undefined> {
      const match = LINE_KEY_PATTERN.exec(lineKey)
      if (!match) return Promise.resolve(undefined)
      return cached(`k:${lineKey}`, () => findBy(match[1], 'id', match[2]))
    },
  }
}

export type PhoneLinesService = ReturnType<typeof createPhoneLinesService>
