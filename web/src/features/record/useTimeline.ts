/**
 * A record's timeline (GET …/timeline: related activities, field changes and the creation,
 * newest first, in keyset pages) and logging a new activity on it: the entry appears at once,
 * is replaced by the server's when the write succeeds, and is taken out again with a toast
 * when it fails.
 */
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { createRecord, getTimeline, type TimelineItem, type TimelinePage } from '../../api/record-writes.js'
import type { ApiRecord } from '../../api/types.js'
import { showErrorToast } from '../../components/toasts.js'
import { problemText } from '../editing/useSaveRecord.js'

const PAGE_SIZE = 25
const PENDING_PREFIX = 'pending-'

export const timelineKey = (object: string, id: string) => ['records', object, 'timeline', id] as const
export const isPendingItem = (item: TimelineItem) => item.kind === 'record' && item.record.id.startsWith(PENDING_PREFIX)

export function useTimeline(object: string, id: string) {
  const query = useInfiniteQuery({
    queryKey: timelineKey(object, id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => getTimeline(object, id, { limit: PAGE_SIZE, cursor: pageParam, signal }),
    getNextPageParam: (last) => (last.page.hasMore ? last.page.nextCursor : undefined),
  })
  const items = query.data?.pages.flatMap((page) => page.data) ?? []
  return { ...query, items }
}

let pendingCounter = 0
const isSame = (a: TimelineItem, b: TimelineItem) => a.kind === 'record' && b.kind === 'record' && a.record.id === b.record.id

type Pages = InfiniteData<TimelinePage, string | null>

const mapFirstPage = (old: Pages | undefined, change: (items: TimelineItem[]) => TimelineItem[]): Pages | undefined =>
  old && old.pages.length ? { ...old, pages: [{ ...old.pages[0], data: change(old.pages[0].data) }, ...old.pages.slice(1)] } : old

/** Creates a record of `activityObject` linked to the timeline's record, optimistically. */
export function useLogActivity(object: string, id: string, activityObject: string) {
  const { t } = useTranslation()
  const client = useQueryClient()
  return useCallback(async (data: Record<string, unknown>): Promise<ApiRecord | null> => {
    const key = timelineKey(object, id)
    const now = new Date().toISOString()
    const pending: TimelineItem = {
      kind: 'record', at: now, object: activityObject,
      record: { id: `${PENDING_PREFIX}${++pendingCounter}`, createdAt: now, updatedAt: now, version: 0, ...data },
    }
    await client.cancelQueries({ queryKey: key })
    client.setQueryData<Pages>(key, (old) => mapFirstPage(old, (items) => [pending, ...items]))
    try {
      const created = await createRecord(activityObject, data)
      const saved: TimelineItem = { kind: 'record', at: created.createdAt, object: activityObject, record: created }
      client.setQueryData<Pages>(key, (old) => mapFirstPage(old, (items) => items.map((item) => (isSame(item, pending) ? saved : item))))
      // A refetch that started before the write may have dropped the pending entry: fetch again.
      void client.invalidateQueries({ queryKey: key })
      void client.invalidateQueries({ queryKey: ['records', activityObject] })
      return created
    } catch (error) {
      client.setQueryData<Pages>(key, (old) => mapFirstPage(old, (items) => items.filter((item) => !isSame(item, pending))))
      const { title, message } = problemText(error)
      showErrorToast(title || t('record.composer.failed'), message)
      return null
    }
  }, [activityObject, client, id, object, t])
}
