/**
 * Field-level security and mass assignment (SECURITY-TESTS A6, A7): a hidden field is absent
 * from every payload and cannot be probed through filters, sorts, relation paths, search,
 * history or OpenAPI; read-only and system fields cannot be written.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`field-level security [${dialect.name}]`, () => {
    let env: TestEnv
    let limited: { userId: string; auth: { authorization: string } }
    let deals: any[]
    let person: any
    before(async () => {
      env = await startEnv(dialect)
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'Limited',
        permissions: {
          defaultObject: { read: true },
          objects: { opportunities: { read: true, create: true, update: true }, people: { read: true } },
          fields: { opportunities: { amount: 'hidden', probability: 'readOnly' }, people: { email: 'hidden' } },
        },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      limited = await env.addMember(role.json.data.id, 'limited')
      const company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Probe Co' })).json.data
      const batch = await call(env, 'POST', '/api/v1/records/opportunities/batch', {
        operations: [100, 5000, 999999].map((amount, i) => ({ op: 'create', data: { name: `Deal ${i}`, amount: { amount: String(amount), currency: 'EUR' }, probability: 10, company: company.id, ownerId: limited.userId } })),
      })
      deals = batch.json.data.map((r: any) => r.data)
      person = (await call(env, 'POST', '/api/v1/records/people', { firstName: 'Hidden', lastName: 'Mail', email: 'zqxjsecret@probe.example' })).json.data
      await call(env, 'PATCH', `/api/v1/records/opportunities/${deals[0].id}`, { amount: { amount: '123', currency: 'EUR' } })
    })
    after(async () => { await env.close() })

    const as = () => limited.auth

    test('hidden fields are absent from lists, reads, metadata and OpenAPI', async () => {
      const list = await call(env, 'POST', '/api/v1/records/opportunities/query', {}, as())
      assert.equal(list.status, 200)
      assert.ok(list.json.data.length >= 3)
      for (const record of list.json.data) assert.equal('amount' in record, false)
      const one = await call(env, 'GET', `/api/v1/records/opportunities/${deals[1].id}`, undefined, as())
      assert.equal('amount' in one.json.data, false)
      const asked = await call(env, 'GET', `/api/v1/records/opportunities/${deals[1].id}?fields=name,amount`, undefined, as())
      assert.equal(asked.status, 400)
      const metadata = await call(env, 'GET', '/api/v1/metadata/objects/opportunities', undefined, as())
      assert.equal(metadata.json.data.fields.some((f: any) => f.apiName === 'amount'), false)
      const openapi = await call(env, 'GET', '/api/openapi.json', undefined, as())
      assert.equal('amount' in openapi.json.components.schemas.OpportunitiesRecord.properties, false)
      assert.equal('amount' in (await call(env, 'GET', '/api/openapi.json')).json.components.schemas.OpportunitiesRecord.properties, true, 'the admin sees it')
    })

    test('metadata tells the caller which fields are read-only and what the role may do', async () => {
      const mine = (await call(env, 'GET', '/api/v1/metadata/objects/opportunities', undefined, as())).json.data
      const flag = (name: string) => mine.fields.find((f: any) => f.apiName === name)?.readOnly
      assert.equal(flag('probability'), true)
      assert.equal(flag('name'), false)
      assert.deepEqual(mine.access, { create: true, update: true, delete: false })
      const listed = (await call(env, 'GET', '/api/v1/metadata/objects', undefined, as())).json.data
      assert.deepEqual(listed.find((o: any) => o.apiName === 'people').access, { create: false, update: false, delete: false })
      const admin = (await call(env, 'GET', '/api/v1/metadata/objects/opportunities')).json.data
      assert.equal(admin.fields.find((f: any) => f.apiName === 'probability').readOnly, false)
      assert.deepEqual(admin.access, { create: true, update: true, delete: true })
    })

    test('filters, sorts and relation paths on a hidden field answer exactly like an unknown field', async () => {
      const probe = (body: unknown) => call(env, 'POST', '/api/v1/records/opportunities/query', body, as())
      const hidden = await probe({ filter: { field: 'amount', op: 'gt', value: 1000 } })
      const unknown = await probe({ filter: { field: 'amountx', op: 'gt', value: 1000 } })
      assert.equal(hidden.status, 400)
      assert.equal(hidden.json.code, unknown.json.code)
      assert.equal(hidden.json.errors[0].pointer, unknown.json.errors[0].pointer)
      assert.equal((await probe({ sort: [{ field: 'amount', dir: 'desc' }] })).status, 400)
      assert.equal((await probe({ filter: { field: 'amount.currency', op: 'eq', value: 'EUR' } })).status, 400)
      const viaPath = await call(env, 'POST', '/api/v1/records/companies/query', { filter: { field: 'opportunities.amount', op: 'gt', value: 1000 } }, as())
      assert.equal(viaPath.status, 400)
      const viaPeople = await call(env, 'POST', '/api/v1/records/opportunities/query', { filter: { field: 'contact.email', op: 'startsWith', value: 'zq' } }, as())
      assert.equal(viaPeople.status, 400)
    })

    test('search cannot find a record by a hidden field, history and timeline omit it', async () => {
      const byHidden = await call(env, 'GET', '/api/v1/search?q=zqxjsecret', undefined, as())
      assert.deepEqual(byHidden.json.data, [])
      const byVisible = await call(env, 'GET', '/api/v1/search?q=hidden%20mail', undefined, as())
      assert.deepEqual(byVisible.json.data.map((h: any) => h.id), [person.id])
      assert.equal((await call(env, 'GET', '/api/v1/search?q=zqxjsecret')).json.data.length, 1, 'the admin finds it')
      const history = await call(env, 'GET', `/api/v1/records/opportunities/${deals[0].id}/history`, undefined, as())
      assert.equal(history.status, 200)
      assert.equal(history.json.data.some((h: any) => h.field === 'amount'), false)
      const timeline = await call(env, 'GET', `/api/v1/records/opportunities/${deals[0].id}/timeline`, undefined, as())
      assert.equal(JSON.stringify(timeline.json.data).includes('123'), false)
    })

    test('mass assignment: read-only, hidden and system fields are refused and nothing changes', async () => {
      const before = (await call(env, 'GET', `/api/v1/records/opportunities/${deals[1].id}`)).json.data
      const attempts: [unknown, string][] = [
        [{ probability: 90 }, '/probability'],
        [{ amount: { amount: '1', currency: 'EUR' } }, '/amount'],
        [{ ownerId: env.adminUserId }, '/ownerId'],
        [{ createdBy: 'me' }, '/createdBy'],
        [{ version: 99 }, '/version'],
        [{ deletedAt: '2026-01-01T00:00:00Z' }, '/deletedAt'],
        [{ role: 'admin' }, '/role'],
        [{ isAdmin: true }, '/isAdmin'],
        [{ workspaceId: 'other' }, '/workspaceId'],
      ]
      for (const [body, pointer] of attempts) {
        const response = await call(env, 'PATCH', `/api/v1/records/opportunities/${deals[1].id}`, body, as())
        assert.equal(response.status, 400, JSON.stringify(body))
        assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${pointer}: ${JSON.stringify(response.json.errors)}`)
      }
      const created = await call(env, 'POST', '/api/v1/records/opportunities', { name: 'Mine', probability: 50 }, as())
      assert.equal(created.status, 400)
      assert.deepEqual(created.json.errors.map((e: any) => e.pointer), ['/probability'])
      assert.deepEqual((await call(env, 'GET', `/api/v1/records/opportunities/${deals[1].id}`)).json.data, before, 'nothing changed')
      const own = await call(env, 'POST', '/api/v1/records/opportunities', { name: 'Mine' }, as())
      assert.equal(own.json.data.ownerId, limited.userId, 'new records belong to their creator')
    })

    test('object permissions: no create on people, no delete on opportunities, no metadata or access admin', async () => {
      assert.equal((await call(env, 'POST', '/api/v1/records/people', { firstName: 'x' }, as())).status, 403)
      assert.equal((await call(env, 'DELETE', `/api/v1/records/opportunities/${deals[2].id}`, undefined, as())).status, 403)
      assert.equal((await call(env, 'POST', '/api/v1/metadata/objects/opportunities/fields', { apiName: 'x', label: 'X', type: 'text' }, as())).status, 403)
      assert.equal((await call(env, 'GET', '/api/v1/access/roles', undefined, as())).status, 403)
      assert.equal((await call(env, 'PATCH', `/api/v1/access/members/${limited.userId}`, { roleId: 'whatever' }, as())).status, 403)
      assert.equal((await call(env, 'POST', '/api/v1/api-keys', { name: 'role key', roleId: 'x' }, as())).status, 403)
      const audit = await call(env, 'GET', '/api/v1/audit-log')
      assert.ok(audit.json.data.some((e: any) => e.event === 'access-denied'))
    })
  })
}
