/**
 * The activities due within a view's days: one `dueAt between [start, end)` query, read page
 * by page with the keyset cursor, grouped by local day and sorted by time.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { queryAllRecords, type RecordFilter } from '../../api/records-query.js'
import { ACTIVITIES, ACTIVITIES_KEY, ACTIVITY_FIELDS, MAX_VIEW_ACTIVITIES, PAGE_SIZE, toActivity, type Activity } from './activities.js'
import { dayKey } from './calendar-dates.js'

/** `between` includes both ends; the range is half-open, so it stops a millisecond early. */
const LAST_MOMENT_MS = 1

/** `ownerId` narrows the view to one person's activities ("only mine"). */
export function useCalendarActivities(start: Date, end: Date, ownerId?: string) {
  const from = start.toISOString()
  const to = new Date(end.getTime() - LAST_MOMENT_MS).toISOString()
  const range: RecordFilter = { field: 'dueAt', op: 'between', value: [from, to] }
  const query = useQuery({
    queryKey: [...ACTIVITIES_KEY, 'calendar', from, to, ownerId ?? 'all'],
    queryFn: ({ signal }) => queryAllRecords(ACTIVITIES, {
      filter: ownerId ? { and: [range, { field: 'ownerId', op: 'eq', value: ownerId }] } : range,
      sort: [{ field: 'dueAt', dir: 'asc' }],
      fields: ACTIVITY_FIELDS, limit: PAGE_SIZE, maxRecords: MAX_VIEW_ACTIVITIES, signal,
    }),
    placeholderData: keepPreviousData,
  })
  const records = query.data?.data
  const byDay = useMemo(() => {
    const days = new Map<string, Activity[]>()
    for (const activity of (records ?? []).map(toActivity)) {
      if (!activity) continue
      const key = dayKey(activity.dueAt)
      const list = days.get(key)
      if (list) list.push(activity)
      else days.set(key, [activity])
    }
    return days
  }, [records])
  return { ...query, byDay, truncated: query.data?.truncated ?? false }
}
