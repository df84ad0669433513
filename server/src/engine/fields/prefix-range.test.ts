import { test } from 'node:test'
import assert from 'node:assert/strict'
import { prefixRange } from './prefix-range.js'

const inRange = (s: string, prefix: string) => {
  const range = prefixRange(prefix)!
  return s >= range.low && s < range.high && range.firsts.some((c) => s.startsWith(c))
}

test('every string that starts with the prefix case-insensitively is inside the range', () => {
  const corpus = ['Kim', 'kim', '\u212aelvin', 'Žydrūnė', 'žuvis', 'Ёлкин', 'ёж', 'Иван', 'иван', 'محمد', 'İstanbul', 'istanbul', 'Ohm \u2126', '\u2126mega', 'ωmega']
  for (const prefix of ['k', 'K', 'ž', 'Ž', 'ё', 'И', 'م', 'i', 'ω']) {
    for (const s of corpus) {
      if (s.toLowerCase().startsWith(prefix.toLowerCase())) assert.ok(inRange(s, prefix), `${s} for ${prefix}`)
    }
  }
})

test('the range is narrow: other initials fall outside', () => {
  assert.equal(inRange('Lina', 'k'), false)
  assert.equal(inRange('anna', 'k'), false)
  assert.deepEqual(prefixRange('k')!.firsts, ['K', 'k', '\u212a'])
  assert.equal(prefixRange('ß'), null, 'ß upper-cases to two letters: no range, the folded match alone decides')
})
