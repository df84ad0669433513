/**
 * The telephony intake asks the ACD for a decision and answers it in the webhook response, on
 * both dialects: a `queued` event on the sales number is assigned to the available agent with
 * the skill; `answered` and `ended` move the agent on; a duplicate asks nothing twice; a number
 * no rule routes is still stored, with the router's refusal beside it.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const CC = '/api/v1/contact-center'
const SALES_NUMBER = '+37052000000'

for (const dialect of DIALECTS) {
  describe(`telephony → ACD routing [${dialect.name}]`, () => {
    let env: TestEnv
    let agent: { userId: string; auth: { authorization: string } }
    let sales: string
    let line: { id: string; token: string }
    const at = (second: number) => new Date(Date.UTC(2026, 10, 30, 10, 0, second)).toISOString()
    const intake = async (body: Record<string, unknown>) => {
      const response = await env.app.inject({ method: 'POST', url: '/api/v1/telephony/events', payload: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${line.token}` } })
      return { status: response.statusCode, json: JSON.parse(response.body) }
    }

    before(async () => {
      env = await startEnv(dialect)
      agent = await env.addMember('Member', 'agent')
      assert.equal((await call(env, 'POST', `${CC}/skills`, { key: 'en', name: 'English' })).status, 201)
      sales = (await call(env, 'POST', `${CC}/queues`, { name: 'Sales', requirements: [{ skill: 'en', minLevel: 1 }] })).json.data.id
      assert.equal((await call(env, 'PUT', `${CC}/agents/${agent.userId}`, { skills: { en: 5 } })).status, 200)
      assert.equal((await call(env, 'PUT', `${CC}/agents/me/state`, { state: 'available' }, agent.auth)).status, 200)
      assert.equal((await call(env, 'POST', `${CC}/routing-rules`, { name: 'Sales line', match: { dialledNumber: SALES_NUMBER }, queueId: sales })).status, 201)
      line = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Main', provider: 'generic' })).json.data
    })
    after(() => env.close())

    test('a queued call on the sales number is assigned to the agent with the skill, in the response', async () => {
      const queued = await intake({ callId: 'c1', event: 'queued', sequence: 1, timestamp: at(0), from: '+37061234567', to: SALES_NUMBER })
      assert.equal(queued.status, 200, JSON.stringify(queued.json))
      assert.deepEqual(queued.json.data.routing.decisions.map((d: any) => [d.type, d.callId, d.agentId, d.queueId]), [['assign', `${line.id}:c1`, agent.userId, sales]])
      const again = await intake({ callId: 'c1', event: 'queued', sequence: 1, timestamp: at(0), from: '+37061234567', to: SALES_NUMBER })
      assert.equal(again.json.data.duplicate, true)
      assert.equal(again.json.data.routing, undefined, 'a redelivered event is not routed twice')
      const onCall = (await call(env, 'GET', `${CC}/agents`)).json.data.find((a: any) => a.userId === agent.userId)
      assert.deepEqual([onCall.state, onCall.callId], ['onCall', `${line.id}:c1`])
    })

    test('answered and ended reach the router; the agent leaves the call', async () => {
      const answered = await intake({ callId: 'c1', event: 'answered', sequence: 2, timestamp: at(5), agentId: agent.userId })
      assert.deepEqual(answered.json.data.routing, { decisions: [] })
      const ended = await intake({ callId: 'c1', event: 'ended', sequence: 3, timestamp: at(65), reason: 'completed' })
      assert.ok(Array.isArray(ended.json.data.routing.decisions), JSON.stringify(ended.json.data))
      const after = (await call(env, 'GET', `${CC}/agents`)).json.data.find((a: any) => a.userId === agent.userId)
      assert.notEqual(after.state, 'onCall')
      assert.equal(after.callId, null)
    })

    test('a number no rule routes is stored anyway, with the router\'s refusal beside it', async () => {
      const queued = await intake({ callId: 'c2', event: 'queued', sequence: 1, timestamp: at(70), from: '+37061234568', to: '+37052999999' })
      assert.equal(queued.status, 200)
      assert.equal(typeof queued.json.data.routing.error, 'string')
      assert.equal(queued.json.data.call.status, 'queued')
      const ringing = await intake({ callId: 'c3', event: 'ringing', sequence: 1, timestamp: at(80), from: '+37061234569', to: SALES_NUMBER })
      assert.equal(ringing.json.data.routing, undefined, 'ringing does not concern the router')
    })
  })
}
