/**
 * A record's timeline: records of timeline objects (activities) related to it through any
 * relation or link, merged with its field history, newest first. Which objects and fields
 * count comes from metadata (`showsOnTimeline`), never from object names.
 *
 * Pages are keyset too: entries are ordered by (at, key) descending — key is the activity's
 * or the history entry's id ('' for the creation) — and the cursor is the last entry's pair,
 * so each source continues exactly after it (also when many entries share one timestamp,
 * as a batch import's do).
 */
import { fieldError } from '../errors.js'
import type { FilterNode } from './filter.js'
import { readHistory, type HistoryEntry } from './history.js'
import { visibleHistory } from './history-visibility.js'
import type { ObjectMeta } from './metadata-types.js'
import type { ApiRecord } from './record-codec.js'
import { listRecords, type RecordContext } from './records.js'
import { resolveSort } from './sort-cursor.js'
import { visibleObject } from './visibility.js'

export type TimelineItem =
  | { kind: 'record'; at: string; object: string; record: ApiRecord }
  | ({ kind: 'change'; at: string } & Omit<HistoryEntry, 'at'>)
  | { kind: 'created'; at: string; actor: string | null }

export interface TimelinePage {
  data: TimelineItem[]
  page: { nextCursor: string | null; hasMore: boolean }
}

interface Position {
  at: string
  key: string
}

const NEWEST_FIRST = [{ field: 'createdAt', dir: 'desc' }] as const
const KEY_PATTERN = /^[0-9A-Za-z-]{0,100}$/

const keyOf = (item: TimelineItem) => (item.kind === 'record' ? item.record.id : item.kind === 'change' ? item.id : '')
const newestFirst = (a: Position, b: Position) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.key < b.key ? 1 : a.key > b.key ? -1 : 0)

export const encodeTimelineCursor = (position: Position) => Buffer.from(JSON.stringify([position.at, position.key])).toString('base64url')

/** The cursor is only a position (a time and an id), so it needs no signature; it is checked strictly. */
export function decodeTimelineCursor(cursor: string, pointer: string): Position {
  try {
    const [at, key, ...rest] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (rest.length === 0 && typeof at === 'string' && typeof key === 'string' && KEY_PATTERN.test(key) && !Number.isNaN(Date.parse(at))) {
      return { at: new Date(at).toISOString(), key }
    }
  } catch {
    // reported below
  }
  throw fieldError(pointer, 'is not a timeline cursor this server issued', 'invalid-cursor')
}

export async function readTimeline(ctx: RecordContext, object: ObjectMeta, record: ApiRecord, limit: number, cursor?: string): Promise<TimelinePage> {
  const after = cursor === undefined ? undefined : decodeTimelineCursor(cursor, '/query/cursor')
  const items: TimelineItem[] = []
  let sourcesHaveMore = false
  for (const source of ctx.metadata.objects.values()) {
    if (!source.showsOnTimeline || !ctx.access.can(source.apiName, 'read')) continue
    const view = visibleObject(ctx.access, source)
    const conditions: FilterNode[] = view.fields
      .filter((f) => f.type === 'links' || (f.type === 'relation' && f.options.relation?.target === object.apiName && f.options.relation.kind !== 'oneToMany'))
      .map((f) => ({ field: f.apiName, op: 'eq', value: record.id }))
    if (conditions.length === 0) continue
    // The source's own keyset cursor at the timeline's position: (createdAt, id) descending.
    const sourceCursor = after ? ctx.cursors.encode(resolveSort(view, NEWEST_FIRST), { created_at: after.at, id: after.key }) : undefined
    const page = await listRecords(ctx, source, { filter: { or: conditions }, sort: NEWEST_FIRST, limit, cursor: sourceCursor })
    sourcesHaveMore ||= page.page.hasMore
    for (const related of page.data) items.push({ kind: 'record', at: related.createdAt as string, object: source.apiName, record: related })
  }
  const history = await readHistory(ctx.ws.db, ctx.ws.dialect, record.id, { limit, after })
  const view = visibleObject(ctx.access, object)
  for (const entry of visibleHistory(view, history)) items.push({ ...entry, kind: 'change' })
  const created: TimelineItem = { kind: 'created', at: record.createdAt as string, actor: (record.createdBy as string | null) ?? null }
  if (!after || newestFirst(after, { at: created.at, key: '' }) < 0) items.push(created)
  const sorted = items.map((item) => ({ item, at: item.at, key: keyOf(item) })).sort(newestFirst)
  const hasMore = sorted.length > limit || sourcesHaveMore || history.length === limit
  const kept = sorted.slice(0, limit)
  const last = kept.at(-1)
  return { data: kept.map((entry) => entry.item), page: { nextCursor: hasMore && last ? encodeTimelineCursor(last) : null, hasMore: hasMore && last !== undefined } }
}
