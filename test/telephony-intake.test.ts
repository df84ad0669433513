/**
 * Telephony intake on both dialects: line administration, token and signature checks,
 * idempotency, out-of-order merging, the timeout sweeper, garbage numbers, recorded provider
 * fixtures (Twilio, Asterisk ARI, FreeSWITCH, Zammad CTI), the call card activity on the
 * caller's timeline, and a flood of 10,000 events from one line.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { twilioSignature } from '../server/src/modules/telephony/adapters/twilio.js'

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.resolve('test/fixtures/telephony', name), 'utf8'))
/** Event times near now: the app's real sweeper closes calls silent for 30 minutes. */
const BASE = Math.floor(Date.now() / 1000) * 1000 - 60_000
const T = (seconds: number) => new Date(BASE + seconds * 1000).toISOString()
const SECRET = 'a-long-enough-shared-secret-0123'

async function post(env: TestEnv, url: string, body: unknown, headers: Record<string, string> = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body)
  const response = await env.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } })
  let json: any
  try { json = JSON.parse(response.body) } catch { json = undefined }
  return { status: response.statusCode, headers: response.headers, json, body: response.body }
}

const signed = (secret: string, raw: string, t = Math.floor(Date.now() / 1000)) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')}`

async function count(env: TestEnv, table: string, where: Record<string, string> = {}): Promise<number> {
  let q = env.services.database.workspace(env.workspaceId).db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))
  for (const [column, value] of Object.entries(where)) q = q.where(column as any, '=', value)
  return Number((await q.executeTakeFirstOrThrow()).n)
}

