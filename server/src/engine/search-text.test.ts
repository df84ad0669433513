import { test } from 'node:test'
import assert from 'node:assert/strict'
import { normalizeSearchText, searchTerms } from './search-text.js'

test('folds case and diacritics in Latin and Cyrillic scripts', () => {
  assert.equal(normalizeSearchText('Žydrūnė KAZLAUSKIENĖ'), 'zydrune kazlauskiene')
  assert.equal(normalizeSearchText('Ёлкин Йошкар'), 'елкин иошкар')
  assert.equal(normalizeSearchText('José Núñez-García'), 'jose nunez garcia')
})

test('folds Arabic-script variants to Persian letters and Eastern digits to ASCII', () => {
  assert.equal(normalizeSearchText('علي كريمي'), normalizeSearchText('علی کریمی'))
  assert.equal(normalizeSearchText('۰۹۱۲ ٣٤٥'), '0912 345')
  assert.equal(normalizeSearchText('مُحَمَّد'), 'محمد', 'harakat are removed')
})

test('query terms are letters and digits only, so they cannot inject index syntax', () => {
  assert.deepEqual(searchTerms('"jo" OR * NEAR(x) -y'), ['jo', 'or', 'near', 'x', 'y'])
  assert.deepEqual(searchTerms("'); drop table x; --"), ['drop', 'table', 'x'])
  for (const term of searchTerms('a:b c^d e"f g*h (i) {j} k\\l')) assert.match(term, /^[\p{L}\p{N}]+$/u)
  assert.equal(searchTerms('1 2 3 4 5 6 7 8 9').length, 6)
})
