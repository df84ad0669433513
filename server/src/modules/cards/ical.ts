/**
 * iCalendar (RFC 5545) for activities: a task is a VTODO (DUE, STATUS), anything else with a
 * time is a VEVENT (DTSTART, DURATION). Times are UTC (`…Z`), text is escaped and lines folded
 * at 75 octets; the UID is the record id, so a calendar app updates an event instead of adding
 * a copy when the feed is read again, and SEQUENCE follows the record's version.
 */
import { escapeText, foldLine } from './content-lines.js'

export interface CalendarItem {
  id: string
  type?: string | null
  subject?: string | null
  body?: string | null
  dueAt?: string | null
  status?: string | null
  updatedAt: string
  version: number
}

/** Length of an event: activities have a time, not an end. */
const EVENT_DURATION = 'PT30M'
const PRODUCT_ID = '-//Rapport//Rapport CRM//EN'

const utc = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`

const TODO_STATUS: Record<string, string> = { open: 'NEEDS-ACTION', done: 'COMPLETED', cancelled: 'CANCELLED' }
const EVENT_STATUS: Record<string, string> = { open: 'CONFIRMED', done: 'CONFIRMED', cancelled: 'CANCELLED' }

/** One VEVENT or VTODO, or '' for an activity that cannot be an event (no time). */
export function formatComponent(item: CalendarItem, uidDomain: string): string {
  const isTodo = item.type === 'task'
  if (!isTodo && !item.dueAt) return ''
  const kind = isTodo ? 'VTODO' : 'VEVENT'
  const lines = [`BEGIN:${kind}`, `UID:${item.id}@${uidDomain}`, `DTSTAMP:${utc(item.updatedAt)}`, `LAST-MODIFIED:${utc(item.updatedAt)}`, `SEQUENCE:${item.version}`]
  if (item.dueAt) lines.push(isTodo ? `DUE:${utc(item.dueAt)}` : `DTSTART:${utc(item.dueAt)}`)
  if (!isTodo) lines.push(`DURATION:${EVENT_DURATION}`)
  lines.push(`SUMMARY:${escapeText(item.subject ?? '')}`)
  if (item.body) lines.push(`DESCRIPTION:${escapeText(item.body)}`)
  if (item.type) lines.push(`CATEGORIES:${escapeText(item.type.toUpperCase())}`)
  const status = item.status ? (isTodo ? TODO_STATUS : EVENT_STATUS)[item.status] : undefined
  if (status) lines.push(`STATUS:${status}`)
  lines.push(`END:${kind}`)
  return lines.map(foldLine).join('')
}

export const calendarHeader = (name: string) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODUCT_ID}`, 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(name)}`].map(foldLine).join('')

export const CALENDAR_FOOTER = foldLine('END:VCALENDAR')