for (const dialect of DIALECTS) {
  describe(`telephony intake (${dialect.name})`, () => {
    let env: TestEnv
    let line: { id: string; token: string; lineKey: string }
    let signedLine: { id: string; token: string; lineKey: string }
    let personId: string
    const event = (over: Record<string, unknown>) => ({ callId: 'c-1', event: 'ringing', sequence: 1, timestamp: T(0), from: '+37061234567', to: '+37052000000', direction: 'inbound', ...over })
    const intake = (body: unknown, token = line.token) => post(env, '/api/v1/telephony/events', body, { authorization: `Bearer ${token}` })

    before(async () => {
      env = await startEnv(dialect)
      const created = await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Main', number: '852000000', provider: 'generic', blockedNumbers: ['+37069999999'] })
      assert.equal(created.status, 201, JSON.stringify(created.json))
      line = created.json.data
      const other = await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Signed', provider: 'generic', secret: SECRET })
      signedLine = other.json.data
      const person = await call(env, 'POST', '/api/v1/records/people', { firstName: 'Ona', lastName: 'Kalnienė', phone: '+37061234567' })
      personId = person.json.data.id
    })
    after(() => env.close())

    test('lines: created with the number in E.164, token shown once, secrets never listed, call fields added to activities', async () => {
      assert.match(line.token, /^rpl_[a-z0-9]+_[A-Za-z0-9_-]{32}$/)
      const list = await call(env, 'GET', '/api/v1/telephony/lines')
      assert.equal(list.status, 200)
      const main = list.json.data.find((l: any) => l.id === line.id)
      assert.equal(main.number, '+37052000000')
      assert.deepEqual(main.blockedNumbers, ['+37069999999'])
      assert.equal(list.body.includes(line.token), false)
      assert.equal(list.body.includes(SECRET), false)
      assert.equal(list.json.data.find((l: any) => l.id === signedLine.id).hasSecret, true)
      const stored = await env.services.database.workspace(env.workspaceId).db.selectFrom('phone_lines').selectAll().execute()
      assert.equal(JSON.stringify(stored).includes(SECRET), false)
      const activities = await call(env, 'GET', '/api/v1/metadata/objects/activities')
      const names = activities.json.data.fields.map((f: any) => f.apiName)
      for (const name of ['callDirection', 'callStartedAt', 'callDuration', 'callDisposition', 'callRecording']) assert.ok(names.includes(name), name)
      const bad = await call(env, 'POST', '/api/v1/telephony/lines', { name: 'X', provider: 'generic', blockedNumbers: ['+1', 'abc'] })
      assert.equal(bad.status, 400)
      assert.equal(bad.json.errors[0].pointer, '/blockedNumbers/0')
      const member = await env.addMember('Member')
      assert.equal((await call(env, 'GET', '/api/v1/telephony/lines', undefined, member.auth)).status, 403)
    })

    test('auth: wrong token, malformed token, revoked line, bad signature, stale timestamp, signature required', async () => {
      const body = event({ callId: 'auth-1' })
      assert.equal((await intake(body, `rpl_${env.workspaceId}_${'x'.repeat(32)}`)).status, 401)
      assert.equal((await intake(body, 'nonsense')).status, 401)
      assert.equal((await post(env, '/api/v1/telephony/events', body)).status, 401)
      const raw = JSON.stringify(body)
      const ok = await post(env, '/api/v1/telephony/events', raw, { 'x-rapport-line': signedLine.lineKey, 'x-rapport-signature': signed(SECRET, raw) })
      assert.equal(ok.status, 200, ok.body)
      const tampered = await post(env, '/api/v1/telephony/events', raw.replace('auth-1', 'auth-2'), { 'x-rapport-line': signedLine.lineKey, 'x-rapport-signature': signed(SECRET, raw) })
      assert.equal(tampered.status, 401)
      const wrongSecret = await post(env, '/api/v1/telephony/events', raw, { 'x-rapport-line': signedLine.lineKey, 'x-rapport-signature': signed('another-secret-of-enough-length', raw) })
      assert.equal(wrongSecret.status, 401)
      const stale = await post(env, '/api/v1/telephony/events', raw, { 'x-rapport-line': signedLine.lineKey, 'x-rapport-signature': signed(SECRET, raw, Math.floor(Date.now() / 1000) - 301) })
      assert.equal(stale.status, 401)
      // A line with a secret does not take its token alone.
      assert.equal((await intake(body, signedLine.token)).status, 401)
      const temp = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Temp', provider: 'generic' })).json.data
      assert.equal((await intake(event({ callId: 'temp-1' }), temp.token)).status, 200)
      assert.equal((await call(env, 'DELETE', `/api/v1/telephony/lines/${temp.id}`)).status, 204)
      assert.equal((await intake(event({ callId: 'temp-2' }), temp.token)).status, 401)
    })

    test('garbage numbers and bad fields answer 400 naming the field; nothing is stored', async () => {
      const before = await count(env, 'call_events')
      const garbage = await intake(event({ callId: 'g-1', from: 'not a number' }))
      assert.equal(garbage.status, 400)
      assert.equal(garbage.json.errors[0].pointer, '/from')
      const short = await intake(event({ callId: 'g-1', to: '+1' }))
      assert.equal(short.json.errors[0].pointer, '/to')
      const noDigits = await intake(event({ callId: 'g-1', event: 'dtmf' }))
      assert.equal(noDigits.json.errors[0].pointer, '/digits')
      const unknown = await intake(event({ callId: 'g-1', event: 'exploded' }))
      assert.equal(unknown.status, 400)
      const badTime = await intake(event({ callId: 'g-1', timestamp: 'yesterday' }))
      assert.equal(badTime.status, 400)
      const notJson = await intake('{"callId":')
      assert.equal(notJson.status, 400)
      assert.equal(await count(env, 'call_events'), before)
    })

    test('a call becomes a call activity on the caller\'s timeline; duplicates change nothing', async () => {
      const ringing = await intake(event({ callId: 'c-1', from: '861234567' }))
      assert.equal(ringing.status, 200, ringing.body)
      assert.equal(ringing.json.data.duplicate, false)
      assert.equal(ringing.json.data.call.from, '+37061234567')
      const activityId = ringing.json.data.call.activityId
      assert.ok(activityId)
      const again = await intake(event({ callId: 'c-1', from: '861234567' }))
      assert.equal(again.status, 200)
      assert.equal(again.json.data.duplicate, true)
      assert.equal(await count(env, 'call_events', { call_id: 'c-1' }), 1)
      await intake(event({ callId: 'c-1', event: 'answered', sequence: 2, timestamp: T(5), agentId: 'admin', queue: 'support' }))
      await intake(event({ callId: 'c-1', event: 'dtmf', sequence: 3, digits: '1', timestamp: T(7) }))
      await intake(event({ callId: 'c-1', event: 'recordingReady', sequence: 5, url: 'https://rec.example.com/c-1.wav', timestamp: T(126) }))
      const ended = await intake(event({ callId: 'c-1', event: 'ended', sequence: 4, reason: 'completed', timestamp: T(125) }))
      assert.equal(ended.json.data.call.status, 'ended')
      const activity = (await call(env, 'GET', `/api/v1/records/activities/${activityId}`)).json.data
      assert.equal(activity.type, 'call')
      assert.equal(activity.status, 'done')
      assert.equal(activity.callDirection, 'inbound')
      assert.equal(activity.callDuration, 120)
      assert.equal(activity.callQueue, 'support')
      assert.equal(activity.callAgent, 'admin')
      assert.equal(activity.callEndReason, 'completed')
      assert.equal(activity.callRecording, 'https://rec.example.com/c-1.wav')
      assert.deepEqual(activity.participants, [personId])
      const timeline = await call(env, 'GET', `/api/v1/records/people/${personId}/timeline`)
      assert.ok(timeline.json.data.some((item: any) => item.kind === 'record' && item.record.id === activityId))
      assert.equal(await count(env, 'calls'), await count(env, 'calls'))
    })

    test('out of order: ended before answered before ringing gives the same call as in order', async () => {
      await intake(event({ callId: 'ooo', event: 'ended', sequence: 3, reason: 'completed', timestamp: T(300) }))
      await intake(event({ callId: 'ooo', event: 'answered', sequence: 2, timestamp: T(60) }))
      const last = await intake(event({ callId: 'ooo', event: 'ringing', sequence: 1, timestamp: T(30) }))
      const state = last.json.data.call
      assert.equal(state.status, 'ended')
      assert.equal(state.startedAt, T(30))
      assert.equal(state.answeredAt, T(60))
      assert.equal(state.endedAt, T(300))
      const activity = (await call(env, 'GET', `/api/v1/records/activities/${state.activityId}`)).json.data
      assert.equal(activity.callDuration, 240)
      assert.equal(await count(env, 'calls', { call_id: 'ooo' }), 1)
    })

    test('timeout: a call that never ends is closed by the sweeper; a late real end still wins', async () => {
      const started = new Date(Date.now() - 60 * 60_000).toISOString()
      await intake(event({ callId: 'lost', timestamp: started }))
      const closed = await env.services.telephony.calls.sweep(Date.now())
      assert.ok(closed >= 1)
      const swept = await env.services.telephony.calls.findCall(env.workspaceId, line.id, 'lost')
      assert.equal(swept?.status, 'ended')
      assert.equal(swept?.endReason, 'timeout')
      assert.equal(await env.services.telephony.calls.sweep(Date.now()), 0)
      const late = await intake(event({ callId: 'lost', event: 'ended', sequence: 9, reason: 'busy', timestamp: new Date(Date.parse(started) + 1000).toISOString() }))
      assert.equal(late.json.data.call.endReason, 'busy')
    })

    test('generic adapter fixtures: Twilio with its signature, Asterisk ARI, FreeSWITCH', async () => {
      const twilioLine = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Twilio', provider: 'twilio', secret: 'twilio-auth-token-0123456789abcdef' })).json.data
      const url = `/api/v1/telephony/adapters/twilio/${twilioLine.token}`
      for (const form of fixture('twilio-call.json').requests as string[]) {
        const params = Object.fromEntries(new URLSearchParams(form))
        const signature = twilioSignature('twilio-auth-token-0123456789abcdef', `http://localhost:80${url}`, params)
        const res = await env.app.inject({ method: 'POST', url, payload: form, headers: { host: 'localhost:80', 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } })
        assert.equal(res.statusCode, 200, res.body)
        assert.match(res.headers['content-type'] as string, /xml/)
      }
      const forged = await env.app.inject({ method: 'POST', url, payload: (fixture('twilio-call.json').requests as string[])[0], headers: { host: 'localhost:80', 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' } })
      assert.equal(forged.statusCode, 401)
      const twilio = await env.services.telephony.calls.findCall(env.workspaceId, twilioLine.id, 'CA5f1b1e3f3c0e4d1b9a7c2d6e8f0a1b2c')
      assert.equal(twilio?.status, 'ended')
      assert.equal(twilio?.endReason, 'completed')
      assert.equal(twilio?.digits, '2')
      assert.equal(twilio?.answeredAt, '2026-11-30T17:00:05.000Z')
      assert.match(twilio?.recordingUrl ?? '', /Recordings\/RE0123/)

      const ari = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Asterisk', provider: 'asterisk' })).json.data
      for (const e of fixture('asterisk-ari-call.json').events) {
        const res = await post(env, `/api/v1/telephony/adapters/asterisk/${ari.token}`, e)
        assert.equal(res.status, 200, res.body)
      }
      const asterisk = await env.services.telephony.calls.findCall(env.workspaceId, ari.id, '1764522600.42')
      assert.equal(asterisk?.status, 'ended')
      assert.equal(asterisk?.from, '+37061234567')
      assert.equal(asterisk?.digits, '1#')
      assert.equal(asterisk?.answeredAt, '2026-11-30T17:10:04.512Z')
      assert.equal(asterisk?.endedAt, '2026-11-30T17:12:04.000Z')
      assert.equal(await count(env, 'call_events', { line_id: ari.id }), 6, 'StasisEnd after the hangup request is the same end; StasisStart adds the queued event that asks the ACD')

      const fs1 = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'FreeSWITCH', provider: 'freeswitch' })).json.data
      for (const e of fixture('freeswitch-call.json').events) assert.equal((await post(env, `/api/v1/telephony/adapters/freeswitch/${fs1.token}`, e)).status, 200)
      const freeswitch = await env.services.telephony.calls.findCall(env.workspaceId, fs1.id, '7b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0')
      assert.equal(freeswitch?.from, '+37061234567')
      assert.equal(freeswitch?.queue, 'support@default')
      assert.equal(freeswitch?.endReason, 'completed')
      assert.equal(freeswitch?.endedAt, '2026-11-30T17:21:03.500Z')
      assert.equal(freeswitch?.activityId !== null, true)
    })

    test('Zammad CTI: form newCall, JSON answer and hangup, reject for a blocked number, unknown token', async () => {
      const z = fixture('zammad-cti.json')
      const form = await env.app.inject({ method: 'POST', url: `/api/v1/cti/${line.token}`, payload: z.newCallForm, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(form.statusCode, 200, form.body)
      assert.deepEqual(JSON.parse(form.body), {})
      assert.deepEqual((await post(env, `/api/v1/cti/${line.token}`, z.answerJson)).json, {})
      assert.deepEqual((await post(env, `/api/v1/cti/${line.token}`, z.hangupJson)).json, {})
      const zammadCall = await env.services.telephony.calls.findCall(env.workspaceId, line.id, z.newCallForm.match(/callId=(\w+)/)[1])
      assert.equal(zammadCall?.from, '+49305557160')
      assert.equal(zammadCall?.queue, 'helpdesk')
      assert.equal(zammadCall?.status, 'ended')
      const rejected = await post(env, `/api/v1/cti/${line.token}`, { event: 'newCall', from: '+37069999999', to: '+37052000000', direction: 'in', callId: 'blocked-1' })
      assert.deepEqual(rejected.json, { action: 'reject', reason: 'busy' })
      const blocked = await env.services.telephony.calls.findCall(env.workspaceId, line.id, 'blocked-1')
      assert.equal(blocked?.endReason, 'rejected')
      assert.equal((await post(env, `/api/v1/cti/rpl_${env.workspaceId}_${'y'.repeat(32)}`, z.answerJson)).status, 401)
      const bad = await post(env, `/api/v1/cti/${line.token}`, { event: 'explode', callId: 'x' })
      assert.equal(bad.status, 400)
      assert.equal(bad.json.errors[0].pointer, '/event')
    })

    test('flood: 10,000 events from one line are all counted exactly once; over the limit answers 429 and counts nothing', async () => {
      const flood = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Flood', provider: 'generic' })).json.data
      const calls = 2_000
      const kinds = [
        (i: number) => event({ callId: `f-${i}`, from: `+3706${String(1000000 + i).slice(-7)}` }),
        (i: number) => event({ callId: `f-${i}`, event: 'answered', sequence: 2, timestamp: T(2) }),
        (i: number) => event({ callId: `f-${i}`, event: 'dtmf', sequence: 3, digits: '5', timestamp: T(3) }),
        (i: number) => event({ callId: `f-${i}`, event: 'ended', sequence: 4, reason: 'completed', timestamp: T(9) }),
        (i: number) => event({ callId: `f-${i}`, event: 'ringing', sequence: 1 }), // a redelivery
      ]
      const bodies = kinds.flatMap((make) => Array.from({ length: calls }, (_, i) => make(i)))
      assert.equal(bodies.length, 10_000)
      const started = Date.now()
      const statuses = new Map<number, number>()
      let duplicates = 0
      const CONCURRENCY = 32
      for (let i = 0; i < bodies.length; i += CONCURRENCY) {
        const results = await Promise.all(bodies.slice(i, i + CONCURRENCY).map((b) => intake(b, flood.token)))
        for (const r of results) {
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
          if (r.json?.data?.duplicate) duplicates++
        }
      }
      const seconds = (Date.now() - started) / 1000
      assert.deepEqual([...statuses], [[200, 10_000]])
      assert.equal(duplicates, calls)
      assert.equal(await count(env, 'call_events', { line_id: flood.id }), 4 * calls)
      assert.equal(await count(env, 'calls', { line_id: flood.id }), calls)
      assert.equal(await count(env, 'calls', { line_id: flood.id, status: 'ended' }), calls)
      const cards = await env.services.database.workspace(env.workspaceId).db.selectFrom('calls').select('activity_id').where('line_id', '=', flood.id).distinct().execute()
      assert.equal(cards.length, calls)
      console.log(`# flood (${dialect.name}): 10,000 events in ${seconds.toFixed(1)} s = ${Math.round(10_000 / seconds)} events/s`)

      const small = (await call(env, 'POST', '/api/v1/telephony/lines', { name: 'Small', provider: 'generic', ratePerMinute: 50 })).json.data
      const burst = await Promise.all(Array.from({ length: 80 }, (_, i) => intake(event({ callId: `s-${i}` }), small.token)))
      const limited = burst.filter((r) => r.status === 429)
      assert.equal(burst.filter((r) => r.status === 200).length, 50)
      assert.equal(limited.length, 30)
      assert.ok(Number(limited[0].headers['retry-after']) >= 1)
      assert.equal(limited[0].json.code, 'rate-limited')
      assert.equal(await count(env, 'calls', { line_id: small.id }), 50)
      // Other lines keep working while one is limited.
      assert.equal((await intake(event({ callId: 'after-flood' }))).status, 200)
    })
  })
}
