/**
 * Calendar tables for the demo dataset, precomputed once around a fixed reference
 * day so that generators never format dates (or read the wall clock) per item.
 */

/** All dates are relative to this day (UTC), never to the wall clock. */
export const DEMO_REFERENCE_DATE = '2026-11-01'

const REF_MS = Date.UTC(2026, 10, 1)
const DAY_MS = 86_400_000
export const DAY_MIN = -1100
const DAY_MAX = 400
const DAY_COUNT = DAY_MAX - DAY_MIN + 1
export const DAY_STR: string[] = new Array<string>(DAY_COUNT)
export const DAY_MONTH = new Uint8Array(DAY_COUNT)
export const DAY_WEEKDAY = new Uint8Array(DAY_COUNT)
export const DAY_YEAR = new Uint16Array(DAY_COUNT)
for (let k = 0; k < DAY_COUNT; k++) {
  const d = new Date(REF_MS + (k + DAY_MIN) * DAY_MS)
  DAY_STR[k] = d.toISOString().slice(0, 10)
  DAY_MONTH[k] = d.getUTCMonth()
  DAY_WEEKDAY[k] = d.getUTCDay()
  DAY_YEAR[k] = d.getUTCFullYear()
}
export const YEAR_STR: string[] = []
for (let y = 2020; y <= 2030; y++) YEAR_STR[y] = String(y)
/** Business-hour slots (UTC), 07:00–17:45 every 15 minutes. */
export const TIME_SLOTS: string[] = []
for (let m = 7 * 60; m < 18 * 60; m += 15) {
  TIME_SLOTS.push(`T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00.000Z`)
}
/** YYYY-MM-DD for a day offset relative to the reference date. */
export function dayStr(offset: number): string { return DAY_STR[offset - DAY_MIN] }
/** Last 3 years of orders: offsets ORDER_FIRST_DAY..0 inclusive. */
export const ORDER_DAYS = 1096
export const ORDER_FIRST_DAY = -(ORDER_DAYS - 1)
