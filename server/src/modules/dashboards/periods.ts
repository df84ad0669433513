/**
 * Calendar periods for KPI comparisons and drill-down ranges: local dates (`YYYY-MM-DD`) in a
 * time zone, and the UTC instants where those local days begin (for dateTime fields).
 * Weeks start on Monday, as the aggregate's buckets do.
 */
import type { Bucket } from '../../../../contracts/analytics.js'
import { bucketStart } from '../../db/dialects/date-bucket.js'

const DAY_MS = 86_400_000

function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}
const formatDay = (date: Date) => date.toISOString().slice(0, 10)

/** `day` moved by `count` units (negative: back). Month steps land on the 1st, as bucket starts do. */
export function addUnits(day: string, unit: Bucket, count: number): string {
  const date = parseDay(day)
  if (unit === 'day') return formatDay(new Date(date.getTime() + count * DAY_MS))
  if (unit === 'week') return formatDay(new Date(date.getTime() + 7 * count * DAY_MS))
  const months = unit === 'month' ? count : unit === 'quarter' ? 3 * count : 12 * count
  return formatDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate())))
}

/** Today's date as a wall calendar in `timeZone` shows it. */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]))
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  return local - Math.floor(instant / 1000) * 1000
}

/** The UTC instant (ISO) at which local day `day` begins in `timeZone`. */
export function startOfDayInstant(day: string, timeZone: string): string {
  const guess = parseDay(day).getTime()
  let instant = guess - offsetAt(guess, timeZone)
  // Across a DST change the first guess's offset can be an hour off; one more step settles it.
  instant = guess - offsetAt(instant, timeZone)
  return new Date(instant).toISOString()
}

export interface Period { from: string; to: string; previousFrom: string; previousTo: string }

/** The whole `unit` holding `asOf`, and the whole one before it (ends exclusive). */
export function periodAround(asOf: string, unit: Bucket): Period {
  const from = bucketStart(asOf, unit, null)!
  return { from, to: addUnits(from, unit, 1), previousFrom: addUnits(from, unit, -1), previousTo: from }
}

/**
 * Filter conditions for `from ≤ field < to`: dates compare as dates, dateTime fields against
 * the instants where those local days begin in `timeZone`.
 */
export function rangeFilter(field: string, isInstant: boolean, from: string, to: string, timeZone: string): unknown {
  const bound = (day: string) => (isInstant ? startOfDayInstant(day, timeZone) : day)
  return { and: [{ field, op: 'gte', value: bound(from) }, { field, op: 'lt', value: bound(to) }] }
}
