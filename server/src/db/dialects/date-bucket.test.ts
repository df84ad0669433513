import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bucketStart, canonicalTimeZone } from './date-bucket.js'

test('instants bucket by the wall calendar of the time zone', () => {
  assert.equal(bucketStart('2026-03-31T22:30:00.000Z', 'month', 'Europe/Vilnius'), '2026-04-01')
  assert.equal(bucketStart('2026-03-31T22:30:00.000Z', 'month', 'UTC'), '2026-03-01')
  assert.equal(bucketStart('2026-01-01T02:00:00.000Z', 'year', 'America/New_York'), '2025-01-01')
  assert.equal(bucketStart('2026-06-30T21:00:00.000Z', 'quarter', 'Asia/Tehran'), '2026-07-01')
})

test('weeks start on Monday; dates are taken as calendar days', () => {
  assert.equal(bucketStart('2026-11-29', 'week', 'Asia/Tokyo'), '2026-11-23')
  assert.equal(bucketStart('2026-11-30', 'week', null), '2026-11-30')
  assert.equal(bucketStart('2026-01-01', 'week', null), '2025-12-29')
  assert.equal(bucketStart('2026-05-17', 'day', null), '2026-05-17')
  assert.equal(bucketStart(null, 'day', null), null)
})

test('time zones are checked and canonicalised', () => {
  assert.equal(canonicalTimeZone('europe/vilnius'), 'Europe/Vilnius')
  assert.equal(canonicalTimeZone('Mars/Olympus'), null)
  assert.equal(canonicalTimeZone("UTC'; drop table x"), null)
})
