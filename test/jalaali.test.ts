/**
 * The Solar Hijri conversion behind the Persian date input (contracts/jalaali.ts): every day
 * from 1990-01-01 to 2040-12-31 converts to the same Persian date Intl's `ca-persian` shows,
 * and back to the same ISO day.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isoToJalaali, jalaaliMonthLength, jalaaliToIso, toGregorian, toJalaali } from '../contracts/jalaali.js'

const intl = new Intl.DateTimeFormat('en-u-ca-persian', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' })

function intlJalaali(date: Date): [number, number, number] {
  const parts = Object.fromEntries(intl.formatToParts(date).map((part) => [part.type, part.value]))
  return [Number.parseInt(parts.year, 10), Number(parts.month), Number(parts.day)]
}

test('every day 1990-01-01 … 2040-12-31 agrees with Intl and round-trips', () => {
  const end = Date.UTC(2040, 11, 31)
  let days = 0
  for (let time = Date.UTC(1990, 0, 1); time <= end; time += 86_400_000) {
    const date = new Date(time)
    const iso = date.toISOString().slice(0, 10)
    const j = toJalaali(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
    assert.deepEqual([j.year, j.month, j.day], intlJalaali(date), iso)
    assert.ok(j.day <= jalaaliMonthLength(j.year, j.month), `${iso}: day within its month`)
    assert.equal(jalaaliToIso(j.year, j.month, j.day), iso)
    days += 1
  }
  assert.equal(days, 18_628)
})

test('known dates, leap years and invalid input', () => {
  assert.deepEqual(isoToJalaali('2026-03-21'), { year: 1405, month: 1, day: 1 })
  assert.equal(jalaaliToIso(1405, 1, 1), '2026-03-21')
  assert.deepEqual(toGregorian(1403, 12, 30), { year: 2025, month: 3, day: 20 })
  assert.equal(jalaaliMonthLength(1403, 12), 30)
  assert.equal(jalaaliMonthLength(1404, 12), 29)
  assert.equal(isoToJalaali('2026-02-30'), null)
  assert.equal(isoToJalaali('not a date'), null)
})
