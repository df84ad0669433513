/**
 * The ACD over HTTP on every dialect: configuration validation (unknown skills and overflow
 * loops refused with the field named, nothing written), permissions (only administrators
 * configure, only supervisors see the wallboard), a call routed by skill to the longest idle
 * agent, a value-based routing rule lifting a Champion's call ahead, wrap-up, abandonment,
 * callbacks, the wallboard, the decision log and interval reports.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const CC = '/api/v1/contact-center'

for (const dialect of DIALECTS) {
  describe(`contact center ACD [${dialect.name}]`, () => {
    let env: TestEnv
    let anna: { userId: string; auth: { authorization: string } }
    let boris: { userId: string; auth: { authorization: string } }
    let sales: string
    let support: string
    const queueCount = async () => (await call(env, 'GET', `${CC}/queues`)).json.data.length

    before(async () => {
      env = await startEnv(dialect)
      anna = await env.addMember('Member', 'anna')
      boris = await env.addMember('Member', 'boris')
    })
    after(() => env.close())

    test('configuration is validated: unknown skills and overflow loops are refused, nothing is written', async () => {
      for (const key of ['en', 'ru', 'billing']) assert.equal((await call(env, 'POST', `${CC}/skills`, { key, name: key.toUpperCase() })).status, 201)
      assert.equal((await call(env, 'POST', `${CC}/skills`, { key: 'en', name: 'again' })).status, 409)
      assert.equal((await call(env, 'POST', `${CC}/skills`, { key: 'Bad Key', name: 'x' })).status, 400)

      const unknown = await call(env, 'POST', `${CC}/queues`, { name: 'Sales', requirements: [{ skill: 'en', minLevel: 1 }, { skill: 'klingon', minLevel: 2 }] })
      assert.equal(unknown.status, 400)
      assert.equal(unknown.json.errors[0].pointer, '/requirements/1/skill')
      assert.equal(await queueCount(), 0)
      const badRelax = await call(env, 'POST', `${CC}/queues`, { name: 'Sales', relaxation: [{ afterSeconds: 5, skill: 'nope', minLevel: null }] })
      assert.equal(badRelax.json.errors[0].pointer, '/relaxation/0/skill')

      const s = await call(env, 'POST', `${CC}/queues`, {
        name: 'Sales', priority: 1, requirements: [{ skill: 'en', minLevel: 3 }], serviceLevelSeconds: 20,
        relaxation: [{ afterSeconds: 30, skill: 'en', minLevel: 1 }], callbackAfterSeconds: 120,
      })
      assert.equal(s.status, 201, JSON.stringify(s.json))
      sales = s.json.data.id
      const t = await call(env, 'POST', `${CC}/queues`, { name: 'Support', requirements: [{ skill: 'ru', minLevel: 1 }], overflow: { queueId: sales, afterSeconds: 60 } })
      assert.equal(t.status, 201)
      support = t.json.data.id
      const loop = await call(env, 'PUT', `${CC}/queues/${sales}`, { name: 'Sales', overflow: { queueId: support, afterSeconds: 10 } })
      assert.equal(loop.status, 400)
      assert.equal(loop.json.errors[0].pointer, '/overflow/queueId')
      assert.match(loop.json.detail, /loop/)
      assert.equal((await call(env, 'GET', `${CC}/queues`)).json.data.find((q: any) => q.id === sales).overflow, null)
      const self = await call(env, 'PUT', `${CC}/queues/${support}`, { name: 'Support', overflow: { queueId: support, afterSeconds: 10 } })
      assert.equal(self.status, 400)
      assert.equal((await call(env, 'POST', `${CC}/queues`, { name: 'X', overflow: { queueId: 'nope', afterSeconds: 5 } })).json.errors[0].pointer, '/overflow/queueId')
      assert.equal((await call(env, 'POST', `${CC}/queues`, { name: 'X', priority: 'high' })).status, 400)

      const agentBad = await call(env, 'PUT', `${CC}/agents/${anna.userId}`, { skills: { en: 5, welsh: 2 } })
      assert.equal(agentBad.status, 400)
      assert.equal(agentBad.json.errors[0].pointer, '/skills/welsh')
      assert.equal((await call(env, 'PUT', `${CC}/agents/${anna.userId}`, { skills: { en: 11 } })).status, 400)
      assert.equal((await call(env, 'PUT', `${CC}/agents/${anna.userId}`, { skills: { en: 1 }, capacity: { voice: 2 } })).status, 400)
      assert.equal((await call(env, 'PUT', `${CC}/agents/not-a-member`, { skills: {} })).status, 404)
      assert.equal((await call(env, 'POST', `${CC}/routing-rules`, { name: 'r', match: {}, priorityBoost: 1 })).json.errors[0].pointer, '/match')
      assert.equal((await call(env, 'DELETE', `${CC}/skills/en`)).status, 409, 'a skill a queue requires is not deleted')
    })

    test('only administrators configure; only supervisors see the wallboard', async () => {
      assert.equal((await call(env, 'POST', `${CC}/skills`, { key: 'fr', name: 'FR' }, anna.auth)).status, 403)
      assert.equal((await call(env, 'PUT', `${CC}/agents/${anna.userId}`, { skills: { en: 5 } }, anna.auth)).status, 403)
      assert.equal((await call(env, 'GET', `${CC}/wallboard`, undefined, anna.auth)).status, 403)
      assert.equal((await call(env, 'GET', `${CC}/agents`, undefined, anna.auth)).status, 403)
      assert.equal((await call(env, 'POST', `${CC}/calls`, { callId: 'x', queueId: sales }, anna.auth)).status, 403)
      assert.equal((await call(env, 'GET', `${CC}/agents/me`, undefined, anna.auth)).status, 404)
    })

    test('calls go by skill to the longest idle agent; a Champion is lifted ahead; wrap-up, abandonment and callbacks', async () => {
      assert.equal((await call(env, 'PUT', `${CC}/agents/${anna.userId}`, { skills: { en: 5 }, wrapUpSeconds: 30 })).status, 200)
      const b = await call(env, 'PUT', `${CC}/agents/${boris.userId}`, { skills: { en: 4, ru: 2 }, capacity: { voice: 1 } })
      assert.deepEqual({ ...b.json.data, since: undefined }, { userId: boris.userId, name: 'boris', skills: { en: 4, ru: 2 }, capacity: { voice: 1 }, wrapUpSeconds: 0, isSupervisor: false, state: 'offline', since: undefined, callId: null, wrapUpUntil: null })
      // The agent sets their own state; the longest idle (Boris first) gets the first call.
      assert.equal((await call(env, 'PUT', `${CC}/agents/me/state`, { state: 'available' }, boris.auth)).json.data.agent.state, 'available')
      await new Promise((r) => setTimeout(r, 5))
      assert.equal((await call(env, 'PUT', `${CC}/agents/me/state`, { state: 'available' }, anna.auth)).status, 200)
      assert.equal((await call(env, 'PUT', `${CC}/agents/${boris.userId}/state`, { state: 'break' }, anna.auth)).status, 403, 'not a supervisor')

      const c1 = await call(env, 'POST', `${CC}/calls`, { callId: 'call-1', queueId: sales })
      assert.equal(c1.status, 201, JSON.stringify(c1.json))
      assert.deepEqual(c1.json.data.decisions.map((d: any) => [d.type, d.callId, d.agentId, d.queueId]), [['assign', 'call-1', boris.userId, sales]])
      assert.equal((await call(env, 'POST', `${CC}/calls`, { callId: 'call-1', queueId: sales })).status, 409)
      assert.equal((await call(env, 'PUT', `${CC}/agents/me/state`, { state: 'break' }, boris.auth)).status, 409, 'on a call')
      const c2 = await call(env, 'POST', `${CC}/calls`, { callId: 'call-2', queueId: sales })
      assert.equal(c2.json.data.decisions[0].agentId, anna.userId)

      // Both busy: an ordinary caller waits, then a Champion (rule on the person's field) comes in and is served first.
      const person = await call(env, 'POST', '/api/v1/records/people', { firstName: 'Vip', lastName: 'Client', phone: '+37060000001' })
      assert.equal(person.status, 201, JSON.stringify(person.json))
      const rule = await call(env, 'POST', `${CC}/routing-rules`, { name: 'Champions first', match: { personField: { field: 'lastName', values: ['Client'] } }, priorityBoost: 10 })
      assert.equal(rule.status, 201, JSON.stringify(rule.json))
      const byNumber = await call(env, 'POST', `${CC}/routing-rules`, { name: 'Sales line', match: { dialledNumber: '+3705000' }, queueId: sales })
      assert.equal(byNumber.status, 201)
      assert.deepEqual((await call(env, 'POST', `${CC}/calls`, { callId: 'call-3', dialledNumber: '+3705000' })).json.data.decisions, [])
      const vip = await call(env, 'POST', `${CC}/calls`, { callId: 'call-4', queueId: sales, personId: person.json.data.id })
      assert.equal(vip.json.data.priorityBoost, 10)
      assert.equal((await call(env, 'POST', `${CC}/calls`, { callId: 'call-x', dialledNumber: '+999' })).json.errors[0].pointer, '/queueId')
      assert.equal((await call(env, 'POST', `${CC}/calls`, { callId: 'call-y', queueId: sales, personId: '0190c0de-0000-7000-8000-000000000000' })).json.errors[0].pointer, '/personId')
      const state = await call(env, 'GET', `${CC}/queue-state`)
      assert.deepEqual(state.json.data.map((c: any) => c.callId), ['call-4', 'call-3'])

      const board = await call(env, 'GET', `${CC}/wallboard`)
      assert.equal(board.status, 200)
      const salesTile = board.json.data.queues.find((q: any) => q.id === sales)
      assert.equal(salesTile.waiting, 2)
      assert.deepEqual(salesTile.agents, { available: 0, onCall: 2, wrapUp: 0, break: 0, offline: 0 })
      assert.equal(salesTile.occupancy, 1)
      assert.equal(salesTile.offered, 4)

      // Anna finishes: wrap-up (30 s) keeps her from the Champion; Boris finishes with no wrap-up and takes it.
      assert.equal((await call(env, 'POST', `${CC}/calls/call-2/answer`)).status, 200)
      const end2 = await call(env, 'POST', `${CC}/calls/call-2/end`, { reason: 'resolved' })
      assert.deepEqual(end2.json.data, { outcome: 'completed', decisions: [] })
      assert.equal((await call(env, 'GET', `${CC}/agents`)).json.data.find((a: any) => a.userId === anna.userId).state, 'wrapUp')
      const end1 = await call(env, 'POST', `${CC}/calls/call-1/end`, {})
      assert.deepEqual(end1.json.data.decisions.map((d: any) => [d.type, d.callId, d.agentId]), [['assign', 'call-4', boris.userId]])
      // The ordinary caller leaves a callback request and hangs up: the request keeps its place.
      assert.equal((await call(env, 'POST', `${CC}/calls/call-3/callback`)).status, 200)
      assert.deepEqual((await call(env, 'POST', `${CC}/calls/call-3/end`, {})).json.data, { outcome: 'callbackKept', decisions: [] })
      assert.equal((await call(env, 'GET', `${CC}/wallboard`)).json.data.queues.find((q: any) => q.id === sales).callbacksWaiting, 1)
      const end4 = await call(env, 'POST', `${CC}/calls/call-4/end`, {})
      assert.deepEqual(end4.json.data.decisions.map((d: any) => [d.type, d.callId, d.agentId, d.kind]), [['assign', 'call-3', boris.userId, 'callback']])
      // An abandoned call.
      await call(env, 'PUT', `${CC}/agents/${boris.userId}/state`, { state: 'offline' })
      assert.equal((await call(env, 'PUT', `${CC}/agents/${boris.userId}/state`, { state: 'offline' })).status, 409)
      await call(env, 'POST', `${CC}/calls/call-3/end`, {})
      assert.equal((await call(env, 'PUT', `${CC}/agents/${boris.userId}/state`, { state: 'offline' })).status, 200)
      await call(env, 'POST', `${CC}/calls`, { callId: 'call-5', queueId: sales })
      assert.equal((await call(env, 'POST', `${CC}/calls/call-5/end`, {})).json.data.outcome, 'abandoned')
      assert.equal((await call(env, 'POST', `${CC}/calls/call-5/end`, {})).status, 404)

      const decisions = await call(env, 'GET', `${CC}/calls/call-4/decisions`)
      assert.deepEqual(decisions.json.data.map((d: any) => d.type), ['assign'])
      const after = (await call(env, 'GET', `${CC}/wallboard`)).json.data.queues.find((q: any) => q.id === sales)
      assert.equal(after.offered, 5)
      assert.equal(after.answered, 4)
      assert.equal(after.abandoned, 1)
      assert.equal(after.abandonmentRate, 1 / 5)
      assert.ok(after.asaSeconds >= 0)

      const from = new Date(Date.now() - 3_600_000).toISOString()
      const to = new Date(Date.now() + 60_000).toISOString()
      const report = await call(env, 'GET', `${CC}/reports?interval=day&by=queue&from=${from}&to=${to}`)
      assert.equal(report.status, 200, JSON.stringify(report.json))
      assert.deepEqual(report.json.data.map((r: any) => [r.name, r.offered, r.answered, r.abandoned]), [['Sales', 5, 4, 1]])
      const byAgent = await call(env, 'GET', `${CC}/reports?interval=15m&by=agent&from=${from}&to=${to}`)
      assert.equal(byAgent.json.data.reduce((s: number, r: any) => s + r.answered, 0), 4)
      assert.equal((await call(env, 'GET', `${CC}/reports?interval=week&from=${from}&to=${to}`)).status, 400)
      assert.equal((await call(env, 'GET', `${CC}/reports?interval=day&from=${to}&to=${from}`)).json.errors[0].pointer, '/query/to')
    })

    test('the router survives a restart: state reloads from the tables', async () => {
      await call(env, 'PUT', `${CC}/agents/${anna.userId}/state`, { state: 'break' })
      await call(env, 'POST', `${CC}/calls`, { callId: 'call-r', queueId: sales })
      await env.services.contactCenter.telephony.callEnded(env.workspaceId, 'call-r').catch(() => undefined)
      const again = await call(env, 'POST', `${CC}/calls`, { callId: 'call-s', queueId: sales })
      assert.deepEqual(again.json.data.decisions, [])
      // A configuration change drops the router; the waiting call and agent states come back from the tables.
      await call(env, 'PUT', `${CC}/queues/${sales}`, { name: 'Sales', requirements: [{ skill: 'en', minLevel: 3 }] })
      const state = await call(env, 'GET', `${CC}/queue-state`)
      assert.deepEqual(state.json.data.map((c: any) => c.callId), ['call-s'])
      const ready = await call(env, 'PUT', `${CC}/agents/${anna.userId}/state`, { state: 'available' })
      assert.deepEqual(ready.json.data.decisions.map((d: any) => [d.callId, d.agentId]), [['call-s', anna.userId]])
    })
  })
}
