/**
 * Solar Hijri (Jalaali) ↔ Gregorian calendar arithmetic, the algorithm of jalaali-js
 * (Behrooz Hashemi / jalaali-js, MIT; after Kazimierz Borkowski's "The Persian calendar for
 * 3000 years"). Pure and dependency-free so both the web app (Persian date input) and the
 * tests can import it; test/jalaali.test.ts checks it day by day against Intl's
 * `ca-persian`. Months are 1-based throughout. Valid for Jalaali years -61 … 3177.
 */

/** Jalaali years starting the 33-year leap cycles ("breaks"). */
const BREAKS = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178]

export interface YMD { year: number; month: number; day: number }

const div = (a: number, b: number) => Math.trunc(a / b)
const mod = (a: number, b: number) => a - Math.trunc(a / b) * b

/** Where Jalaali year `jy` sits in its leap cycle: `leap` 0 if leap, `gy` the Gregorian year it starts in, `march` the day in March of Farvardin 1. */
function jalCal(jy: number): { leap: number; gy: number; march: number } {
  const gy = jy + 621
  let leapJ = -14
  let jp = BREAKS[0]
  if (jy < jp || jy >= BREAKS[BREAKS.length - 1]) throw new RangeError(`Jalaali year ${jy} is out of range`)
  let jump = 0
  for (let i = 1; i < BREAKS.length; i += 1) {
    const jm = BREAKS[i]
    jump = jm - jp
    if (jy < jm) break
    leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4)
    jp = jm
  }
  let n = jy - jp
  leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4)
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150
  const march = 20 + leapJ - leapG
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33
  let leap = mod(mod(n + 1, 33) - 1, 4)
  if (leap === -1) leap = 4
  return { leap, gy, march }
}

/** Julian Day Number of a Gregorian date (valid for every date after -4713). */
function g2d(gy: number, gm: number, gd: number): number {
  const d = div((gy + div(gm - 8, 6) + 100100) * 1461, 4) + div(153 * mod(gm + 9, 12) + 2, 5) + gd - 34840408
  return d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752
}

function d2g(jdn: number): YMD {
  let j = 4 * jdn + 139361631
  j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908
  const i = div(mod(j, 1461), 4) * 5 + 308
  const day = div(mod(i, 153), 5) + 1
  const month = mod(div(i, 153), 12) + 1
  const year = div(j, 1461) - 100100 + div(8 - month, 6)
  return { year, month, day }
}

function j2d(jy: number, jm: number, jd: number): number {
  const r = jalCal(jy)
  return g2d(r.gy, 3, r.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1
}

function d2j(jdn: number): YMD {
  const gy = d2g(jdn).year
  let jy = gy - 621
  const r = jalCal(jy)
  let k = jdn - g2d(gy, 3, r.march)
  if (k >= 0) {
    if (k <= 185) return { year: jy, month: 1 + div(k, 31), day: mod(k, 31) + 1 }
    k -= 186
  } else {
    jy -= 1
    k += 179
    if (r.leap === 1) k += 1
  }
  return { year: jy, month: 7 + div(k, 30), day: mod(k, 30) + 1 }
}

export function toJalaali(gy: number, gm: number, gd: number): YMD {
  return d2j(g2d(gy, gm, gd))
}

export function toGregorian(jy: number, jm: number, jd: number): YMD {
  return d2g(j2d(jy, jm, jd))
}

export const isLeapJalaaliYear = (jy: number) => jalCal(jy).leap === 0

export function jalaaliMonthLength(jy: number, jm: number): number {
  if (jm <= 6) return 31
  if (jm <= 11) return 30
  return isLeapJalaaliYear(jy) ? 30 : 29
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `YYYY-MM-DD` (the API's calendar day) → its Jalaali date, or null when it is not one. */
export function isoToJalaali(iso: string): YMD | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  return toJalaali(year, month, day)
}

/** A Jalaali date → `YYYY-MM-DD`. */
export function jalaaliToIso(jy: number, jm: number, jd: number): string {
  const g = toGregorian(jy, jm, jd)
  return `${pad(g.year, 4)}-${pad(g.month)}-${pad(g.day)}`
}
