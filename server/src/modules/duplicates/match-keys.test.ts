import { test } from 'node:test'
import assert from 'node:assert/strict'
import { clusterNames, domainKey, emailKey, foldedName, nameBlock, similarity } from './match-keys.js'

test('emails compare case-insensitively, domains without scheme, www and path', () => {
  assert.equal(emailKey(' Ona.Petraite@Example.LT '), 'ona.petraite@example.lt')
  assert.equal(domainKey('https://www.Example.com/about?x=1'), 'example.com')
  assert.equal(domainKey('info@acme.lt'), 'acme.lt')
  assert.equal(domainKey('localhost'), null)
})

test('names fold in all four scripts and ignore word order', () => {
  assert.equal(foldedName(['Žydrūnė', 'KAZLAUSKIENĖ']), foldedName(['kazlauskiene', 'zydrune']))
  assert.equal(foldedName(['Пётр', 'Ёлкин']), foldedName(['Петр', 'Елкин']))
  assert.equal(foldedName(['علي', 'كريمي']), foldedName(['علی', 'کریمی']))
  assert.equal(nameBlock('ivan petrov', 'c1'), 'c1|iv pe')
})

test('similarity is Jaro-Winkler: typos score high, different names low', () => {
  assert.equal(similarity('martha', 'martha'), 1)
  assert.ok(Math.abs(similarity('martha', 'marhta') - 0.961) < 0.001)
  assert.ok(similarity('john smith', 'jon smith') > 0.9)
  assert.ok(similarity('john smith', 'maria garcia') < 0.6)
})

test('clusters join similar names transitively and score the weakest link', () => {
  const groups = clusterNames([
    { id: 'a', name: 'john smith' }, { id: 'b', name: 'jon smith' }, { id: 'c', name: 'jonh smith' }, { id: 'd', name: 'jane smyth' },
  ], 0.9)
  assert.equal(groups.length, 1)
  assert.deepEqual(groups[0].ids.sort(), ['a', 'b', 'c'])
  assert.ok(groups[0].score >= 0.9 && groups[0].score < 1)
})
