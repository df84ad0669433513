/**
 * A record's timeline: records of timeline objects (activities) related to it through any
 * relation or link, merged with its field history, newest first. Which objects and fields
 * count comes from metadata (`showsOnTimeline`), never from object names.
 */
import type { FilterNode } from './filter.js'
import { readHistory, type HistoryEntry } from './history.js'
import type { ObjectMeta } from './metadata-types.js'
import type { ApiRecord } from './record-codec.js'
import { listRecords, type RecordContext } from './records.js'
import { visibleObject } from './visibility.js'

export type TimelineItem =
  | { kind: 'record'; at: string; object: string; record: ApiRecord }
  | ({ kind: 'change'; at: string } & Omit<HistoryEntry, 'at'>)
  | { kind: 'created'; at: string; actor: string | null }

export async function readTimeline(ctx: RecordContext, object: ObjectMeta, record: ApiRecord, limit: number): Promise<TimelineItem[]> {
  const items: TimelineItem[] = []
  for (const source of ctx.metadata.objects.values()) {
    if (!source.showsOnTimeline || !ctx.access.can(source.apiName, 'read')) continue
    const conditions: FilterNode[] = visibleObject(ctx.access, source).fields
      .filter((f) => f.type === 'links' || (f.type === 'relation' && f.options.relation?.target === object.apiName && f.options.relation.kind !== 'oneToMany'))
      .map((f) => ({ field: f.apiName, op: 'eq', value: record.id }))
    if (conditions.length === 0) continue
    const page = await listRecords(ctx, source, { filter: { or: conditions }, sort: [{ field: 'createdAt', dir: 'desc' }], limit })
    for (const related of page.data) items.push({ kind: 'record', at: related.createdAt as string, object: source.apiName, record: related })
  }
  const history = await readHistory(ctx.ws.db, ctx.ws.dialect, record.id, { limit })
  const view = visibleObject(ctx.access, object)
  for (const entry of history) {
    if (view.fieldsByName.has(entry.field) || entry.field === 'deletedAt' || entry.field === 'ownerId') items.push({ ...entry, kind: 'change' })
  }
  items.push({ kind: 'created', at: record.createdAt as string, actor: (record.createdBy as string | null) ?? null })
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit)
}
