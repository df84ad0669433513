/**
 * A line's IVR flow executed on live calls, per provider, on both dialects: recorded provider
 * requests (test/fixtures/telephony/contract/ivr-<provider>.json) go in, and the exact TwiML or
 * JSON commands must come out — a menu walked by DTMF, a wrong key repeating the prompt and
 * then falling to the flow's default, an order-status lookup spoken from orders, the
 * after-hours branch, and the queue node ending in the ACD's Dial/Enqueue (bridge/queue).
 * The path each call took is read back and must equal the designer's replay of the same keys.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { CONTRACT_HOST, contractSteps, postContractStep, type ContractStep } from './support/telephony-contract.js'

const CC = '/api/v1/contact-center'
const TWILIO_SECRET = 'twilio-auth-token-ivr-0123456789abcdef'
const HOST = CONTRACT_HOST

const contract = (provider: string): ContractStep[] => contractSteps(`ivr-${provider}`)

const both = (en: string, ru: string) => ({ text: { en, ru } })

/** Welcome → business hours (Europe/Vilnius, weekdays 9–17) → main menu: 1 sales, 2 order status; one retry, then the operator. */
function lineFlow(queue: string) {
  return {
    start: 'welcome', languages: ['en', 'ru'], timeZone: 'Europe/Vilnius',
    nodes: {
      welcome: { type: 'prompt', prompt: { ...both('Welcome to Rapport.', 'Добро пожаловать в Rapport.'), audioUrl: { en: 'https://cdn.example.com/ivr/welcome-en.mp3' } }, next: 'hours' },
      hours: {
        type: 'hours', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]])),
        holidays: ['2026-12-24'], open: 'main', closed: 'closedMsg',
      },
      closedMsg: { type: 'hangup', prompt: both('We are closed. Please call on a weekday between 9 and 17.', 'Мы закрыты. Позвоните в будний день с 9 до 17.') },
      main: {
        type: 'menu', prompt: both('Press 1 for sales, 2 for your order status.', 'Нажмите 1 для отдела продаж, 2 для статуса заказа.'),
        choices: { 1: 'sales', 2: 'order' }, timeoutSeconds: 4, retries: 1, onFail: 'operator',
      },
      sales: { type: 'queue', queue, skills: ['sales'], priority: 5 },
      operator: { type: 'prompt', prompt: both('Connecting you to an operator.', 'Соединяем с оператором.'), next: 'operatorQueue' },
      operatorQueue: { type: 'queue', queue, skills: [] },
      order: {
        type: 'lookup', prompt: both('Enter your order number, then press hash.', 'Введите номер заказа и нажмите решётку.'),
        object: 'orders', matchField: 'orderNumber', answerFields: ['status'], maxDigits: 6, found: 'orderSaid', notFound: 'main',
      },
      orderSaid: {
        type: 'menu', prompt: both('Your order is {status}. Press 0 to speak to an agent.', 'Ваш заказ: {status}. Нажмите 0, чтобы поговорить с оператором.'),
        choices: { 0: 'sales' }, timeoutSeconds: 4,
      },
    },
  }
}

interface Setup { agent: { userId: string; auth: { authorization: string } }; queue: string; line: { id: string; token: string }; flowId: string }

/** The provider's own skill, queue (named like the flow's queue nodes), agent with an endpoint, line, and the flow attached to it. */
async function setUp(env: TestEnv, provider: string, endpoint: { kind: string; address: string }, secret?: string): Promise<Setup> {
  const agent = await env.addMember('Member', `${provider}-ivr-agent`)
  const skill = `ivr-${provider}`
  assert.equal((await call(env, 'POST', `${CC}/skills`, { key: skill, name: skill })).status, 201)
  const queue = (await call(env, 'POST', `${CC}/queues`, { name: `ivr-${provider}`, requirements: [{ skill, minLevel: 1 }] })).json.data.id
  assert.equal((await call(env, 'PUT', `${CC}/agents/${agent.userId}`, { skills: { [skill]: 5 }, wrapUpSeconds: 0 })).status, 200)
  assert.equal((await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, endpoint)).status, 200)
  assert.equal((await call(env, 'PUT', `${CC}/agents/me/state`, { state: 'available' }, agent.auth)).status, 200)
  const line = (await call(env, 'POST', '/api/v1/telephony/lines', { name: `${provider} IVR`, provider, ...(secret ? { secret } : {}) })).json.data
  const created = await call(env, 'POST', `${CC}/ivr-flows`, { name: `${provider} main line`, definition: lineFlow(`ivr-${provider}`) })
  assert.equal(created.status, 201, created.body)
  const flowId = created.json.data.id
  assert.equal((await call(env, 'POST', `${CC}/ivr-flows/${flowId}/publish`)).status, 201)
  const attached = await call(env, 'PUT', `/api/v1/telephony/lines/${line.id}/ivr-flow`, { flowId })
  assert.equal(attached.status, 200, attached.body)
  return { agent, queue, line, flowId }
}

