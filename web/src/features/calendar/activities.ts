/**
 * Activities as the calendar and My day read them: the few fields they show, fetched with a
 * `dueAt between` range (or an owner/status/due filter) over keyset pages, and the query keys
 * that creating or completing one refreshes.
 */
import type { ApiRecord } from '../../api/types.js'

export const ACTIVITIES = 'activities'
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'task'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]
export const ACTIVITY_FIELDS = ['type', 'subject', 'dueAt', 'status']

/** Every cached list of activities (the record pages under ['records', 'activities', …]). */
export const ACTIVITIES_KEY = ['records', ACTIVITIES] as const

/** At most this many activities load into one view; a busier range says it is cut short. */
export const MAX_VIEW_ACTIVITIES = 2000
export const PAGE_SIZE = 500

export interface Activity {
  id: string
  version: number
  type: string
  subject: string
  dueAt: Date
  status: string | null
}

/** The record's calendar shape; records without a due time have no place in a calendar. */
export function toActivity(record: ApiRecord): Activity | null {
  const due = typeof record.dueAt === 'string' ? new Date(record.dueAt) : null
  if (!due || Number.isNaN(due.getTime())) return null
  return {
    id: record.id, version: record.version, dueAt: due,
    type: typeof record.type === 'string' ? record.type : 'task',
    subject: typeof record.subject === 'string' ? record.subject : '',
    status: typeof record.status === 'string' ? record.status : null,
  }
}

export const isActivityType = (value: string): value is ActivityType => (ACTIVITY_TYPES as readonly string[]).includes(value)
