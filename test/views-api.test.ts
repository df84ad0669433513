/**
 * Saved views over HTTP on every dialect: CRUD with ETags, who sees and edits which view,
 * validation through the record engine's filter compiler and sort resolver, field-level
 * security (a hidden field is refused on write and dropped on read), stale writes (412),
 * workspace isolation and hostile input.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

type Who = { authorization: string }

for (const dialect of DIALECTS) {
  describe(`saved views [${dialect.name}]`, () => {
    let env: TestEnv
    let other: TestEnv
    let member: { userId: string; auth: Who }
    let limited: { userId: string; auth: Who }
    const count = async () => Number((await env.services.database.workspace(env.workspaceId).db.selectFrom('views').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const create = (body: unknown, who?: Who) => call(env, 'POST', '/api/v1/views', body, who ?? {})

    before(async () => {
      env = await startEnv(dialect)
      other = await startEnv(dialect)
      member = await env.addMember('Member', 'member')
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'No email', permissions: { defaultObject: { read: true }, fields: { people: { email: 'hidden' } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      limited = await env.addMember(role.json.data.id, 'noemail')
    })
    after(async () => {
      await env.close()
      await other.close()
    })

    test('create, list, read, update with If-Match and delete', async () => {
      const created = await create({
        object: 'people', name: '  K people ', filter: { and: [{ field: 'lastName', op: 'startsWith', value: 'K' }] },
        sort: [{ field: 'lastName', dir: 'asc' }], columns: [{ field: 'firstName', width: 160 }, { field: 'lastName' }],
      })
      assert.equal(created.status, 201, JSON.stringify(created.json))
      assert.equal(created.headers.etag, '"1"')
      const view = created.json.data
      assert.deepEqual({ ...view, id: undefined, createdAt: undefined, updatedAt: undefined }, {
        id: undefined, object: 'people', name: 'K people', filter: { and: [{ field: 'lastName', op: 'startsWith', value: 'K' }] },
        sort: [{ field: 'lastName', dir: 'asc' }], columns: [{ field: 'firstName', width: 160 }, { field: 'lastName' }],
        visibility: 'private', ownerId: env.adminUserId, createdAt: undefined, updatedAt: undefined, version: 1, editable: true,
      })
      const list = await call(env, 'GET', '/api/v1/views?object=people')
      assert.deepEqual(list.json.data.map((v: any) => v.id), [view.id])
      assert.deepEqual((await call(env, 'GET', '/api/v1/views?object=companies')).json.data, [])
      const read = await call(env, 'GET', `/api/v1/views/${view.id}`)
      assert.equal(read.headers.etag, '"1"')
      assert.deepEqual(read.json.data, view)

      const patched = await call(env, 'PATCH', `/api/v1/views/${view.id}`, { name: 'Renamed', filter: null, visibility: 'shared' }, { 'if-match': '"1"' })
      assert.equal(patched.status, 200, JSON.stringify(patched.json))
      assert.equal(patched.headers.etag, '"2"')
      assert.equal(patched.json.data.name, 'Renamed')
      assert.equal(patched.json.data.filter, null)
      assert.equal(patched.json.data.visibility, 'shared')
      assert.deepEqual(patched.json.data.columns, view.columns, 'parts not sent stay')

      assert.equal((await call(env, 'DELETE', `/api/v1/views/${view.id}`, undefined, { 'if-match': '"2"' })).status, 204)
      assert.equal((await call(env, 'GET', `/api/v1/views/${view.id}`)).status, 404)
      assert.equal(await count(), 0)
      const openapi = await call(env, 'GET', '/api/openapi.json')
      assert.ok(openapi.json.paths['/api/v1/views'].post && openapi.json.paths['/api/v1/views/{id}'].patch, 'documented in OpenAPI')
    })

    test('a private view is invisible to other members; a shared one is visible but only its owner or an admin edits it', async () => {
      const mine = (await create({ object: 'people', name: 'Member private' }, member.auth)).json.data
      const shared = (await create({ object: 'people', name: 'Member shared', visibility: 'shared' }, member.auth)).json.data
      const adminPrivate = (await create({ object: 'people', name: 'Admin private' })).json.data

      const seenByLimited = await call(env, 'GET', '/api/v1/views?object=people', undefined, limited.auth)
      assert.deepEqual(seenByLimited.json.data.map((v: any) => [v.name, v.editable]), [['Member shared', false]])
      for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'hijack' }], ['DELETE', undefined]] as const) {
        const response = await call(env, method, `/api/v1/views/${mine.id}`, body, limited.auth)
        assert.equal(response.status, 404, `${method} someone's private view`)
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
      }
      assert.equal((await call(env, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'hijack' }, limited.auth)).status, 403)
      assert.equal((await call(env, 'DELETE', `/api/v1/views/${shared.id}`, undefined, limited.auth)).status, 403)

      // The administrator does not see private views of others either, but may edit shared ones.
      const seenByAdmin = await call(env, 'GET', '/api/v1/views?object=people')
      assert.deepEqual(seenByAdmin.json.data.map((v: any) => [v.name, v.editable]), [['Member shared', true], ['Admin private', true]])
      assert.equal((await call(env, 'PATCH', `/api/v1/views/${mine.id}`, { name: 'admin peeks' })).status, 404)
      const edited = await call(env, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'Edited by admin' })
      assert.equal(edited.status, 200)
      assert.equal(edited.json.data.ownerId, member.userId, 'ownership stays')

      const memberSees = await call(env, 'GET', '/api/v1/views', undefined, member.auth)
      assert.deepEqual(memberSees.json.data.map((v: any) => v.name), ['Member private', 'Edited by admin'])
      assert.equal((await call(env, 'GET', `/api/v1/views/${adminPrivate.id}`, undefined, member.auth)).status, 404)
      for (const view of [mine, shared]) assert.equal((await call(env, 'DELETE', `/api/v1/views/${view.id}`, undefined, member.auth)).status, 204)
      assert.equal((await call(env, 'DELETE', `/api/v1/views/${adminPrivate.id}`)).status, 204)
    })

    test('filters, sorts and columns are checked against metadata with pointers', async () => {
      const before = await count()
      const cases: [unknown, number, string, string][] = [
        [{ filter: { and: [{ field: 'nope', op: 'eq', value: 'x' }] } }, 400, 'invalid-filter', '/filter/and/0/field'],
        [{ filter: { field: 'lastName', op: 'like', value: 'x' } }, 400, 'invalid-filter', '/filter/op'],
        [{ filter: { field: 'lastName', op: 'gt', value: 5 } }, 400, 'invalid-filter', '/filter/value'],
        [{ filter: { or: [{ field: 'company.nope', op: 'eq', value: 'x' }] } }, 400, 'invalid-filter', '/filter/or/0/field'],
        [{ filter: { and: [] } }, 400, 'invalid-filter', '/filter/and'],
        [{ filter: 'lastName = K' }, 400, 'invalid-filter', '/filter'],
        [{ sort: [{ field: 'nope', dir: 'asc' }] }, 400, 'invalid-sort', '/sort/0/field'],
        [{ sort: [{ field: 'lastName', dir: 'up' }] }, 400, 'validation-failed', '/sort/0/dir'],
        [{ columns: [{ field: 'firstName' }, { field: 'ghost' }] }, 400, 'validation-failed', '/columns/1/field'],
        [{ columns: [{ field: 'firstName' }, { field: 'firstName' }] }, 400, 'validation-failed', '/columns/1/field'],
      ]
      for (const [extra, status, code, pointer] of cases) {
        const response = await create({ object: 'people', name: 'bad', ...(extra as object) })
        assert.equal(response.status, status, JSON.stringify(extra))
        assert.equal(response.json.code, code, JSON.stringify(response.json))
        assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${pointer}: ${JSON.stringify(response.json.errors)}`)
      }
      const unknownObject = await create({ object: 'unicorns', name: 'x' })
      assert.equal(unknownObject.status, 404)
      assert.equal(unknownObject.json.code, 'object-not-found')
      const view = (await create({ object: 'people', name: 'ok' })).json.data
      const patched = await call(env, 'PATCH', `/api/v1/views/${view.id}`, { filter: { and: [{ field: 'nope', op: 'eq', value: 1 }] } })
      assert.equal(patched.status, 400)
      assert.equal(patched.json.errors[0].pointer, '/filter/and/0/field')
      assert.equal((await call(env, 'GET', `/api/v1/views/${view.id}`)).json.data.version, 1, 'a refused update changes nothing')
      await call(env, 'DELETE', `/api/v1/views/${view.id}`)
      assert.equal(await count(), before)
    })

    test('a field hidden from the caller is refused on write and dropped from a shared view on read', async () => {
      const refused = await create({ object: 'people', name: 'probe', filter: { field: 'email', op: 'startsWith', value: 'a' } }, limited.auth)
      const unknown = await create({ object: 'people', name: 'probe', filter: { field: 'emailx', op: 'startsWith', value: 'a' } }, limited.auth)
      assert.equal(refused.status, 400)
      assert.deepEqual(refused.json.errors, [{ ...unknown.json.errors[0], detail: unknown.json.errors[0].detail.replace('emailx', 'email') }])
      assert.equal((await create({ object: 'people', name: 'probe', sort: [{ field: 'email', dir: 'asc' }] }, limited.auth)).status, 400)
      assert.equal((await create({ object: 'people', name: 'probe', columns: [{ field: 'email' }] }, limited.auth)).status, 400)

      const full = {
        filter: { and: [{ field: 'lastName', op: 'startsWith', value: 'K' }, { field: 'email', op: 'contains', value: 'secret' }, { not: { field: 'email', op: 'isNull' } }] },
        sort: [{ field: 'email', dir: 'desc' }, { field: 'lastName', dir: 'asc' }],
        columns: [{ field: 'firstName', width: 150 }, { field: 'email', width: 300 }, { field: 'lastName' }],
      }
      const shared = (await create({ object: 'people', name: 'With email', visibility: 'shared', ...full })).json.data
      const asLimited = (await call(env, 'GET', `/api/v1/views/${shared.id}`, undefined, limited.auth)).json.data
      assert.deepEqual(asLimited.filter, { and: [{ field: 'lastName', op: 'startsWith', value: 'K' }] })
      assert.deepEqual(asLimited.sort, [{ field: 'lastName', dir: 'asc' }])
      assert.deepEqual(asLimited.columns, [{ field: 'firstName', width: 150 }, { field: 'lastName' }])
      assert.equal(JSON.stringify(asLimited).includes('secret'), false, 'no value of a hidden condition leaks')
      const listed = (await call(env, 'GET', '/api/v1/views?object=people', undefined, limited.auth)).json.data.find((v: any) => v.id === shared.id)
      assert.deepEqual(listed, asLimited)
      const asAdmin = (await call(env, 'GET', `/api/v1/views/${shared.id}`)).json.data
      assert.deepEqual({ filter: asAdmin.filter, sort: asAdmin.sort, columns: asAdmin.columns }, full, 'stored whole for those who see it')
      await call(env, 'DELETE', `/api/v1/views/${shared.id}`)
    })

    test('a stale If-Match answers 412 and changes nothing; a malformed one 400', async () => {
      const view = (await create({ object: 'people', name: 'v1' })).json.data
      assert.equal((await call(env, 'PATCH', `/api/v1/views/${view.id}`, { name: 'v2' }, { 'if-match': '"1"' })).status, 200)
      const stale = await call(env, 'PATCH', `/api/v1/views/${view.id}`, { name: 'lost update' }, { 'if-match': '"1"' })
      assert.equal(stale.status, 412)
      assert.equal(stale.json.code, 'version-conflict')
      assert.equal(stale.json.currentVersion, 2)
      assert.equal((await call(env, 'DELETE', `/api/v1/views/${view.id}`, undefined, { 'if-match': 'W/"1"' })).status, 412)
      assert.equal((await call(env, 'PATCH', `/api/v1/views/${view.id}`, { name: 'x' }, { 'if-match': 'yesterday' })).status, 400)
      const current = await call(env, 'GET', `/api/v1/views/${view.id}`)
      assert.equal(current.json.data.name, 'v2')
      assert.equal(current.json.data.version, 2)
      assert.equal((await call(env, 'DELETE', `/api/v1/views/${view.id}`, undefined, { 'if-match': current.headers.etag as string })).status, 204)
    })

    test('a view id from another workspace answers 404 and changes nothing', async () => {
      const view = (await create({ object: 'people', name: 'A only', visibility: 'shared' })).json.data
      for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'hijack' }], ['DELETE', undefined]] as const) {
        assert.equal((await call(other, method, `/api/v1/views/${view.id}`, body)).status, 404, method)
      }
      assert.deepEqual((await call(other, 'GET', '/api/v1/views?object=people')).json.data, [])
      const still = await call(env, 'GET', `/api/v1/views/${view.id}`)
      assert.equal(still.json.data.name, 'A only')
      assert.equal(still.json.data.version, 1)
      await call(env, 'DELETE', `/api/v1/views/${view.id}`)
    })

    test('bad input answers 4xx problem+json naming the field, never 500, never a partial view', async () => {
      const before = await count()
      const long = 'x'.repeat(5000)
      const cases: [unknown, string][] = [
        [{ object: 'people', name: { text: 'x' } }, '/name'],
        [{ object: 'people', name: '' }, '/name'],
        [{ object: 'people', name: '   ' }, '/name'],
        [{ object: 'people', name: long }, '/name'],
        [{ object: 'people' }, '/name'],
        [{ object: 'Robert\'); drop table views;--', name: 'x' }, '/object'],
        [{ object: 'people', name: 'x', owner: 'me' }, '/owner'],
        [{ object: 'people', name: 'x', ownerId: member.userId }, '/ownerId'],
        [{ object: 'people', name: 'x', visibility: 'public' }, '/visibility'],
        [{ object: 'people', name: 'x', columns: [{ field: 'firstName', width: 'wide' }] }, '/columns/0/width'],
        [{ object: 'people', name: 'x', columns: [{ field: 'firstName', width: 5 }] }, '/columns/0/width'],
        [{ object: 'people', name: 'x', columns: [{ field: 'first name' }] }, '/columns/0/field'],
        [{ object: 'people', name: 'x', columns: 'firstName' }, '/columns/0'],
        [{ object: 'people', name: 'x', sort: { field: 'lastName' } }, '/sort'],
        [{ object: 'people', name: 'x', sort: Array.from({ length: 6 }, () => ({ field: 'lastName', dir: 'asc' })) }, '/sort'],
        [{ object: 'people', name: 'x', filter: { field: 'lastName', op: 'eq', value: 'y'.repeat(30_000) } }, '/filter'],
        [{ object: 'people', name: 'x', filter: { or: Array.from({ length: 200 }, () => ({ field: 'lastName', op: 'eq', value: 'a' })) } }, '/filter/or/99'],
      ]
      for (const [body, pointer] of cases) {
        const response = await create(body)
        assert.ok(response.status >= 400 && response.status < 500, `${JSON.stringify(body).slice(0, 80)} → ${response.status}`)
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/)
        assert.ok(response.json.errors?.some((e: any) => e.pointer === pointer), `${pointer}: ${JSON.stringify(response.json).slice(0, 300)}`)
      }
      assert.equal((await call(env, 'POST', '/api/v1/views', '{"object": "people", ')).status, 400)
      assert.equal((await call(env, 'GET', '/api/v1/views?object=no-such')).status, 400)
      assert.equal((await call(env, 'GET', '/api/v1/views?object=unicorns')).status, 404)
      assert.equal((await call(env, 'GET', `/api/v1/views/${'z'.repeat(500)}`)).status, 414)
      assert.equal((await call(env, 'GET', `/api/v1/views/${'z'.repeat(90)}`)).status, 404)
      const view = (await create({ object: 'people', name: 'target' })).json.data
      assert.equal((await call(env, 'PATCH', `/api/v1/views/${view.id}`, {})).status, 400)
      assert.equal((await call(env, 'PATCH', `/api/v1/views/${view.id}`, { object: 'companies' })).json.errors[0].pointer, '/object')
      assert.equal((await call(env, 'PATCH', `/api/v1/views/${view.id}`, { version: 9 })).json.errors[0].pointer, '/version')
      assert.equal((await call(env, 'GET', `/api/v1/views/${view.id}`)).json.data.version, 1)
      await call(env, 'DELETE', `/api/v1/views/${view.id}`)
      assert.equal(await count(), before)
    })
  })
}
