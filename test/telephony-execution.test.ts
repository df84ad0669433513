/**
 * Contract tests of the adapters executing the ACD's decisions, on both dialects: recorded
 * provider requests (test/fixtures/telephony/contract/<provider>.json) go in, and the exact
 * response the phone system executes must come out — TwiML for Twilio, the JSON command list
 * for Asterisk ARI and FreeSWITCH. Between the steps the callbacks API and the agent's task
 * are checked, and the attack cases: bad signatures, wrong types, unknown steps, huge bodies.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { twilioSignature } from '../server/src/modules/telephony/adapters/twilio.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { CONTRACT_HOST, contractSteps, postContractStep, type ContractStep } from './support/telephony-contract.js'

const CC = '/api/v1/contact-center'
const TWILIO_SECRET = 'twilio-auth-token-0123456789abcdef'
const HOST = CONTRACT_HOST
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const contract = (provider: string): ContractStep[] => contractSteps(provider)

interface Setup { agent: { userId: string; auth: { authorization: string } }; queue: string; line: { id: string; token: string } }

/** One provider's own skill, queue, agent (with endpoint), routing rule and line, so providers never share an agent. */
async function setUp(env: TestEnv, provider: string, number: string, endpoint: { kind: string; address: string }, blocked: string, secret?: string): Promise<Setup> {
  const agent = await env.addMember('Member', `${provider}-agent`)
  assert.equal((await call(env, 'POST', `${CC}/skills`, { key: provider, name: provider })).status, 201)
  const label = { twilio: 'Twilio sales', asterisk: 'Asterisk sales', freeswitch: 'FreeSWITCH sales' }[provider]
  const queue = (await call(env, 'POST', `${CC}/queues`, { name: label, requirements: [{ skill: provider, minLevel: 1 }], callbackAfterSeconds: 2 })).json.data.id
  assert.equal((await call(env, 'PUT', `${CC}/agents/${agent.userId}`, { skills: { [provider]: 5 }, wrapUpSeconds: 0 })).status, 200)
  const put = await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, endpoint)
  assert.equal(put.status, 200, put.body)
  assert.equal((await call(env, 'PUT', `${CC}/agents/me/state`, { state: 'available' }, agent.auth)).status, 200)
  assert.equal((await call(env, 'POST', `${CC}/routing-rules`, { name: `${provider} line`, match: { dialledNumber: number }, queueId: queue })).status, 201)
  const line = (await call(env, 'POST', '/api/v1/telephony/lines', { name: provider, provider, blockedNumbers: [blocked], ...(secret ? { secret } : {}) })).json.data
  return { agent, queue, line }
}

async function replay(env: TestEnv, provider: string, setup: Setup, steps: ContractStep[], check?: (index: number) => Promise<void>): Promise<void> {
  const url = `/api/v1/telephony/adapters/${provider}/${setup.line.token}`
  const fill = (text: string) => text.replaceAll('{{base}}', `http://${HOST}${url}`).replaceAll('{{agent}}', setup.agent.userId).replaceAll('{{queue}}', setup.queue)
  for (const [index, step] of steps.entries()) {
    if (step.sleepMs) await sleep(step.sleepMs)
    await postContractStep(env, url, step, TWILIO_SECRET, fill)
    await check?.(index)
  }
}

