/**
 * vCard 4.0 over HTTP on every dialect: one person and a list as .vcf (parsed back), hidden
 * fields and record scope as in any read, and .vcf import into people — folding, escaping,
 * several EMAIL/TEL, N/FN, ORG to a company by name — with bad cards reported, not fatal.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseVCards } from '../server/src/modules/cards/vcard.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

async function postVcf(env: TestEnv, body: Buffer | string, auth = env.auth) {
  const response = await env.app.inject({ method: 'POST', url: '/api/v1/records/people/vcards', headers: { ...auth, 'content-type': 'text/vcard' }, payload: body })
  return { status: response.statusCode, json: JSON.parse(response.body || 'null') }
}

const VCF = [
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:Žydrūnė Kazlauskienė', 'N:Kazlauskienė;Žydrūnė;;;', 'ORG:Acme UAB;Sales',
  'EMAIL;TYPE=home:zydrune.home@vcf.example', 'EMAIL;PREF=1:zydrune@vcf.example', 'TEL;VALUE=uri;PREF=1:tel:+37061234567', 'TEL;TYPE=cell:+370 699 99999',
  'NOTE:a very long note that is folded over several lines because vCard lines are at most 75 oct',
  ' ets long', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:3.0', 'FN:Иван Петров', 'N:Петров\\, мл.;Иван;;;', 'ORG:Naujoji\\; UAB', 'EMAIL:ivan@vcf.example', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:2.1', 'N;ENCODING=QUOTED-PRINTABLE:=D0=98', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:Bad Mail', 'EMAIL:not-an-email', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:ژینا امینی', 'EMAIL:zhina@vcf.example',
].join('\r\n')

for (const dialect of DIALECTS) {
  describe(`vCards [${dialect.name}]`, () => {
    let env: TestEnv
    let acme: any
    before(async () => {
      env = await startEnv(dialect)
      acme = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Acme UAB' })).json.data
    })
    after(async () => { await env.close() })

    test('import: cards become people, ORG finds or creates the company, bad cards are reported', async () => {
      const response = await postVcf(env, VCF)
      assert.equal(response.status, 200, JSON.stringify(response.json))
      const { created, failed } = response.json.data
      assert.deepEqual(created.map((c: any) => c.card), [1, 2])
      assert.deepEqual(failed.map((f: any) => f.card), [3, 4, 5])
      assert.match(failed[0].reason, /QUOTED-PRINTABLE|version/)
      assert.match(failed[1].reason, /^email: /)
      assert.match(failed[2].reason, /END:VCARD/)
      const zydrune = (await call(env, 'GET', `/api/v1/records/people/${created[0].id}`)).json.data
      assert.deepEqual([zydrune.firstName, zydrune.lastName, zydrune.email, zydrune.additionalEmails, zydrune.phone, zydrune.additionalPhones, zydrune.company],
        ['Žydrūnė', 'Kazlauskienė', 'zydrune@vcf.example', ['zydrune.home@vcf.example'], '+37061234567', ['+37069999999'], acme.id])
      const ivan = (await call(env, 'GET', `/api/v1/records/people/${created[1].id}`)).json.data
      assert.deepEqual([ivan.firstName, ivan.lastName], ['Иван', 'Петров, мл.'])
      const company = (await call(env, 'GET', `/api/v1/records/companies/${ivan.company}`)).json.data
      assert.equal(company.name, 'Naujoji; UAB')
      assert.equal((await postVcf(env, Buffer.from([0xc8, 0xe2, 0xe0, 0xed]))).status, 400, 'not UTF-8')
      assert.equal((await postVcf(env, 'hello')).status, 400, 'no card')
    })

    test('export: one card and a filtered list, parsed back; hidden fields and scope apply', async () => {
      const people = (await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'email', op: 'contains', value: 'vcf.example' }, sort: [{ field: 'lastName', dir: 'asc' }] })).json.data
      const one = await env.app.inject({ method: 'GET', url: `/api/v1/records/people/${people[0].id}/vcard`, headers: env.auth })
      assert.equal(one.statusCode, 200)
      assert.match(String(one.headers['content-type']), /^text\/vcard/)
      const [card] = parseVCards(one.body)
      assert.ok('card' in card)
      assert.equal(card.card.lastName, people[0].lastName)
      assert.ok(one.body.includes(`UID:urn:uuid:${people[0].id}`))
      const filter = encodeURIComponent(JSON.stringify({ field: 'email', op: 'contains', value: 'vcf.example' }))
      const list = await env.app.inject({ method: 'GET', url: `/api/v1/records/people/export?format=vcf&filter=${filter}`, headers: env.auth })
      assert.equal(list.statusCode, 200, list.body)
      const cards = parseVCards(list.body)
      assert.equal(cards.length, 2)
      const zydrune = cards.map((c) => ('card' in c ? c.card : null)).find((c) => c?.firstName === 'Žydrūnė')!
      assert.equal(zydrune.company, 'Acme UAB')
      assert.deepEqual([zydrune.email, zydrune.additionalEmails, zydrune.phone], ['zydrune@vcf.example', ['zydrune.home@vcf.example'], '+37061234567'])
      assert.equal((await env.app.inject({ method: 'GET', url: '/api/v1/records/companies/export?format=vcf', headers: env.auth })).statusCode, 400)

      const role = await call(env, 'POST', '/api/v1/access/roles', { name: 'Cards', permissions: { defaultObject: { read: true }, objects: { people: { read: true, export: true } }, fields: { people: { email: 'hidden' } } } })
      const member = await env.addMember(role.json.data.id, 'cards')
      const limited = await env.app.inject({ method: 'GET', url: `/api/v1/records/people/${people[0].id}/vcard`, headers: member.auth })
      assert.equal(limited.statusCode, 200)
      assert.equal(people[0].email, 'zydrune@vcf.example')
      assert.equal(limited.body.includes('zydrune@vcf.example'), false, 'a hidden email is not on the card')
      assert.ok(limited.body.includes('EMAIL:zydrune.home@vcf.example'), 'the visible additional email is')
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'private' })).status, 204)
      try {
        assert.equal((await env.app.inject({ method: 'GET', url: `/api/v1/records/people/${people[0].id}/vcard`, headers: member.auth })).statusCode, 404)
        const mine = await env.app.inject({ method: 'GET', url: '/api/v1/records/people/export?format=vcf', headers: member.auth })
        assert.equal(mine.statusCode, 200)
        assert.equal(parseVCards(mine.body).length, 0, 'no one else\'s records')
      } finally {
        await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'readWrite' })
      }
      assert.equal((await postVcf(env, VCF, member.auth)).status, 403, 'no import permission')
    })
  })
}
