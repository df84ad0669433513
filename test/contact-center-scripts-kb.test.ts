/**
 * Agent scripts and the knowledge base over HTTP on every dialect: script graphs validated like
 * IVR flows, runs replayed and saved on a call activity (and refused whole on a wrong answer),
 * articles with member/admin rights, search across articles and stored requests in four
 * scripts (folded: ё = е, ي = ی, ą = a), suggestions by the caller's words, promotion from an
 * activity, and the public portal that never shows internal or draft articles.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const SCRIPTS = '/api/v1/contact-center/scripts'
const KB = '/api/v1/contact-center/kb'
type Who = { authorization: string }

const script = () => ({
  start: 'reason',
  nodes: {
    reason: { type: 'question', text: 'Why are you calling?', answerType: 'choice', choices: ['billing', 'delivery'], branches: { billing: 'invoice', delivery: 'late' } },
    invoice: { type: 'question', text: 'Invoice number?', answerType: 'number', next: 'resolved' },
    late: { type: 'question', text: 'Is the parcel more than a week late?', answerType: 'yesNo', branches: { yes: 'refund', no: 'wait' } },
    resolved: { type: 'question', text: 'Anything else?', answerType: 'text', next: 'done' },
    refund: { type: 'end', outcome: 'refund-offered' },
    wait: { type: 'end', outcome: 'asked-to-wait' },
    done: { type: 'end', outcome: 'billing-answered' },
  },
})
const pointers = (res: { json: any }) => (res.json.errors ?? []).map((e: { pointer: string }) => e.pointer)

for (const dialect of DIALECTS) {
  describe(`agent scripts and knowledge base [${dialect.name}]`, () => {
    let env: TestEnv
    let other: TestEnv
    let member: { userId: string; auth: Who }
    let reader: { userId: string; auth: Who }
    let scriptId: string
    let callId: string

    before(async () => {
      env = await startEnv(dialect)
      other = await startEnv(dialect)
      member = await env.addMember('Member', 'agent')
      reader = await env.addMember('Read only', 'viewer')
      const activity = await call(env, 'POST', '/api/v1/records/activities', {
        type: 'call', subject: 'Посылка не пришла', body: 'Клиент ждёт посылку уже две недели, заказ 10042. Предложили возврат.',
      })
      assert.equal(activity.status, 201, JSON.stringify(activity.json))
      callId = activity.json.data.id
    })
    after(async () => {
      await env.close()
      await other.close()
    })

    test('scripts: admins create, members may not; the graph is validated naming the node', async () => {
      assert.equal((await call(env, 'POST', SCRIPTS, { name: 'Support', queues: ['support'], definition: script() }, member.auth)).status, 403)
      const created = await call(env, 'POST', SCRIPTS, { name: 'Support', queues: ['support'], callReasons: ['delivery'], definition: script() })
      assert.equal(created.status, 201, JSON.stringify(created.json))
      scriptId = created.json.data.id
      const byQueue = await call(env, 'GET', `${SCRIPTS}?queue=support`, undefined, member.auth)
      assert.deepEqual(byQueue.json.data.map((s: any) => s.id), [scriptId])
      assert.deepEqual((await call(env, 'GET', `${SCRIPTS}?queue=sales`)).json.data, [])

      const deadEnd = script() as any
      delete deadEnd.nodes.late.branches.no
      const refused = await call(env, 'POST', SCRIPTS, { name: 'x', definition: deadEnd })
      assert.deepEqual(pointers(refused), ['/definition/nodes/late'])
      assert.match(refused.json.errors[0].detail, /dead end: it has no "branch for "no""/)
      const loop = script() as any
      loop.nodes.resolved.next = 'invoice'
      const looped = await call(env, 'POST', SCRIPTS, { name: 'x', definition: loop })
      assert.equal(looped.status, 400)
      assert.ok(pointers(looped).includes('/definition/nodes/invoice') || pointers(looped).includes('/definition/nodes/resolved'), JSON.stringify(looped.json))
      const wrongBranch = script() as any
      wrongBranch.nodes.reason.branches.refund = 'refund'
      assert.deepEqual(pointers(await call(env, 'POST', SCRIPTS, { name: 'x', definition: wrongBranch })), ['/definition/nodes/reason/branches'])
      const proto = { start: 'q', nodes: { q: { type: 'question', text: 'Pick', answerType: 'choice', choices: ['constructor', 'toString'], branches: { toString: 'e' } }, e: { type: 'end', outcome: 'x' } } }
      const trapped = await call(env, 'POST', SCRIPTS, { name: 'proto', definition: proto })
      assert.deepEqual(pointers(trapped), ['/definition/nodes/q'], 'Object.prototype names are not branches')
      const unknown = script() as any
      unknown.nodes.invoice.next = 'ghost'
      assert.deepEqual(pointers(await call(env, 'POST', SCRIPTS, { name: 'x', definition: unknown })), ['/definition/nodes/invoice/next'])
    })

    test('a run is replayed, saved on the call activity and shown there', async () => {
      const run = await call(env, 'POST', `${SCRIPTS}/${scriptId}/runs`, {
        activityId: callId, answers: [{ node: 'reason', value: 'delivery' }, { node: 'late', value: 'yes' }],
      }, member.auth)
      assert.equal(run.status, 201, JSON.stringify(run.json))
      assert.equal(run.json.data.outcome, 'refund-offered')
      const shown = await call(env, 'GET', `/api/v1/contact-center/script-runs?activityId=${callId}`, undefined, reader.auth)
      assert.equal(shown.status, 200)
      assert.deepEqual(shown.json.data[0].answers, [
        { node: 'reason', question: 'Why are you calling?', value: 'delivery' }, { node: 'late', question: 'Is the parcel more than a week late?', value: true },
      ])
    })

    test('wrong answers, unfinished runs and foreign activities are refused and nothing is stored', async () => {
      const runOf = (answers: unknown, activityId = callId, who: Who = member.auth) => call(env, 'POST', `${SCRIPTS}/${scriptId}/runs`, { activityId, answers }, who)
      assert.deepEqual(pointers(await runOf([{ node: 'reason', value: 'weather' }])), ['/answers/0/value'])
      assert.deepEqual(pointers(await runOf([{ node: 'reason', value: 'billing' }, { node: 'invoice', value: 'abc' }])), ['/answers/1/value'])
      assert.deepEqual(pointers(await runOf([{ node: 'late', value: 'yes' }])), ['/answers/0/node'])
      assert.deepEqual(pointers(await runOf([{ node: 'reason', value: 'delivery' }])), ['/answers'])
      assert.deepEqual(pointers(await runOf([{ node: 'reason', value: 'delivery' }, { node: 'late', value: false }, { node: 'x', value: 1 }])), ['/answers/2'])
      const note = await call(env, 'POST', '/api/v1/records/activities', { type: 'note', subject: 'A note' })
      assert.deepEqual(pointers(await runOf([{ node: 'reason', value: 'delivery' }, { node: 'late', value: 'no' }], note.json.data.id)), ['/activityId'])
      const foreign = await call(other, 'POST', '/api/v1/records/activities', { type: 'call', subject: 'Elsewhere' })
      assert.equal((await runOf([{ node: 'reason', value: 'delivery' }, { node: 'late', value: 'no' }], foreign.json.data.id)).status, 404)
      assert.equal((await runOf([{ node: 'reason', value: 'delivery' }, { node: 'late', value: 'no' }], callId, reader.auth)).status, 403)
      const stored = await call(env, 'GET', `/api/v1/contact-center/script-runs?activityId=${callId}`)
      assert.equal(stored.json.data.length, 1)
    })

    let ruArticle: string
    test('articles: members write drafts, only admins publish; drafts are private to their author', async () => {
      const draft = await call(env, 'POST', `${KB}/articles`, {
        title: 'Посылка задерживается', body: 'Если посылка задерживается больше недели, предложите возврат или повторную отправку.', language: 'ru', tags: ['доставка'],
      }, member.auth)
      assert.equal(draft.status, 201, JSON.stringify(draft.json))
      ruArticle = draft.json.data.id
      assert.equal(draft.json.data.status, 'draft')
      assert.equal((await call(env, 'POST', `${KB}/articles`, { title: 'x', body: '', language: 'en', status: 'published' }, member.auth)).status, 403)
      assert.equal((await call(env, 'GET', `${KB}/articles/${ruArticle}`, undefined, reader.auth)).status, 404)
      const published = await call(env, 'PATCH', `${KB}/articles/${ruArticle}`, { status: 'published', visibility: 'public' }, member.auth)
      assert.equal(published.status, 403)
      const byAdmin = await call(env, 'PATCH', `${KB}/articles/${ruArticle}`, { status: 'published', visibility: 'public' }, { 'if-match': '"1"' })
      assert.equal(byAdmin.status, 200, JSON.stringify(byAdmin.json))
      assert.equal((await call(env, 'PATCH', `${KB}/articles/${ruArticle}`, { title: 'Моё' }, member.auth)).status, 403)
      assert.equal((await call(env, 'GET', `${KB}/articles/${ruArticle}`, undefined, reader.auth)).json.data.editable, false)
      for (const body of [
        { title: 'Internal refund rules', body: 'Refunds over 100 EUR need a supervisor.', language: 'en', visibility: 'internal', status: 'published' },
        { title: 'بازپرداخت سفارش', body: 'برای بازپرداخت شماره سفارش را بگویید', language: 'fa', visibility: 'public', status: 'published' },
        { title: 'Grąžinimas', body: 'Pinigų grąžinimas per 14 dienų.', language: 'lt', visibility: 'public', status: 'published' },
        { title: 'Draft public', body: 'not yet', language: 'en', visibility: 'public', status: 'draft' },
      ]) assert.equal((await call(env, 'POST', `${KB}/articles`, body)).status, 201)
    })

    test('search folds every script and covers stored requests as the caller may see them', async () => {
      const search = async (q: string, who: Who = member.auth, extra = '') => (await call(env, 'GET', `${KB}/search?q=${encodeURIComponent(q)}${extra}`, undefined, who)).json.data
      const ru = await search('посылка')
      assert.deepEqual(ru.map((h: any) => `${h.kind}:${h.title}`), ['article:Посылка задерживается', 'activity:Посылка не пришла'])
      assert.ok((await search('ждет')).some((h: any) => h.kind === 'activity' && h.id === callId), 'ё in "ждёт" folds to е')
      assert.deepEqual((await search('بازپرداخت')).map((h: any) => h.language), ['fa'])
      assert.deepEqual((await search('بازپرداخت')).length, (await search('بازپرداخت'.replace(/ی/g, 'ي'))).length)
      assert.deepEqual((await search('grazinimas')).map((h: any) => h.title), ['Grąžinimas'])
      assert.deepEqual((await search('refund supervisor')).map((h: any) => h.title), ['Internal refund rules'])
      assert.deepEqual(await search('draft public', member.auth), [], 'another author\'s draft stays hidden')
      assert.equal((await search('draft public', env.auth)).length, 1)
      assert.deepEqual((await search('посылка', member.auth, '&include=articles')).map((h: any) => h.kind), ['article'])
      // A role that cannot read activities finds articles only.
      const role = await call(env, 'POST', '/api/v1/access/roles', { name: 'KB only', permissions: { defaultObject: { read: true }, objects: { activities: { read: false } } } })
      const kbOnly = await env.addMember(role.json.data.id, 'kbonly')
      assert.deepEqual((await search('посылка', kbOnly.auth)).map((h: any) => h.kind), ['article'])
      // A deleted request disappears from search.
      const later = await call(env, 'POST', '/api/v1/records/activities', { type: 'call', subject: 'Zebra crossing question' })
      assert.equal((await search('zebra')).length, 1)
      await call(env, 'DELETE', `/api/v1/records/activities/${later.json.data.id}`)
      assert.equal((await search('zebra')).length, 0)
      for (const q of [`'; drop table kb_articles; --`, '%', '_', '\\', '" OR 1=1', '*']) {
        const res = await call(env, 'GET', `${KB}/search?q=${encodeURIComponent(q)}`)
        assert.equal(res.status, 200, q)
      }
      assert.equal((await call(env, 'GET', `${KB}/search?q=x&language=de`)).status, 400)
    })

    test('suggest ranks articles by the caller\'s words', async () => {
      const res = await call(env, 'GET', `${KB}/suggest?text=${encodeURIComponent('Здравствуйте, моя посылка задерживается уже неделю')}`, undefined, member.auth)
      assert.equal(res.status, 200)
      assert.equal(res.json.data[0].id, ruArticle)
      const none = await call(env, 'GET', `${KB}/suggest?text=${encodeURIComponent('hi')}`)
      assert.deepEqual(none.json.data, [])
    })

    test('promote an activity to a draft article', async () => {
      const res = await call(env, 'POST', `${KB}/promote/${callId}`, { tags: ['delivery'] }, member.auth)
      assert.equal(res.status, 201, JSON.stringify(res.json))
      assert.equal(res.json.data.title, 'Посылка не пришла')
      assert.equal(res.json.data.language, 'ru')
      assert.equal(res.json.data.status, 'draft')
      assert.equal(res.json.data.sourceActivityId, callId)
      assert.equal((await call(env, 'POST', `${KB}/promote/00000000-0000-7000-8000-000000000000`, {})).status, 404)
    })

    test('the portal serves published public articles without sign-in, never internal or draft ones', async () => {
      const open = (url: string) => env.app.inject({ method: 'GET', url })
      const list = await open(`/api/v1/portal/${env.workspaceId}/kb/articles`)
      assert.equal(list.statusCode, 200)
      const titles = JSON.parse(list.body).data.map((h: any) => h.title).sort()
      assert.deepEqual(titles, ['Grąžinimas', 'Посылка задерживается', 'بازپرداخت سفارش'])
      const internal = await call(env, 'GET', `${KB}/search?q=internal%20refund`)
      const internalId = internal.json.data[0].id
      assert.equal((await open(`/api/v1/portal/${env.workspaceId}/kb/articles/${internalId}`)).statusCode, 404)
      const one = await open(`/api/v1/portal/${env.workspaceId}/kb/articles/${ruArticle}`)
      assert.equal(JSON.parse(one.body).data.title, 'Посылка задерживается')
      assert.equal('createdBy' in JSON.parse(one.body).data, false)
      assert.equal((await open(`/api/v1/portal/${other.workspaceId}/kb/articles/${ruArticle}`)).statusCode, 404)
      assert.equal((await open('/api/v1/portal/nope/kb/articles')).statusCode, 404)
      assert.equal((await open('/api/v1/portal/..%2F..%2Fetc/kb/articles')).statusCode, 400)
      const searched = await open(`/api/v1/portal/${env.workspaceId}/kb/articles?q=${encodeURIComponent('refund')}`)
      assert.deepEqual(JSON.parse(searched.body).data, [])
      // Signed-in members still need their own routes for drafts: the members' API refuses anonymous calls.
      assert.equal((await open(`${KB}/search?q=x`)).statusCode, 401)
    })
  })
}
