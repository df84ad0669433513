/**
 * My day's data: the signed-in member's open tasks due before tomorrow (today's and overdue
 * ones), and completing one — optimistic (the box ticks at once) with a rollback when the
 * PATCH fails, e.g. 412 because someone changed the task meanwhile. Completed tasks stay on
 * screen, struck through, until the list is next refreshed, so a slip of the finger can be
 * undone by unticking.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { queryAllRecords } from '../../api/records-query.js'
import { createRecord, updateRecord } from '../../api/records-write.js'
import type { ApiRecord } from '../../api/types.js'
import { ACTIVITIES, ACTIVITIES_KEY, ACTIVITY_FIELDS, MAX_VIEW_ACTIVITIES, PAGE_SIZE } from './activities.js'
import { addDays, dayKey, startOfDay } from './calendar-dates.js'

type MyDayData = { data: ApiRecord[]; truncated: boolean }

/** Tasks added from My day are due at the end of the working day. */
export const QUICK_ADD_HOUR = 17
const CLOSED_STATUSES = ['done', 'cancelled']

export function myDayKey(userId: string) {
  return [...ACTIVITIES_KEY, 'myDay', userId, dayKey(new Date())] as const
}

export function useMyDayTasks(userId: string) {
  return useQuery({
    queryKey: myDayKey(userId),
    enabled: userId !== '',
    queryFn: ({ signal }) => queryAllRecords(ACTIVITIES, {
      filter: { and: [
        { field: 'ownerId', op: 'eq', value: userId },
        { field: 'type', op: 'eq', value: 'task' },
        { field: 'status', op: 'nin', value: CLOSED_STATUSES },
        { field: 'dueAt', op: 'lt', value: addDays(startOfDay(new Date()), 1).toISOString() },
      ] },
      sort: [{ field: 'dueAt', dir: 'asc' }],
      fields: ACTIVITY_FIELDS, limit: PAGE_SIZE, maxRecords: MAX_VIEW_ACTIVITIES, signal,
    }),
  })
}

const replaceRecord = (data: MyDayData | undefined, record: ApiRecord): MyDayData | undefined =>
  data && { ...data, data: data.data.map((row) => (row.id === record.id ? { ...row, ...record } : row)) }

export function useSetTaskDone(userId: string) {
  const client = useQueryClient()
  const key = myDayKey(userId)
  return useMutation({
    mutationFn: ({ task, done }: { task: ApiRecord; done: boolean }) => updateRecord(ACTIVITIES, task.id, { status: done ? 'done' : 'open' }, task.version),
    onMutate: async ({ task, done }) => {
      await client.cancelQueries({ queryKey: key })
      const before = client.getQueryData<MyDayData>(key)
      client.setQueryData<MyDayData>(key, (data) => replaceRecord(data, { ...task, status: done ? 'done' : 'open' }))
      return { before }
    },
    // The global mutation handler shows the problem as a toast; here the tick goes back.
    onError: (_error, _variables, context) => client.setQueryData(key, context?.before),
    onSuccess: (record) => {
      client.setQueryData<MyDayData>(key, (data) => replaceRecord(data, record))
      // Other views (calendar, record pages) read the new status next time they show.
      void client.invalidateQueries({ queryKey: ACTIVITIES_KEY, predicate: (query) => query.queryKey[2] !== 'myDay' })
    },
  })
}

export function useQuickAddTask(userId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (subject: string) => {
      const today = new Date()
      const due = new Date(today.getFullYear(), today.getMonth(), today.getDate(), QUICK_ADD_HOUR)
      return createRecord(ACTIVITIES, { type: 'task', subject, status: 'open', dueAt: due.toISOString() })
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ACTIVITIES_KEY }),
  })
}