async function replay(env: TestEnv, provider: string, setup: Setup, steps: ContractStep[]): Promise<void> {
  const url = `/api/v1/telephony/adapters/${provider}/${setup.line.token}`
  const fill = (text: string) => text.replaceAll('{{base}}', `http://${HOST}${url}`).replaceAll('{{agent}}', setup.agent.userId).replaceAll('{{queue}}', setup.queue)
  for (const step of steps) {
    await postContractStep(env, url, step, TWILIO_SECRET, fill)
  }
}

/** The call's recorded IVR path equals the designer's replay of the same keys at the same moment. */
async function pathAgrees(env: TestEnv, setup: Setup, callId: string, digits: string, at: string, outcome: string, nodes: string[]): Promise<void> {
  const res = await call(env, 'GET', `/api/v1/telephony/lines/${setup.line.id}/calls/${encodeURIComponent(callId)}/ivr`, undefined, setup.agent.auth)
  assert.equal(res.status, 200, res.body)
  assert.equal(res.json.data.outcome, outcome)
  assert.deepEqual(res.json.data.path.map((s: { node: string }) => s.node), nodes)
  const simulated = await call(env, 'POST', `${CC}/ivr-flows/${setup.flowId}/simulate`, { digits, at })
  assert.equal(simulated.status, 200, simulated.body)
  assert.deepEqual(res.json.data.path, simulated.json.data.path)
}

/** The call card (the `call` activity) shows the path the caller took (read back through a later event of the call, on a line without a signing secret). */
async function cardShows(env: TestEnv, setup: Setup, callId: string, expected: string): Promise<void> {
  const events = await call(env, 'POST', '/api/v1/telephony/events', { callId, event: 'dtmf', digits: '5', sequence: 999, timestamp: new Date().toISOString() }, { authorization: `Bearer ${setup.line.token}` })
  assert.equal(events.status, 200, events.body)
  const activity = await call(env, 'GET', `/api/v1/records/activities/${events.json.data.call.activityId}`)
  assert.equal(activity.json.data.callIvrPath, expected)
}

const OPEN = '2026-12-01T08:00:00.000Z'
const CLOSED = '2026-12-05T10:00:00.000Z'
const WALK_A = ['welcome', 'hours', 'main', 'main', 'order', 'orderSaid', 'sales']
const WALK_B = ['welcome', 'hours', 'main', 'main', 'operator', 'operatorQueue']

