/**
 * A record's timeline (GET …/timeline: related activities, field changes and the creation,
 * newest first) and logging a new activity on it: the entry appears at once, is replaced by
 * the server's when the write succeeds, and is taken out again with a toast when it fails.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createRecord, getTimeline, type TimelineItem } from '../../api/record-writes.js'
import type { ApiRecord } from '../../api/types.js'
import { showErrorToast } from '../../components/toasts.js'
import { problemText } from '../editing/useSaveRecord.js'

const FIRST_PAGE = 30
/** The API answers at most this many entries. */
export const TIMELINE_MAX = 200
const PENDING_PREFIX = 'pending-'

export const timelineKey = (object: string, id: string) => ['records', object, 'timeline', id] as const
export const isPendingItem = (item: TimelineItem) => item.kind === 'record' && item.record.id.startsWith(PENDING_PREFIX)

export function useTimeline(object: string, id: string) {
  const [limit, setLimit] = useState(FIRST_PAGE)
  const query = useQuery({
    queryKey: [...timelineKey(object, id), limit],
    queryFn: ({ signal }) => getTimeline(object, id, limit, signal),
    placeholderData: keepPreviousData,
  })
  const items = query.data ?? []
  const hasMore = items.length >= limit && limit < TIMELINE_MAX
  const loadMore = () => setLimit((current) => Math.min(TIMELINE_MAX, current * 2))
  return { ...query, items, hasMore, loadMore }
}

let pendingCounter = 0

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
    client.setQueriesData<TimelineItem[]>({ queryKey: key }, (old) => (old ? [pending, ...old] : [pending]))
    const dropPending = () => client.setQueriesData<TimelineItem[]>({ queryKey: key }, (old) => old?.filter((item) => item !== pending))
    try {
      const created = await createRecord(activityObject, data)
      client.setQueriesData<TimelineItem[]>({ queryKey: key }, (old) =>
        old?.map((item) => (item === pending ? { kind: 'record', at: created.createdAt, object: activityObject, record: created } : item)))
      void client.invalidateQueries({ queryKey: key })
      void client.invalidateQueries({ queryKey: ['records', activityObject] })
      return created
    } catch (error) {
      dropPending()
      const { title, message } = problemText(error)
      showErrorToast(title || t('record.composer.failed'), message)
      return null
    }
  }, [activityObject, client, id, object, t])
}
