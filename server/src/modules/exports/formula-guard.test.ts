import { test } from 'node:test'
import assert from 'node:assert/strict'
import { neutraliseFormula } from './formula-guard.js'

test('formula starts are neutralised, also after spaces, quotes and in full width; plain text is kept', () => {
  for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '  =1+1', ' \t @x', '"=1', "'=1", '＝1+1', '＋1', '－1', '＠A1', '\u3000=1']) {
    assert.equal(neutraliseFormula(value), `'${value}`, JSON.stringify(value))
  }
  for (const value of ['Anna', 'a=b', '5-3', 'mail@example.com', '1+1', '', 'Жанна', 'ژینا', 'Žemaitė']) {
    assert.equal(neutraliseFormula(value), value, JSON.stringify(value))
  }
})
