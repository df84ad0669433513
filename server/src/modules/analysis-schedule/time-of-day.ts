/**
 * "Daily at HH:MM in a time zone" as instants. Offsets come from Intl, so daylight-saving
 * changes are followed: a time skipped by a spring-forward runs at the first instant after
 * the gap; a time repeated in autumn runs once (the first occurrence).
 */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

export const isTimeOfDay = (value: string): boolean => TIME.test(value)

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The local wall-clock fields of an instant in a zone. */
function wallClock(instant: number, zone: string): { y: number; m: number; d: number; h: number; min: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  }).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') }
}

/** Offset of the zone at an instant, in ms (local − UTC), to the minute. */
function offsetAt(instant: number, zone: string): number {
  const w = wallClock(instant, zone)
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - Math.floor(instant / 60_000) * 60_000
}

/** The instant a local date and time happen in the zone (two passes settle DST edges). */
function instantOf(y: number, m: number, d: number, h: number, min: number, zone: string): number {
  const local = Date.UTC(y, m - 1, d, h, min)
  let guess = local - offsetAt(local, zone)
  guess = local - offsetAt(guess, zone)
  return guess
}

/** The first instant strictly after `after` at which the zone's clock shows `time` (HH:MM). */
export function nextRunAt(after: Date, time: string, zone: string): Date {
  const [, hh, mm] = TIME.exec(time)!
  const today = wallClock(after.getTime(), zone)
  for (let day = 0; day < 3; day++) {
    const date = new Date(Date.UTC(today.y, today.m - 1, today.d + day))
    const at = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Number(hh), Number(mm), zone)
    if (at > after.getTime()) return new Date(at)
  }
  throw new Error('unreachable: a day always has the time')
}

/** The zone's calendar date of an instant, YYYY-MM-DD. */
export function localDate(instant: Date, zone: string): string {
  const w = wallClock(instant.getTime(), zone)
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`
}
