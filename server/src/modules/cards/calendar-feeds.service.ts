/**
 * Per-user calendar feeds: a secret URL (`/api/v1/calendar/feed/<token>.ics`) a calendar app
 * polls without a session. The token names its workspace and carries a 256-bit secret stored
 * only as a SHA-256 hash; revoking it ends the feed on the next poll. The feed is built as the
 * token's user at the time of the poll — their role, hidden fields and record scope — so a
 * removed, disabled or re-roled user's feed changes or stops exactly like their API access.
 */
import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../errors.js'
import { newId, isId } from '../../engine/ids.js'
import { getObject } from '../../engine/metadata-store.js'
import { listRecords, MAX_PAGE_SIZE } from '../../engine/records.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import type { UsersService } from '../identity/users.service.js'
import type { RecordsService } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { CALENDAR_FOOTER, calendarHeader, formatComponent, type CalendarItem } from './ical.js'

const TOKEN_PATTERN = /^rcf_([A-Za-z0-9]{1,64})_([A-Za-z0-9_-]{43})$/
const SECRET_BYTES = 32
/** The feed covers activities due from this many days ago on, at most MAX_FEED_ITEMS of them. */
const FEED_PAST_DAYS = 90
const MAX_FEED_ITEMS = 10_000
const DAY_MS = 86_400_000
const CALENDAR_OBJECT = 'activities'
export const CALENDAR_FIELDS = ['type', 'subject', 'body', 'dueAt', 'status'] as const

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex')
const noFeed = () => new AppError('not-found', 'No calendar feed at this address')

export interface CalendarFeed {
  id: string
  createdAt: string
}

export function createCalendarFeedsService(deps: {
  records: Pick<RecordsService, 'contextFor'>
  workspaces: Pick<WorkspacesService, 'get' | 'recordContext'>
  users: Pick<UsersService, 'find'>
  access: Pick<AccessService, 'roleOfMember'>
}) {
  async function ownDb(principal: Principal) {
    if (!principal.userId) throw new AppError('forbidden', 'A calendar feed belongs to a user; a role-level API key has none')
    return (await deps.records.contextFor(principal)).ws.db
  }

  return {
    /** A new feed; the token is in the answer once and never again. */
    async create(principal: Principal): Promise<CalendarFeed & { token: string; path: string }> {
      const db = await ownDb(principal)
      const secret = randomBytes(SECRET_BYTES).toString('base64url')
      const feed = { id: newId(), createdAt: new Date().toISOString() }
      await db.insertInto('calendar_feeds').values({ id: feed.id, user_id: principal.userId, token_hash: hashOf(secret), created_at: feed.createdAt, revoked_at: null }).execute()
      const token = `rcf_${principal.workspaceId}_${secret}`
      return { ...feed, token, path: `/api/v1/calendar/feed/${token}.ics` }
    },

    async list(principal: Principal): Promise<CalendarFeed[]> {
      const db = await ownDb(principal)
      const rows = await db.selectFrom('calendar_feeds').select(['id', 'created_at']).where('user_id', '=', principal.userId).where('revoked_at', 'is', null).orderBy('created_at').execute()
      return rows.map((r) => ({ id: r.id as string, createdAt: new Date(r.created_at as string).toISOString() }))
    },

    async revoke(principal: Principal, id: string): Promise<void> {
      const db = await ownDb(principal)
      const result = isId(id)
        ? await db.updateTable('calendar_feeds').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('user_id', '=', principal.userId).where('revoked_at', 'is', null).executeTakeFirst()
        : undefined
      if (!result || Number(result.numUpdatedRows) !== 1) throw new AppError('not-found', 'No calendar feed with this id')
    },

    /** The .ics text for a token, built as its user now; 404 for anything unknown or revoked. */
    async feed(token: string): Promise<string> {
      const match = TOKEN_PATTERN.exec(token)
      if (!match) throw noFeed()
      const [, workspaceId, secret] = match
      const workspace = await deps.workspaces.get(workspaceId).catch(() => null)
      if (!workspace) throw noFeed()
      const system = await deps.workspaces.recordContext(workspace, 'calendar-feed')
      const found = await system.ws.db.selectFrom('calendar_feeds').select(['id', 'user_id']).where('token_hash', '=', hashOf(secret)).where('revoked_at', 'is', null).executeTakeFirst()
      const row = found ? { id: found.id as string, userId: found.user_id as string } : undefined
      if (!row) throw noFeed()
      const user = await deps.users.find(row.userId)
      const roleId = user && !user.disabled ? await deps.access.roleOfMember(workspaceId, row.userId) : undefined
      if (!roleId) throw noFeed()
      const ctx = await deps.records.contextFor({ workspaceId, userId: row.userId, roleId, credentialId: `feed:${row.id}`, via: 'apiKey' })
      const object = getObject(ctx.metadata, CALENDAR_OBJECT)
      const fields = CALENDAR_FIELDS.filter((f) => ctx.access.fieldAccess(object.apiName, f) !== 'hidden' && object.fieldsByName.has(f))
      const from = new Date(Date.now() - FEED_PAST_DAYS * DAY_MS).toISOString()
      const query = { filter: { field: 'dueAt', op: 'gte', value: from }, sort: [{ field: 'dueAt', dir: 'asc' }], fields, limit: MAX_PAGE_SIZE }
      let text = calendarHeader(workspace.name)
      let cursor: string | undefined
      let count = 0
      do {
        const page = await listRecords(ctx, object, { ...query, cursor })
        for (const record of page.data) text += formatComponent(record as unknown as CalendarItem, 'rapport')
        count += page.data.length
        cursor = page.page.nextCursor ?? undefined
      } while (cursor && count < MAX_FEED_ITEMS)
      return text + CALENDAR_FOOTER
    },
  }

}

export type CalendarFeedsService = ReturnType<typeof createCalendarFeedsService>
