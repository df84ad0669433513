/**
 * The screen-pop card on both dialects: E.164 matches on people (phone and additional phones)
 * and companies, several matches listed, value class, open opportunities (won/lost stages
 * excluded, unstaged ones included) and open activities; an unknown number offers a prefilled
 * person; the card is read with the agent's own access (a role that cannot read people sees no
 * people and is not offered to create one); unknown calls answer 404.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`telephony screen pop card (${dialect.name})`, () => {
    let env: TestEnv
    let token: string
    let lineId: string
    let ona: string
    let jonas: string
    let company: string
    const ring = async (callId: string, from: string) => {
      const res = await env.app.inject({
        method: 'POST', url: '/api/v1/telephony/events', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: JSON.stringify({ callId, event: 'ringing', sequence: 1, timestamp: new Date().toISOString(), from, direction: 'inbound' }),
      })
      assert.equal(res.statusCode, 200, res.body)
    }
    const card = (callId: string, auth = env.auth) => call(env, 'GET', `/api/v1/telephony/calls/${lineId}/${encodeURIComponent(callId)}/card`, undefined, auth)

    before(async () => {
      env = await startEnv(dialect)
      const line = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Main', provider: 'generic' })).json.data
      token = line.token
      lineId = line.id
      await call(env, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'valueClass', label: 'Value class', type: 'select', options: { choices: [{ value: 'A', label: 'A' }, { value: 'B', label: 'B' }] } })
      company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Duona UAB', phone: '+37052111111' })).json.data.id
      ona = (await call(env, 'POST', '/api/v1/records/people', { firstName: 'Ona', lastName: 'Kalnienė', phone: '+37061234567', company, valueClass: 'A' })).json.data.id
      jonas = (await call(env, 'POST', '/api/v1/records/people', { firstName: 'Jonas', lastName: 'Kalnius', phone: '+37060000001', additionalPhones: ['+37061234567'] })).json.data.id
      const pipeline = (await call(env, 'POST', '/api/v1/records/pipelines', { name: 'P' })).json.data.id
      const won = (await call(env, 'POST', '/api/v1/records/pipelineStages', { name: 'Won', pipeline, outcome: 'won' })).json.data.id
      const open = (await call(env, 'POST', '/api/v1/records/pipelineStages', { name: 'Talk', pipeline, outcome: 'open' })).json.data.id
      for (const [name, stage] of [['Open deal', open], ['Unstaged deal', null], ['Won deal', won]] as const) {
        await call(env, 'POST', '/api/v1/records/opportunities', { name, contact: ona, company, stage, amount: { amount: '100.00', currency: 'EUR' } })
      }
      await call(env, 'POST', '/api/v1/records/activities', { type: 'task', subject: 'Send the quote', status: 'open', participants: [ona] })
      await call(env, 'POST', '/api/v1/records/activities', { type: 'task', subject: 'Old task', status: 'done', participants: [ona] })
    })
    after(() => env.close())

    test('several matches with company, value class and open items', async () => {
      await ring('known', '+37061234567')
      const res = await card('known')
      assert.equal(res.status, 200, res.body)
      const { card: c, call: state } = res.json.data
      assert.equal(state.status, 'ringing')
      assert.equal(c.number, '+37061234567')
      assert.deepEqual(c.matches.map((m: any) => m.id).sort(), [ona, jonas].sort())
      const first = c.matches.find((m: any) => m.id === ona)
      assert.equal(first.label, 'Ona Kalnienė')
      assert.deepEqual(first.company, { id: company, label: 'Duona UAB' })
      assert.deepEqual(first.valueClass, { field: 'valueClass', label: 'Value class', value: 'A' })
      assert.deepEqual(first.openOpportunities.map((o: any) => o.label).sort(), ['Open deal', 'Unstaged deal'])
      assert.equal(first.openOpportunities[0].detail, '100.00 EUR')
      assert.deepEqual(first.openActivities.map((a: any) => a.label), ['Send the quote'])
      assert.equal(c.createPrefill, null)
      await ring('company', '+37052111111')
      const byCompany = (await card('company')).json.data.card
      assert.deepEqual(byCompany.matches.map((m: any) => [m.object, m.id]), [['companies', company]])
      assert.deepEqual(byCompany.matches[0].openOpportunities.map((o: any) => o.label).sort(), ['Open deal', 'Unstaged deal'])
    })

    test('unknown number: no matches, a prefilled person; unknown call 404', async () => {
      await ring('stranger', '+37069876543')
      const c = (await card('stranger')).json.data.card
      assert.deepEqual(c.matches, [])
      assert.deepEqual(c.createPrefill, { object: 'people', values: { phone: '+37069876543' } })
      assert.equal((await card('no-such-call')).status, 404)
    })

    test('the card is read with the agent\'s access', async () => {
      const role = await call(env, 'POST', '/api/v1/access/roles', { name: 'No people', permissions: { defaultObject: { read: true }, objects: { people: { read: false } } } })
      assert.equal(role.status, 201, role.body)
      const agent = await env.addMember(role.json.data.id, 'nopeople')
      const res = await card('known', agent.auth)
      assert.equal(res.status, 200, res.body)
      assert.deepEqual(res.json.data.card.matches, [])
      assert.equal(res.json.data.card.createPrefill, null)
      const anon = await env.app.inject({ method: 'GET', url: `/api/v1/telephony/calls/${lineId}/known/card` })
      assert.equal(anon.statusCode, 401)
    })
  })
}
