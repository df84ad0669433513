/**
 * POST /api/v1/records/{object}/merge on both dialects: relations of every kind are moved to
 * the survivor (many-to-one from any object, many-to-many junction pairs without doubles,
 * links, shares), chosen field values win, history keeps the merge with a snapshot, hidden
 * fields stay hidden, bad input is a 400 naming the field, and a failure mid-merge leaves
 * nothing half-written.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const create = async (env: TestEnv, object: string, data: Record<string, unknown>) => {
  const response = await call(env, 'POST', `/api/v1/records/${object}`, data)
  assert.equal(response.status, 201, JSON.stringify(response.json))
  return response.json.data
}

for (const dialect of DIALECTS) {
  describe(`merge records [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(async () => { await env.close() })

    test('merging companies moves their people, opportunities and links; chosen values win', async () => {
      const keep = await create(env, 'companies', { name: 'Acme', domain: 'acme.example', employees: 10 })
      const dupe = await create(env, 'companies', { name: 'ACME Ltd', domain: 'acme.example', employees: 250, industry: 'software' })
      const ona = await create(env, 'people', { firstName: 'Ona', lastName: 'Petraitė', company: dupe.id })
      const deal = await create(env, 'opportunities', { name: 'Big deal', company: dupe.id, contact: ona.id })
      const note = await create(env, 'activities', { type: 'note', subject: 'Met ACME', links: [{ object: 'companies', id: dupe.id }, { object: 'companies', id: keep.id }] })
      const merged = await call(env, 'POST', '/api/v1/records/companies/merge', {
        survivorId: keep.id, mergedIds: [dupe.id], fieldValues: { employees: dupe.id, industry: dupe.id, name: keep.id },
      })
      assert.equal(merged.status, 200, JSON.stringify(merged.json))
      assert.equal(merged.json.data.name, 'Acme')
      assert.equal(merged.json.data.employees, 250)
      assert.equal(merged.json.data.industry, 'software')
      assert.ok(merged.json.data.version > keep.version)
      assert.equal(merged.headers.etag, `"${merged.json.data.version}"`)
      assert.equal((await call(env, 'GET', `/api/v1/records/people/${ona.id}`)).json.data.company, keep.id)
      assert.equal((await call(env, 'GET', `/api/v1/records/opportunities/${deal.id}`)).json.data.company, keep.id)
      assert.deepEqual((await call(env, 'GET', `/api/v1/records/activities/${note.id}`)).json.data.links, [{ object: 'companies', id: keep.id }], 'one link, not two')
      assert.equal((await call(env, 'GET', `/api/v1/records/companies/${dupe.id}`)).status, 404, 'the merged record is deleted')
      const timeline = (await call(env, 'GET', `/api/v1/records/companies/${keep.id}/timeline`)).json.data
      assert.ok(timeline.some((i: any) => i.kind === 'record' && i.record.id === note.id))
      const openapi = (await call(env, 'GET', '/api/openapi.json')).json
      assert.ok(openapi.paths['/api/v1/records/companies/merge'].post, 'merge is in the OpenAPI document')
      assert.ok(openapi.paths['/api/v1/duplicates/jobs'].post)
    })

    test('merging people moves activity participants (without doubles), order customers and shares; history records the merge', async () => {
      const keep = await create(env, 'people', { firstName: 'Jonas', lastName: 'Jonaitis', email: 'jonas@example.lt' })
      const a = await create(env, 'people', { firstName: 'Jonas', lastName: 'Jonaitis', email: 'JONAS@example.lt', phone: '+37061234567' })
      const b = await create(env, 'people', { firstName: 'J.', lastName: 'Jonaitis', additionalEmails: ['jj@example.lt'] })
      const call1 = await create(env, 'activities', { type: 'call', subject: 'Call with Jonas', participants: [a.id, keep.id, b.id] })
      const meeting = await create(env, 'activities', { type: 'meeting', subject: 'Meeting with B', participants: [b.id] })
      const order = await create(env, 'orders', { orderNumber: `M-${dialect.name}-1`, customer: a.id })
      const member = await env.addMember('Member', `sharer-${dialect.name}`)
      const share = await call(env, 'POST', `/api/v1/records/people/${a.id}/shares`, { granteeType: 'user', granteeId: member.userId, access: 'read' })
      const merged = await call(env, 'POST', '/api/v1/records/people/merge', {
        survivorId: keep.id, mergedIds: [a.id, b.id], fieldValues: { phone: a.id, firstName: keep.id },
      }, { 'if-match': `"${keep.version}"` })
      assert.equal(merged.status, 200, JSON.stringify(merged.json))
      assert.equal(merged.json.data.phone, '+37061234567')
      assert.deepEqual(merged.json.data.activities.sort(), [call1.id, meeting.id].sort())
      assert.deepEqual((await call(env, 'GET', `/api/v1/records/activities/${call1.id}`)).json.data.participants, [keep.id])
      assert.deepEqual((await call(env, 'GET', `/api/v1/records/activities/${meeting.id}`)).json.data.participants, [keep.id])
      assert.equal((await call(env, 'GET', `/api/v1/records/orders/${order.id}`)).json.data.customer, keep.id)
      assert.equal(share.status, 201, JSON.stringify(share.json))
      const shares = await env.services.database.workspace(env.workspaceId).db.selectFrom('record_shares').select('record_id').where('grantee_id', '=', member.userId).execute()
      assert.deepEqual(shares.map((s) => s.record_id), [keep.id])
      const history = (await call(env, 'GET', `/api/v1/records/people/${keep.id}/history`)).json.data
      const entry = history.find((h: any) => h.field === '$merge')
      assert.ok(entry, 'the merge is in the survivor\'s history')
      assert.deepEqual(entry.newValue.mergedIds, [a.id, b.id])
      assert.equal(entry.newValue.records.find((r: any) => r.id === a.id).email, 'JONAS@example.lt')
      assert.equal(entry.actor, env.adminUserId)
      assert.ok(history.some((h: any) => h.field === 'phone' && h.newValue === '+37061234567'))
      const mergedHistory = (await call(env, 'GET', `/api/v1/records/people/${a.id}/history`)).json.data
      assert.ok(mergedHistory.some((h: any) => h.field === '$mergedInto' && h.newValue === keep.id), 'the merged record says where it went')
      const timeline = (await call(env, 'GET', `/api/v1/records/people/${keep.id}/timeline`)).json.data
      assert.ok(timeline.some((i: any) => i.kind === 'record' && i.record.id === meeting.id), 'the merged person\'s activities are on the survivor\'s timeline')
    })

    test('a custom object with a relation to people follows the merge', async () => {
      const object = await call(env, 'POST', '/api/v1/metadata/objects', {
        apiName: 'tickets', labelSingular: 'Ticket', labelPlural: 'Tickets', labelField: 'title',
        fields: [{ apiName: 'title', label: 'Title', type: 'text' }, { apiName: 'reporter', label: 'Reporter', type: 'relation', options: { relation: { kind: 'manyToOne', target: 'people', inverseName: 'tickets', inverseLabel: 'Tickets' } } }],
      })
      assert.equal(object.status, 201, JSON.stringify(object.json))
      const keep = await create(env, 'people', { firstName: 'Custom', lastName: 'Keep' })
      const gone = await create(env, 'people', { firstName: 'Custom', lastName: 'Gone' })
      const ticket = await create(env, 'tickets', { title: 'Broken', reporter: gone.id })
      assert.equal((await call(env, 'POST', '/api/v1/records/people/merge', { survivorId: keep.id, mergedIds: [gone.id] })).status, 200)
      const after = (await call(env, 'GET', `/api/v1/records/tickets/${ticket.id}`)).json.data
      assert.equal(after.reporter, keep.id)
      assert.ok(after.version > ticket.version)
    })

    test('bad input is a 400 naming the field', async () => {
      const p1 = await create(env, 'people', { firstName: 'Bad', lastName: 'One' })
      const p2 = await create(env, 'people', { firstName: 'Bad', lastName: 'Two' })
      const company = await create(env, 'companies', { name: 'Not a person' })
      const cases: [unknown, string][] = [
        [{ survivorId: p1.id, mergedIds: [p2.id, p2.id] }, '/mergedIds/1'],
        [{ survivorId: p1.id, mergedIds: [p1.id] }, '/mergedIds/0'],
        [{ survivorId: p1.id, mergedIds: [company.id] }, '/mergedIds/0'],
        [{ survivorId: company.id, mergedIds: [p2.id] }, '/survivorId'],
        [{ survivorId: p1.id, mergedIds: ['0190a0b0-0000-7000-8000-000000000000'] }, '/mergedIds/0'],
        [{ survivorId: p1.id, mergedIds: Array.from({ length: 21 }, () => p2.id) }, '/mergedIds'],
        [{ survivorId: p1.id, mergedIds: [] }, '/mergedIds'],
        [{ survivorId: 'nope', mergedIds: [p2.id] }, '/survivorId'],
        [{ survivorId: p1.id, mergedIds: [p2.id], fieldValues: { lastName: company.id } }, '/fieldValues/lastName'],
        [{ survivorId: p1.id, mergedIds: [p2.id], fieldValues: { shoeSize: p2.id } }, '/fieldValues/shoeSize'],
        [{ survivorId: p1.id, mergedIds: [p2.id], fieldValues: { activities: p2.id } }, '/fieldValues/activities'],
        [{ survivorId: p1.id, mergedIds: [p2.id], extra: 1 }, '/extra'],
      ]
      for (const [body, pointer] of cases) {
        const response = await call(env, 'POST', '/api/v1/records/people/merge', body)
        assert.equal(response.status, 400, `${JSON.stringify(body).slice(0, 120)} → ${response.status} ${response.body}`)
        assert.match(response.headers['content-type'] as string, /application\/problem\+json/)
        assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${pointer} in ${JSON.stringify(response.json.errors)}`)
      }
      const stale = await call(env, 'POST', '/api/v1/records/people/merge', { survivorId: p1.id, mergedIds: [p2.id] }, { 'if-match': `"${p1.version + 5}"` })
      assert.equal(stale.status, 412)
      assert.equal((await call(env, 'GET', `/api/v1/records/people/${p2.id}`)).status, 200, 'nothing merged')
    })

    test('an id from another workspace is refused like one that does not exist', async () => {
      const other = await env.services.workspaces.create({ name: `other ${Date.now()}` })
      const system = await env.services.workspaces.recordContext(other, 'system')
      const { createRecord } = await import('../server/src/engine/records.js')
      const { getObject } = await import('../server/src/engine/metadata-store.js')
      const foreign = await createRecord(system, system.ws.db, getObject(system.metadata, 'people'), { firstName: 'Foreign' })
      const mine = await create(env, 'people', { firstName: 'Mine' })
      const response = await call(env, 'POST', '/api/v1/records/people/merge', { survivorId: mine.id, mergedIds: [foreign.id] })
      assert.equal(response.status, 400)
      assert.equal(response.json.errors[0].pointer, '/mergedIds/0')
      await env.services.database.dropWorkspaceStorage(other.id).catch(() => {})
    })

    test('hidden fields: not choosable, not in the answer, redacted from the merge snapshot; roles without delete are refused', async () => {
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: `Mergers ${dialect.name}`,
        permissions: { defaultObject: { read: true }, objects: { people: { read: true, create: true, update: true, delete: true } }, fields: { people: { email: 'hidden' } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      const merger = await env.addMember(role.json.data.id, `merger-${dialect.name}`)
      const noDelete = await call(env, 'POST', '/api/v1/access/roles', {
        name: `Editors ${dialect.name}`, permissions: { defaultObject: { read: true }, objects: { people: { read: true, update: true } } },
      })
      const editor = await env.addMember(noDelete.json.data.id, `editor-${dialect.name}`)
      const keep = await create(env, 'people', { firstName: 'Hid', lastName: 'Keep', email: 'keep@hidden.example' })
      const gone = await create(env, 'people', { firstName: 'Hid', lastName: 'Gone', email: 'gone-secret@hidden.example' })
      const refused = await call(env, 'POST', '/api/v1/records/people/merge', { survivorId: keep.id, mergedIds: [gone.id] }, editor.auth)
      assert.equal(refused.status, 403)
      const choose = await call(env, 'POST', '/api/v1/records/people/merge', { survivorId: keep.id, mergedIds: [gone.id], fieldValues: { email: gone.id } }, merger.auth)
      assert.equal(choose.status, 400)
      assert.equal(choose.json.errors[0].pointer, '/fieldValues/email')
      const merged = await call(env, 'POST', '/api/v1/records/people/merge', { survivorId: keep.id, mergedIds: [gone.id], fieldValues: { lastName: gone.id } }, merger.auth)
      assert.equal(merged.status, 200, JSON.stringify(merged.json))
      assert.equal('email' in merged.json.data, false)
      assert.equal(merged.json.data.lastName, 'Gone')
      const history = await call(env, 'GET', `/api/v1/records/people/${keep.id}/history`, undefined, merger.auth)
      assert.doesNotMatch(history.body, /gone-secret/)
      const adminHistory = await call(env, 'GET', `/api/v1/records/people/${keep.id}/history`)
      assert.match(adminHistory.body, /gone-secret/, 'the administrator sees the whole snapshot')
      assert.equal((await call(env, 'GET', `/api/v1/records/people/${keep.id}`)).json.data.email, 'keep@hidden.example', 'the survivor keeps its hidden value')
    })

    test('a failure in the middle of a merge rolls everything back', async () => {
      const keep = await create(env, 'people', { firstName: 'Roll', lastName: 'Back' })
      const gone = await create(env, 'people', { firstName: 'Roll', lastName: 'Gone', phone: '+37060000001' })
      const activity = await create(env, 'activities', { type: 'note', subject: 'Rollback note', participants: [gone.id], links: [{ object: 'people', id: gone.id }] })
      const order = await create(env, 'orders', { orderNumber: `RB-${dialect.name}`, customer: gone.id })
      const principal = { workspaceId: env.workspaceId, userId: env.adminUserId, roleId: await env.services.access.adminRoleId(env.workspaceId), credentialId: 'test', via: 'apiKey' as const }
      for (const step of ['deleted', 'relations', 'junctions', 'links', 'shares', 'survivor'] as const) {
        await assert.rejects(env.services.duplicates.merge(principal, 'people', { survivorId: keep.id, mergedIds: [gone.id], fieldValues: { phone: gone.id } }, {
          onStep: (at) => { if (at === step) throw new Error(`injected failure after ${at}`) },
        }), /injected failure/)
        const goneNow = await call(env, 'GET', `/api/v1/records/people/${gone.id}`)
        assert.equal(goneNow.status, 200, `after ${step}: the merged record still exists`)
        assert.equal(goneNow.json.data.version, gone.version)
        const keepNow = (await call(env, 'GET', `/api/v1/records/people/${keep.id}`)).json.data
        assert.equal(keepNow.version, keep.version, `after ${step}: the survivor is untouched`)
        assert.equal(keepNow.phone, null)
        const act = (await call(env, 'GET', `/api/v1/records/activities/${activity.id}`)).json.data
        assert.deepEqual(act.participants, [gone.id])
        assert.deepEqual(act.links, [{ object: 'people', id: gone.id }])
        assert.equal((await call(env, 'GET', `/api/v1/records/orders/${order.id}`)).json.data.customer, gone.id)
        const history = (await call(env, 'GET', `/api/v1/records/people/${keep.id}/history`)).json.data
        assert.equal(history.some((h: any) => h.field === '$merge'), false)
      }
      const merged = await env.services.duplicates.merge(principal, 'people', { survivorId: keep.id, mergedIds: [gone.id], fieldValues: { phone: gone.id } })
      assert.equal(merged.phone, '+37060000001')
    })
  })
}
