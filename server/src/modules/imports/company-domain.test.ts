import { test } from 'node:test'
import assert from 'node:assert/strict'
import { domainSpellings, emailCompanyDomain, normaliseDomain } from './company-domain.js'

test('domains lose scheme, www., port, path and case; IDNs become punycode; non-hosts are null', () => {
  assert.equal(normaliseDomain('https://www.Acme.LT/about?x=1#top'), 'acme.lt')
  assert.equal(normaliseDomain('HTTP://acme.lt:8080'), 'acme.lt')
  assert.equal(normaliseDomain('acme.lt.'), 'acme.lt')
  assert.equal(normaliseDomain('www.ąžuolas.lt'), 'xn--uolas-2wa16f.lt')
  assert.equal(normaliseDomain('пример.рф'), 'xn--e1afmkfd.xn--p1ai')
  assert.equal(normaliseDomain('info@Acme.lt'), 'acme.lt')
  for (const bad of ['', 'localhost', 'not a domain', '192.168.0.1', 'a..b']) assert.equal(normaliseDomain(bad), null, bad)
})

test('an e-mail suggests its domain unless it is free mail', () => {
  assert.equal(emailCompanyDomain('Ona@Acme.lt'), 'acme.lt')
  for (const free of ['x@gmail.com', 'x@Yandex.ru', 'x@mail.ru', 'x@outlook.com', 'x@hotmail.com', 'x@yahoo.com', 'x@icloud.com', 'x@inbox.lt']) assert.equal(emailCompanyDomain(free), null, free)
  assert.equal(emailCompanyDomain('no address'), null)
})

test('stored spellings cover the usual ways people type a website, in ASCII and Unicode', () => {
  const spellings = domainSpellings('xn--uolas-2wa16f.lt')
  for (const s of ['xn--uolas-2wa16f.lt', 'ąžuolas.lt', 'https://www.ąžuolas.lt/', 'http://xn--uolas-2wa16f.lt']) assert.ok(spellings.includes(s), s)
})
