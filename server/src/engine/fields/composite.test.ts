import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatMoney, parseMoney } from './composite.js'
import { InvalidValue } from './field-type.js'

test('money is exact: decimal strings and numbers become micro-units and back', () => {
  assert.equal(parseMoney('0.1') + parseMoney('0.2'), parseMoney('0.3'))
  assert.equal(formatMoney(parseMoney('1234.5')), '1234.50')
  assert.equal(formatMoney(parseMoney('-0.125')), '-0.125')
  assert.equal(formatMoney(parseMoney(19.99)), '19.99')
  assert.equal(formatMoney(parseMoney('9999999999999.999999')), '9999999999999.999999')
})

test('money refuses exponents, too many digits and junk', () => {
  for (const bad of ['1e3', '12345678901234', '1.1234567', 'abc', '', ' ', '1,5', null, {}, Number.NaN, 1e21]) {
    assert.throws(() => parseMoney(bad), InvalidValue, String(bad))
  }
})
