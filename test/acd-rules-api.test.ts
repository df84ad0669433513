/**
 * Routing rules edited after creation on every dialect (the routing-rules editor's API): a rule
 * is replaced whole with PUT, switched off and on (a disabled rule is skipped when calls are
 * routed), and the rules are reordered in one request that names every rule exactly once.
 * Bad input is refused with the field named and nothing written; members may not edit rules.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const CC = '/api/v1/contact-center'
interface Rule { id: string; name: string; position: number; queueId: string | null; priorityBoost: number; enabled: boolean; match: Record<string, unknown> }

for (const dialect of DIALECTS) {
  describe(`ACD routing rules editing [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { userId: string; auth: { authorization: string } }
    let sales = ''
    let support = ''
    const rules = async (): Promise<Rule[]> => (await call(env, 'GET', `${CC}/routing-rules`)).json.data

    before(async () => {
      env = await startEnv(dialect)
      member = await env.addMember('Member', 'mira')
      sales = (await call(env, 'POST', `${CC}/queues`, { name: 'Sales' })).json.data.id
      support = (await call(env, 'POST', `${CC}/queues`, { name: 'Support' })).json.data.id
    })
    after(() => env.close())

    test('a new rule is enabled; PUT replaces it and keeps position and enabled when not given', async () => {
      const created = await call(env, 'POST', `${CC}/routing-rules`, { name: 'Sales line', match: { dialledNumber: '+3705000' }, queueId: sales, position: 5 })
      assert.equal(created.status, 201)
      assert.equal(created.json.data.enabled, true)
      const id = created.json.data.id
      const put = await call(env, 'PUT', `${CC}/routing-rules/${id}`, { name: 'Support line', match: { ivrChoice: '2' }, queueId: support, priorityBoost: 7 })
      assert.equal(put.status, 200, JSON.stringify(put.json))
      assert.deepEqual(await rules(), [{ id, name: 'Support line', position: 5, match: { ivrChoice: '2' }, queueId: support, priorityBoost: 7, enabled: true }])

      const bad = await call(env, 'PUT', `${CC}/routing-rules/${id}`, { name: 'x', match: { ivrChoice: '2' }, queueId: 'no-such-queue' })
      assert.equal(bad.status, 400)
      assert.equal(bad.json.errors[0].pointer, '/queueId')
      assert.equal((await call(env, 'PUT', `${CC}/routing-rules/${id}`, { name: 'x', match: {} })).json.errors[0].pointer, '/match')
      assert.equal((await call(env, 'PUT', `${CC}/routing-rules/${id}`, { name: 'x', match: { ivrChoice: '2' }, enabled: 'yes' })).status, 400)
      assert.equal((await call(env, 'PUT', `${CC}/routing-rules/nope`, { name: 'x', match: { ivrChoice: '2' } })).status, 404)
      assert.equal((await rules())[0].name, 'Support line', 'refused edits wrote nothing')
      assert.equal((await call(env, 'PUT', `${CC}/routing-rules/${id}`, { name: 'x', match: { ivrChoice: '2' } }, member.auth)).status, 403)
    })

    test('a disabled rule is kept but does not route calls; enabling it again does', async () => {
      const [rule] = await rules()
      const off = await call(env, 'PUT', `${CC}/routing-rules/${rule.id}`, { name: rule.name, match: rule.match, queueId: rule.queueId, priorityBoost: rule.priorityBoost, enabled: false })
      assert.equal(off.json.data.enabled, false)
      assert.equal((await rules())[0].enabled, false)
      const unrouted = await call(env, 'POST', `${CC}/calls`, { callId: 'ivr-off', ivrChoice: '2' })
      assert.equal(unrouted.status, 400, 'no enabled rule chooses a queue')
      assert.equal(unrouted.json.errors[0].pointer, '/queueId')
      await call(env, 'PUT', `${CC}/routing-rules/${rule.id}`, { name: rule.name, match: rule.match, queueId: rule.queueId, priorityBoost: rule.priorityBoost, enabled: true })
      const routed = await call(env, 'POST', `${CC}/calls`, { callId: 'ivr-on', ivrChoice: '2' })
      assert.equal(routed.status, 201, JSON.stringify(routed.json))
      const waiting = (await call(env, 'GET', `${CC}/queue-state`)).json.data as { callId: string; queueId: string }[]
      assert.equal(waiting.find((w) => w.callId === 'ivr-on')?.queueId, support)
    })

    test('reorder names every rule once; positions follow the order; bad orders write nothing', async () => {
      const b = (await call(env, 'POST', `${CC}/routing-rules`, { name: 'B', match: { dialledNumber: '+1' }, position: 1 })).json.data.id
      const c = (await call(env, 'POST', `${CC}/routing-rules`, { name: 'C', match: { dialledNumber: '+2' }, position: 2 })).json.data.id
      const a = (await rules()).find((r) => r.name === 'Support line')!.id
      const before = await rules()
      assert.deepEqual(before.map((r) => r.name), ['B', 'C', 'Support line'])

      const missing = await call(env, 'PUT', `${CC}/routing-rules/order`, { ids: [c, b] })
      assert.equal(missing.status, 400)
      assert.equal(missing.json.errors[0].pointer, '/ids')
      const unknown = await call(env, 'PUT', `${CC}/routing-rules/order`, { ids: [c, b, 'ghost'] })
      assert.equal(unknown.json.errors[0].pointer, '/ids/2')
      assert.equal((await call(env, 'PUT', `${CC}/routing-rules/order`, { ids: [c, c, b] })).status, 400, 'duplicates are refused')
      assert.equal((await call(env, 'PUT', `${CC}/routing-rules/order`, { ids: [a, c, b] }, member.auth)).status, 403)
      assert.deepEqual(await rules(), before, 'refused orders wrote nothing')

      const ordered = await call(env, 'PUT', `${CC}/routing-rules/order`, { ids: [a, c, b] })
      assert.equal(ordered.status, 200)
      assert.deepEqual(ordered.json.data.map((r: Rule) => [r.name, r.position]), [['Support line', 0], ['C', 10], ['B', 20]])
      assert.deepEqual((await rules()).map((r) => r.name), ['Support line', 'C', 'B'])
    })
  })
}