for (const dialect of DIALECTS) {
  describe(`telephony adapters execute IVR flows [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => {
      env = await startEnv(dialect)
      const order = await call(env, 'POST', '/api/v1/records/orders', { orderNumber: '42', status: 'shipped', total: { amount: '19.90', currency: 'EUR' } })
      assert.equal(order.status, 201, order.body)
    })
    after(() => env.close())

    test('Twilio: Gather/Say/Play through the menu, retry then default, lookup spoken, Dial then Enqueue, after hours', async () => {
      const setup = await setUp(env, 'twilio', { kind: 'client', address: 'anna-ivr' }, TWILIO_SECRET)
      await replay(env, 'twilio', setup, contract('twilio'))
      await pathAgrees(env, setup, 'CA000000000000000000000000000000a1', '9,2,42,0', OPEN, 'queue', WALK_A)
      await pathAgrees(env, setup, 'CA000000000000000000000000000000b2', ',8', OPEN, 'queue', WALK_B)
      await pathAgrees(env, setup, 'CA000000000000000000000000000000c3', '', CLOSED, 'hangup', ['welcome', 'hours', 'closedMsg'])
      // The ACD got the node as IVR choice and the node's priority; the wallboard counts the waiting caller.
      const board = await call(env, 'GET', `${CC}/wallboard`)
      assert.equal(board.json.data.queues.find((q: { id: string }) => q.id === setup.queue)?.waiting, 1, board.body)
    })

    test('Asterisk ARI: prompt commands with gather, keys one by one, bridge then queue, after hours', async () => {
      const setup = await setUp(env, 'asterisk', { kind: 'extension', address: 'PJSIP/agent-ivr' })
      // Routing rules see the IVR choice (the queue node's id): this one lifts callers who fell through to the operator.
      const rule = await call(env, 'POST', `${CC}/routing-rules`, { name: 'operator fallback first', match: { ivrChoice: 'operatorQueue' }, priorityBoost: 3 })
      assert.equal(rule.status, 201, rule.body)
      await replay(env, 'asterisk', setup, contract('asterisk'))
      assert.equal((await call(env, 'DELETE', `${CC}/routing-rules/${rule.json.data.id}`)).status, 204)
      await pathAgrees(env, setup, '1799999999.11', '9,2,42#,0', OPEN, 'queue', WALK_A)
      await pathAgrees(env, setup, '1799999999.12', '7,8', OPEN, 'queue', WALK_B)
      await pathAgrees(env, setup, '1799999999.13', '', CLOSED, 'hangup', ['welcome', 'hours', 'closedMsg'])
      await cardShows(env, setup, '1799999999.11', 'welcome → hours (open) → main [9] → main [2] → order [42] → orderSaid [0] → sales')
      await cardShows(env, setup, '1799999999.12', 'welcome → hours (open) → main [7] → main [8] → operator → operatorQueue')
      await cardShows(env, setup, '1799999999.13', 'welcome → hours (closed) → closedMsg')
    })

    test('FreeSWITCH: prompt commands with gather, keys one by one, bridge then queue, after hours', async () => {
      const setup = await setUp(env, 'freeswitch', { kind: 'extension', address: 'user/1011' })
      await replay(env, 'freeswitch', setup, contract('freeswitch'))
      await pathAgrees(env, setup, '0b0c0d0e-0000-4000-8000-0000000000a1', '9,2,42#,0', OPEN, 'queue', WALK_A)
    })

    test('attaching a flow: administrators only, the line and flow must exist, null detaches', async () => {
      const member = await env.addMember('Member', 'ivr-member')
      const line = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'plain', provider: 'twilio' })).json.data
      assert.equal((await call(env, 'PUT', `/api/v1/telephony/lines/${line.id}/ivr-flow`, { flowId: null }, member.auth)).status, 403)
      const missing = await call(env, 'PUT', `/api/v1/telephony/lines/${line.id}/ivr-flow`, { flowId: 'nope' })
      assert.equal(missing.status, 400)
      assert.equal(missing.json.errors[0].pointer, '/flowId')
      assert.equal((await call(env, 'PUT', '/api/v1/telephony/lines/00000000-0000-0000-0000-000000000000/ivr-flow', { flowId: null })).status, 404)
      assert.equal((await call(env, 'PUT', `/api/v1/telephony/lines/${line.id}/ivr-flow`, { flowId: 7 })).status, 400)
      const detached = await call(env, 'PUT', `/api/v1/telephony/lines/${line.id}/ivr-flow`, { flowId: null })
      assert.deepEqual(detached.json.data, { lineId: line.id, flowId: null })
      // Deleting a flow detaches it from its lines: their calls route straight to the ACD again.
      const flow = (await call(env, 'POST', `${CC}/ivr-flows`, { name: 'short-lived', definition: lineFlow('nowhere') })).json.data
      assert.equal((await call(env, 'PUT', `/api/v1/telephony/lines/${line.id}/ivr-flow`, { flowId: flow.id })).json.data.flowId, flow.id)
      assert.equal((await call(env, 'DELETE', `${CC}/ivr-flows/${flow.id}`)).status, 204)
      assert.equal((await call(env, 'GET', `/api/v1/telephony/lines/${line.id}/ivr-flow`)).json.data.flowId, null)
    })

    test('a Gather action with garbage is refused, never a 500', async () => {
      const line = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'garbage', provider: 'twilio' })).json.data
      const url = `/api/v1/telephony/adapters/twilio/${line.token}`
      const bad = await env.app.inject({ method: 'POST', url: `${url}?step=ivr&node=a%2Fb&n=0`, payload: 'CallSid=CA1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(bad.statusCode, 400, bad.body)
      const digits = await env.app.inject({ method: 'POST', url: `${url}?step=ivr&node=main&n=0`, payload: 'CallSid=CA1&Digits=1%3Bdrop', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(digits.statusCode, 400, digits.body)
      assert.match(digits.body, /\/Digits/)
      const noNode = await env.app.inject({ method: 'POST', url: `${url}?step=ivr`, payload: 'CallSid=CA1&Digits=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(noNode.statusCode, 400, noNode.body)
    })
  })
}
