/**
 * IVR flows over HTTP on every dialect: validation naming the node (dead ends, loops without
 * input, traps, unreachable nodes, unknown targets, missing translations, oversized flows),
 * drafts and immutable published versions, export, and DTMF replays through business hours,
 * holidays, invalid-input retries and an order-status lookup read as the service identity.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { sampleFlow, say } from './support/ivr-flows.js'

const BASE = '/api/v1/contact-center/ivr-flows'
const errorsOf = (res: { json: any }) => (res.json.errors ?? []).map((e: { pointer: string }) => e.pointer)

for (const dialect of DIALECTS) {
  describe(`IVR flows [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { auth: { authorization: string } }
    let flowId: string

    before(async () => {
      env = await startEnv(dialect)
      member = await env.addMember('Member', 'agent')
      for (const [orderNumber, status] of [['10042', 'shipped'], ['10043', 'paid']]) {
        const res = await call(env, 'POST', '/api/v1/records/orders', { orderNumber, status, total: { amount: '19.90', currency: 'EUR' } })
        assert.equal(res.status, 201, JSON.stringify(res.json))
      }
    })
    after(() => env.close())

    test('a valid flow is saved as a draft; a member may read but not change it', async () => {
      const res = await call(env, 'POST', BASE, { name: 'Main line', definition: sampleFlow() })
      assert.equal(res.status, 201, JSON.stringify(res.json))
      assert.equal(res.json.data.publishedVersion, null)
      assert.equal(res.headers.etag, '"1"')
      flowId = res.json.data.id
      const read = await call(env, 'GET', `${BASE}/${flowId}`, undefined, member.auth)
      assert.equal(read.status, 200)
      assert.equal(read.json.data.editable, false)
      const denied = await call(env, 'PATCH', `${BASE}/${flowId}`, { name: 'Mine' }, member.auth)
      assert.equal(denied.status, 403)
      assert.equal((await call(env, 'POST', BASE, { name: 'x', definition: sampleFlow() }, member.auth)).status, 403)
      assert.equal((await call(env, 'POST', `${BASE}/${flowId}/publish`, undefined, member.auth)).status, 403)
    })

    test('a dead end is refused naming the node', async () => {
      const flow = sampleFlow() as any
      delete flow.nodes.welcome.next
      const res = await call(env, 'POST', BASE, { name: 'Broken', definition: flow })
      assert.equal(res.status, 400)
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
      assert.deepEqual(errorsOf(res), ['/definition/nodes/welcome'])
      assert.match(res.json.errors[0].detail, /dead end.*"next"/)
    })

    test('a loop without input, a trap, unknown targets and unreachable nodes are named', async () => {
      const loop = sampleFlow() as any
      loop.nodes.welcome.next = 'again'
      loop.nodes.again = { type: 'prompt', prompt: say('Again'), next: 'welcome' }
      const res = await call(env, 'POST', BASE, { name: 'Loop', definition: loop })
      assert.equal(res.status, 400)
      assert.ok(errorsOf(res).includes('/definition/nodes/welcome'), JSON.stringify(res.json))
      assert.match(res.json.errors.find((e: any) => e.pointer === '/definition/nodes/welcome').detail, /loop that no caller input can leave: welcome → again → welcome/)

      const trap = sampleFlow() as any
      trap.nodes.main = { type: 'menu', prompt: say('Trap'), choices: { 1: 'main' } }
      trap.nodes.main.choices = { 1: 'main' }
      const trapped = await call(env, 'POST', BASE, { name: 'Trap', definition: trap })
      assert.equal(trapped.status, 400)
      assert.ok(errorsOf(trapped).includes('/definition/nodes/main'), JSON.stringify(trapped.json))

      const unknown = sampleFlow() as any
      unknown.nodes.main.choices['3'] = 'nowhere'
      unknown.nodes.island = { type: 'hangup' }
      const bad = await call(env, 'POST', BASE, { name: 'Unknown', definition: unknown })
      assert.equal(bad.status, 400)
      assert.deepEqual(errorsOf(bad), ['/definition/nodes/main/choices/3'])
      assert.match(bad.json.errors[0].detail, /"nowhere", which does not exist/)
      delete unknown.nodes.main.choices['3']
      const island = await call(env, 'POST', BASE, { name: 'Island', definition: unknown })
      assert.deepEqual(errorsOf(island), ['/definition/nodes/island'])
      assert.match(island.json.errors[0].detail, /cannot be reached/)

      const start = await call(env, 'POST', BASE, { name: 'No start', definition: { ...sampleFlow(), start: 'ghost' } })
      assert.deepEqual(errorsOf(start), ['/definition/start'])
    })

    test('missing translations, bad zones, bad hours and unknown lookup fields are named', async () => {
      const flow = sampleFlow() as any
      flow.nodes.main.prompt.text = { en: 'Press 1' }
      flow.nodes.welcome.prompt.text.ru = '   '
      flow.timeZone = 'Mars/Olympus'
      flow.nodes.hours.weekly.mon = [['17:00', '09:00']]
      flow.nodes.order.matchField = 'secretCode'
      const res = await call(env, 'POST', BASE, { name: 'Untranslated', definition: flow })
      assert.equal(res.status, 400)
      assert.deepEqual(errorsOf(res).sort(), [
        '/definition/nodes/hours/weekly/mon/0', '/definition/nodes/main/prompt/text/ru', '/definition/nodes/order/matchField',
        '/definition/nodes/welcome/prompt/text/ru', '/definition/timeZone',
      ])
    })

    test('oversized flows, bad node ids, unknown node types and injection text are refused or kept inert', async () => {
      const big = sampleFlow() as any
      for (let i = 0; i < 200; i++) big.nodes[`n${i}`] = { type: 'hangup' }
      const oversized = await call(env, 'POST', BASE, { name: 'Big', definition: big })
      assert.equal(oversized.status, 400)
      assert.ok(JSON.stringify(oversized.json).includes('/definition/nodes'))
      const badId = await call(env, 'POST', BASE, { name: 'Bad id', definition: { ...sampleFlow(), nodes: { ...sampleFlow().nodes, 'a/b': { type: 'hangup' } } } })
      assert.equal(badId.status, 400)
      const badType = await call(env, 'POST', BASE, { name: 'Bad type', definition: { ...sampleFlow(), nodes: { ...sampleFlow().nodes, x: { type: 'exec', cmd: 'rm -rf /' } } } })
      assert.equal(badType.status, 400)
      const hostile = sampleFlow() as any
      hostile.nodes.welcome.prompt.text.en = `'; drop table ivr_flows; -- <script>alert(1)</script>`
      const kept = await call(env, 'POST', BASE, { name: `<img src=x onerror=alert(1)>'); --`, definition: hostile })
      assert.equal(kept.status, 201, JSON.stringify(kept.json))
      const list = await call(env, 'GET', BASE)
      assert.ok(list.json.data.some((f: any) => f.definition.nodes.welcome.prompt.text.en.startsWith(`'; drop table`)))
      assert.equal((await call(env, 'GET', `${BASE}/${flowId}`)).status, 200)
      assert.equal((await call(env, 'POST', `${BASE}/${flowId}/simulate`, { digits: '1;drop' })).status, 400)
    })

    test('simulating needs a published version; publishing keeps history immutable', async () => {
      const early = await call(env, 'POST', `${BASE}/${flowId}/simulate`, { digits: '1', at: '2026-12-01T10:00:00Z' })
      assert.equal(early.status, 409)
      const draft = await call(env, 'POST', `${BASE}/${flowId}/simulate`, { digits: '1', at: '2026-12-01T10:00:00Z', draft: true })
      assert.equal(draft.json.data.version, 'draft')
      const v1 = await call(env, 'POST', `${BASE}/${flowId}/publish`)
      assert.equal(v1.status, 201)
      assert.equal(v1.json.data.version, 1)
      // Change the draft: sales now goes to the operator. Calls still use version 1 until published.
      const flow = sampleFlow() as any
      flow.nodes.main.choices['1'] = 'operator'
      delete flow.nodes.sales
      const stale = await call(env, 'PATCH', `${BASE}/${flowId}`, { definition: flow }, { 'if-match': '"7"' })
      assert.equal(stale.status, 412)
      const saved = await call(env, 'PATCH', `${BASE}/${flowId}`, { definition: flow }, { 'if-match': '"1"' })
      assert.equal(saved.status, 200, JSON.stringify(saved.json))
      assert.equal(saved.json.data.draftChanged, true)
      const still = await call(env, 'POST', `${BASE}/${flowId}/simulate`, { digits: '1', at: '2026-12-01T10:00:00Z' })
      assert.deepEqual(still.json.data.action, { kind: 'queue', node: 'sales', queue: 'sales', skills: ['sales', 'lang-en'], priority: 5 })
      const v2 = await call(env, 'POST', `${BASE}/${flowId}/publish`)
      assert.equal(v2.json.data.version, 2)
      const now = await call(env, 'POST', `${BASE}/${flowId}/simulate`, { digits: '1', at: '2026-12-01T10:00:00Z' })
      assert.equal(now.json.data.version, 2)
      assert.equal(now.json.data.action.queue, 'support')
      const versions = await call(env, 'GET', `${BASE}/${flowId}/versions`)
      assert.deepEqual(versions.json.data.map((v: any) => v.version), [2, 1])
      assert.equal((await call(env, 'GET', `${BASE}/${flowId}/versions/1`)).json.data.definition.nodes.sales.queue, 'sales')
      assert.equal((await call(env, 'GET', `${BASE}/${flowId}/versions/9`)).status, 404)
      // Back to the sample for the replays below.
      const restored = await call(env, 'PATCH', `${BASE}/${flowId}`, { definition: sampleFlow() })
      assert.equal(restored.status, 200)
      assert.equal((await call(env, 'POST', `${BASE}/${flowId}/publish`)).json.data.version, 3)
    })

    test('export is the JSON flow adapters execute, without the service role', async () => {
      const res = await call(env, 'GET', `${BASE}/${flowId}/versions/3/export`, undefined, member.auth)
      assert.equal(res.status, 200)
      assert.equal(res.json.format, 'rapport-ivr/1')
      assert.equal(res.json.version, 3)
      assert.equal(res.json.start, 'welcome')
      assert.equal(res.json.timeZone, 'Europe/Vilnius')
      assert.deepEqual(Object.keys(res.json.nodes).sort(), Object.keys(sampleFlow().nodes).sort())
      assert.equal('serviceRoleId' in res.json, false)
    })

    const replay = (digits: string, at: string, extra: Record<string, unknown> = {}) =>
      call(env, 'POST', `${BASE}/${flowId}/simulate`, { digits, at, callerNumber: '+37060000000', ...extra }, member.auth)
    const nodesOf = (res: { json: any }) => res.json.data.path.map((s: any) => s.node)

    test('business hours: open on a weekday in Vilnius, closed at night, on weekends and on holidays', async () => {
      const open = await replay('1', '2026-12-01T08:30:00Z') // Tuesday 10:30 in Vilnius (UTC+2)
      assert.deepEqual(nodesOf(open), ['welcome', 'hours', 'main', 'sales'])
      assert.equal(open.json.data.path[1].via, 'open')
      assert.equal(open.json.data.action.kind, 'queue')
      const evening = await replay('1', '2026-12-01T15:30:00Z') // 17:30 local: closed
      assert.deepEqual(evening.json.data.action, { kind: 'voicemail', node: 'closedMsg', queue: 'support' })
      const friday = await replay('1', '2026-12-04T14:30:00Z') // Friday 16:30 local: closes at 16:00
      assert.equal(friday.json.data.action.kind, 'voicemail')
      const saturday = await replay('1', '2026-12-05T10:00:00Z')
      assert.equal(saturday.json.data.action.kind, 'voicemail')
      const christmas = await replay('1', '2026-12-24T09:00:00Z') // Thursday, but a holiday
      assert.equal(christmas.json.data.path[1].via, 'closed')
      const russian = await replay('1', '2026-12-01T08:30:00Z', { language: 'ru' })
      assert.equal(russian.json.data.path[0].said, 'Welcome to Rapport (ru)')
    })

    test('invalid input and silence retry the menu, then fail over to onFail', async () => {
      const retried = await replay('7,,1', '2026-12-01T08:30:00Z')
      assert.deepEqual(nodesOf(retried), ['welcome', 'hours', 'main', 'main', 'main', 'sales'])
      assert.deepEqual(retried.json.data.path.slice(2, 5).map((s: any) => s.via), ['retry', 'retry', '1'])
      const failed = await replay('7,8,9', '2026-12-01T08:30:00Z')
      assert.deepEqual(failed.json.data.path.slice(2, 5).map((s: any) => s.via), ['retry', 'retry', 'fail'])
      assert.equal(failed.json.data.action.queue, 'support')
      const waiting = await replay('', '2026-12-01T08:30:00Z')
      assert.deepEqual(waiting.json.data.action, { kind: 'incomplete', node: 'main', reason: 'waiting-for-input' })
    })

    test('order status lookup reads the orders object as the service identity', async () => {
      const found = await replay('2,10042#,0', '2026-12-01T08:30:00Z')
      assert.deepEqual(nodesOf(found), ['welcome', 'hours', 'main', 'order', 'orderSaid', 'operator'])
      assert.deepEqual(found.json.data.lookups, [{ node: 'order', entered: '10042', found: true, answer: { status: 'shipped', total: { amount: '19.90', currency: 'EUR' } } }])
      const missing = await replay('2,99999#,1', '2026-12-01T08:30:00Z')
      assert.equal(missing.json.data.lookups[0].found, false)
      assert.deepEqual(nodesOf(missing).slice(3), ['order', 'main', 'sales'])
      // A service role that may not read orders answers "not found", never the order.
      const role = await call(env, 'POST', '/api/v1/access/roles', { name: 'IVR no orders', permissions: { defaultObject: { read: true }, objects: { orders: { read: false } } } })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      const narrowed = { ...sampleFlow(), serviceRoleId: role.json.data.id }
      const saved = await call(env, 'PATCH', `${BASE}/${flowId}`, { definition: narrowed })
      assert.equal(saved.status, 200, JSON.stringify(saved.json))
      const denied = await call(env, 'POST', `${BASE}/${flowId}/simulate`, { digits: '2,10042#,0', at: '2026-12-01T08:30:00Z', draft: true })
      assert.deepEqual(denied.json.data.lookups[0], { node: 'order', entered: '10042', found: false, answer: null })
      const adminRole = (await env.services.access.listRoles(env.workspaceId)).find((r) => r.isAdmin)!
      const asAdmin = await call(env, 'PATCH', `${BASE}/${flowId}`, { definition: { ...sampleFlow(), serviceRoleId: adminRole.id } })
      assert.deepEqual(errorsOf(asAdmin), ['/definition/serviceRoleId'])
    })

    test('unknown ids answer 404; a member cannot delete', async () => {
      assert.equal((await call(env, 'GET', `${BASE}/00000000-0000-7000-8000-000000000000`)).status, 404)
      assert.equal((await call(env, 'DELETE', `${BASE}/${flowId}`, undefined, member.auth)).status, 403)
      assert.equal((await call(env, 'DELETE', `${BASE}/${flowId}`)).status, 204)
      assert.equal((await call(env, 'GET', `${BASE}/${flowId}/versions`)).status, 404)
    })
  })
}