for (const dialect of DIALECTS) {
  describe(`telephony adapters execute routing decisions [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(() => env.close())

    test('Twilio: Dial the agent\'s Client, Enqueue with waitUrl, Gather a callback, Leave, Reject a blocked number', async () => {
      const setup = await setUp(env, 'twilio', '+37052000001', { kind: 'client', address: 'anna' }, '+37061119999', TWILIO_SECRET)
      const steps = contract('twilio')
      await replay(env, 'twilio', setup, steps)
      // The freed agent was handed the callback: a task activity for them, linked to the callback.
      const open = (await call(env, 'GET', `${CC}/callbacks?status=open`)).json.data
      const mine = open.find((c: any) => c.callId === `${setup.line.id}:CA00000000000000000000000000000002`)
      assert.ok(mine, JSON.stringify(open))
      assert.deepEqual([mine.status, mine.agentId, mine.number, mine.queueId], ['assigned', setup.agent.userId, '+37061110002', setup.queue])
      const task = (await call(env, 'GET', `/api/v1/records/activities/${mine.taskId}`)).json.data
      assert.deepEqual([task.type, task.status, task.subject, task.ownerId], ['task', 'open', 'Call back +37061110002', setup.agent.userId])
      // The agent sees it in their own list; they complete it and become available again.
      const agentList = (await call(env, 'GET', `${CC}/callbacks`, undefined, setup.agent.auth)).json.data
      assert.deepEqual(agentList.map((c: any) => c.callId), [mine.callId])
      const done = await call(env, 'POST', `${CC}/callbacks/${encodeURIComponent(mine.callId)}/complete`, undefined, setup.agent.auth)
      assert.equal(done.status, 200, done.body)
      assert.equal(done.json.data.callback.status, 'ended')
      const again = await call(env, 'POST', `${CC}/callbacks/${encodeURIComponent(mine.callId)}/complete`, undefined, setup.agent.auth)
      assert.equal(again.status, 409)
      const me = (await call(env, 'GET', `${CC}/agents/me`, undefined, setup.agent.auth)).json.data
      assert.equal(me.state, 'available')
      // Half-hour interval reports by agent count the calls the adapters routed.
      const from = new Date(Date.now() - 3_600_000).toISOString()
      const to = new Date(Date.now() + 60_000).toISOString()
      const report = await call(env, 'GET', `${CC}/reports?interval=30m&by=agent&from=${from}&to=${to}`)
      assert.equal(report.status, 200, report.body)
      const rows = report.json.data.filter((r: any) => r.key === setup.agent.userId)
      assert.equal(rows.reduce((n: number, r: any) => n + r.offered, 0), 2)
      assert.ok(rows.every((r: any) => Date.parse(r.start) % 1_800_000 === 0))
      assert.equal((await call(env, 'GET', `${CC}/reports?interval=45m&from=${from}&to=${to}`)).status, 400)
      // The blocked caller's call is stored, ended as rejected.
      const blocked = await env.services.telephony.calls.findCall(env.workspaceId, setup.line.id, 'CA00000000000000000000000000000009')
      assert.equal(blocked?.endReason, 'rejected')
    })

    test('Twilio: a forged signature on the waitUrl, an unknown step and a missing CallSid are refused', async () => {
      const line = (await call(env, 'GET', '/api/v1/telephony/lines')).json.data.find((l: any) => l.provider === 'twilio')
      assert.ok(line)
      const lines = await call(env, 'POST', '/api/v1/telephony/lines', { name: 'tw2', provider: 'twilio', secret: TWILIO_SECRET })
      const url = `/api/v1/telephony/adapters/twilio/${lines.json.data.token}`
      const form = 'CallSid=CA1&QueueSid=QU1'
      const forged = await env.app.inject({ method: 'POST', url: `${url}?step=wait`, payload: form, headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('wrong-secret-0123456789abcdef', `http://${HOST}${url}?step=wait`, { CallSid: 'CA1', QueueSid: 'QU1' }) } })
      assert.equal(forged.statusCode, 401)
      // Signed for one step, replayed on another: the URL is part of the signature.
      const replayed = await env.app.inject({ method: 'POST', url: `${url}?step=callback`, payload: form, headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_SECRET, `http://${HOST}${url}?step=wait`, { CallSid: 'CA1', QueueSid: 'QU1' }) } })
      assert.equal(replayed.statusCode, 401)
      const unknown = await env.app.inject({ method: 'POST', url: `${url}?step=dial`, payload: form, headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(unknown.statusCode, 400)
      assert.match(unknown.headers['content-type'] as string, /problem\+json/)
      assert.match(unknown.body, /step/)
      const sig = (u: string, p: Record<string, string>) => twilioSignature(TWILIO_SECRET, `http://${HOST}${u}`, p)
      const noSid = await env.app.inject({ method: 'POST', url: `${url}?step=wait`, payload: 'QueueSid=QU1', headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig(`${url}?step=wait`, { QueueSid: 'QU1' }) } })
      assert.equal(noSid.statusCode, 400)
      assert.equal(JSON.parse(noSid.body).errors[0].pointer, '/CallSid')
    })

    test('Asterisk ARI: bridge to the PJSIP endpoint, queue, bridge the next caller when the agent frees up, reject', async () => {
      const setup = await setUp(env, 'asterisk', '+37052000002', { kind: 'extension', address: 'PJSIP/agent-7' }, '+37062229999')
      await replay(env, 'asterisk', setup, contract('asterisk'))
      const agent = (await call(env, 'GET', `${CC}/agents`)).json.data.find((a: any) => a.userId === setup.agent.userId)
      assert.deepEqual([agent.state, agent.callId], ['onCall', `${setup.line.id}:1799999999.2`])
    })

    test('FreeSWITCH: bridge to user/1007, queue, DTMF 1 chooses a callback, the freed agent gets it as a task; cancel it', async () => {
      const setup = await setUp(env, 'freeswitch', '+37052000003', { kind: 'extension', address: 'user/1007' }, '+37063339999')
      await replay(env, 'freeswitch', setup, contract('freeswitch'))
      const id = `${setup.line.id}:0b0c0d0e-0000-4000-8000-000000000002`
      const open = (await call(env, 'GET', `${CC}/callbacks`)).json.data.find((c: any) => c.callId === id)
      assert.deepEqual([open.status, open.agentId, open.number], ['assigned', setup.agent.userId, '+37063330002'])
      assert.equal(typeof open.taskId, 'string')
      // Someone else's callback is not found for another agent; the supervisor (admin) cancels it.
      const other = await env.addMember('Member', 'bystander')
      assert.equal((await call(env, 'POST', `${CC}/callbacks/${encodeURIComponent(id)}/cancel`, undefined, other.auth)).status, 404)
      const cancelled = await call(env, 'POST', `${CC}/callbacks/${encodeURIComponent(id)}/cancel`)
      assert.equal(cancelled.status, 200, cancelled.body)
      assert.equal(cancelled.json.data.callback.status, 'cancelled')
      const closed = (await call(env, 'GET', `${CC}/callbacks?status=closed`)).json.data.map((c: any) => [c.callId, c.status])
      assert.ok(closed.some(([callId, status]: string[]) => callId === id && status === 'cancelled'), JSON.stringify(closed))
    })

    test('a waiting callback over the ACD API keeps its place, shows on the wallboard, and is cancelled out of the queue', async () => {
      const queue = (await call(env, 'POST', `${CC}/queues`, { name: 'Nobody', requirements: [{ skill: 'twilio', minLevel: 10 }] })).json.data.id
      assert.equal((await call(env, 'POST', `${CC}/calls`, { callId: 'api-1', queueId: queue })).status, 201)
      assert.equal((await call(env, 'POST', `${CC}/calls/api-1/callback`)).status, 200)
      const board = (await call(env, 'GET', `${CC}/wallboard`)).json.data.queues.find((q: any) => q.id === queue)
      assert.deepEqual([board.waiting, board.callbacksWaiting], [0, 1])
      const listed = (await call(env, 'GET', `${CC}/callbacks`)).json.data.find((c: any) => c.callId === 'api-1')
      assert.deepEqual([listed.status, listed.number, listed.taskId], ['waiting', null, null])
      assert.equal((await call(env, 'POST', `${CC}/callbacks/api-1/cancel`)).json.data.callback.status, 'cancelled')
      const after = (await call(env, 'GET', `${CC}/wallboard`)).json.data.queues.find((q: any) => q.id === queue)
      assert.equal(after.callbacksWaiting, 0)
      assert.equal((await call(env, 'POST', `${CC}/callbacks/nope/cancel`)).status, 404)
    })

    test('agent endpoints: the address must fit its kind (named), only admins set them, wrong types and huge bodies are refused', async () => {
      const agent = await env.addMember('Member', 'endpoint-agent')
      assert.equal((await call(env, 'PUT', `${CC}/agents/${agent.userId}`, { skills: {} })).status, 200)
      const bad = await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, { kind: 'sip', address: 'agent7' })
      assert.equal(bad.status, 400)
      assert.equal(bad.json.errors[0].pointer, '/address')
      const badNumber = await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, { kind: 'number', address: '12<script>' })
      assert.equal(badNumber.json.errors[0].pointer, '/address')
      const wrongType = await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, { kind: 'carrier-pigeon', address: 7 })
      assert.equal(wrongType.status, 400)
      assert.match(wrongType.headers['content-type'] as string, /problem\+json/)
      const extra = await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, { kind: 'client', address: 'x', workspaceId: 'other' })
      assert.equal(extra.status, 400)
      const huge = await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, { kind: 'client', address: 'a'.repeat(5_000_000) })
      assert.ok([400, 413].includes(huge.status), String(huge.status))
      assert.equal((await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, { kind: 'client', address: 'x' }, agent.auth)).status, 403)
      assert.equal((await call(env, 'PUT', `${CC}/agents/not-an-agent/endpoint`, { kind: 'client', address: 'x' })).status, 404)
      const ok = await call(env, 'PUT', `${CC}/agents/${agent.userId}/endpoint`, { kind: 'sip', address: ' sip:agent7@pbx.example.com ' })
      assert.deepEqual([ok.json.data.kind, ok.json.data.address], ['sip', 'sip:agent7@pbx.example.com'])
      const listed = (await call(env, 'GET', `${CC}/agent-endpoints`)).json.data.find((e: any) => e.userId === agent.userId)
      assert.equal(listed.address, 'sip:agent7@pbx.example.com')
      assert.equal((await call(env, 'GET', `${CC}/agent-endpoints`, undefined, agent.auth)).status, 403)
      assert.equal((await call(env, 'DELETE', `${CC}/agents/${agent.userId}/endpoint`)).status, 204)
      assert.equal((await call(env, 'DELETE', `${CC}/agents/${agent.userId}/endpoint`)).status, 404)
    })
  })
}
