/**
 * Calendar buckets for analytics (day, week, month, quarter, year) in an IANA time zone.
 * PostgreSQL computes them with `date_trunc(… at time zone …)`; SQLite has no time-zone data,
 * so the SQLite connection registers `rp_bucket` backed by this function (ICU via Intl).
 * A bucket is named by the ISO date of its first day; weeks start on Monday (ISO 8601).
 */
export const BUCKET_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const
export type BucketUnit = (typeof BUCKET_UNITS)[number]

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/
/** Local dates are cached per zone and UTC minute: offsets never change inside a minute. */
const MAX_CACHED = 50_000
const localDays = new Map<string, string>()
const formats = new Map<string, Intl.DateTimeFormat>()

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' })
    formats.set(timeZone, format)
  }
  return format
}

/** A UTC ISO instant as stored (`toISOString`); days 01–28 are valid in every month. */
const UTC_INSTANT = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8]))T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?Z$/

/** `YYYY-MM-DD` of an instant as a wall calendar in `timeZone` shows it. */
function localDay(instant: string, timeZone: string): string | null {
  // In UTC a stored instant's day is its own date part: no ICU call (1M distinct minutes miss the cache).
  if (timeZone === 'UTC') {
    const utc = UTC_INSTANT.exec(instant)
    if (utc) return utc[1]
  }
  const key = `${timeZone}|${instant.slice(0, 16)}`
  const cached = localDays.get(key)
  if (cached) return cached
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return null
  const parts = Object.fromEntries(formatOf(timeZone).formatToParts(date).map((p) => [p.type, p.value]))
  const day = `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`
  if (localDays.size >= MAX_CACHED) localDays.clear()
  localDays.set(key, day)
  return day
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * The first day of the bucket holding `value`: a `YYYY-MM-DD` date (taken as is) or an ISO
 * instant (read in `timeZone`). Null for null or unreadable input.
 * @example bucketStart('2026-03-31T22:30:00.000Z', 'month', 'Europe/Vilnius') // '2026-04-01'
 */
export function bucketStart(value: unknown, unit: BucketUnit, timeZone: string | null): string | null {
  if (typeof value !== 'string') return null
  const day = timeZone && value.length > 10 ? localDay(value, timeZone) : value
  const match = day ? DATE_PREFIX.exec(day) : null
  if (!match) return null
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])]
  switch (unit) {
    case 'day': return `${pad(year, 4)}-${pad(month)}-${pad(date)}`
    case 'week': {
      const utc = new Date(Date.UTC(year, month - 1, date))
      utc.setUTCFullYear(year) // years below 100 would otherwise map to 19xx
      utc.setUTCDate(utc.getUTCDate() - ((utc.getUTCDay() + 6) % 7))
      return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`
    }
    case 'month': return `${pad(year, 4)}-${pad(month)}-01`
    case 'quarter': return `${pad(year, 4)}-${pad(Math.floor((month - 1) / 3) * 3 + 1)}-01`
    case 'year': return `${pad(year, 4)}-01-01`
  }
}

/** The canonical name of an IANA time zone, or null when ICU does not know it. */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return null
  }
}
