/**
 * Attack and bad-input tests (SECURITY-TESTS.md A1, A2, B1/B2, E5, C-style input), generated
 * from the route table where they can be, on every dialect.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { routeTable } from '../server/src/http/auth.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

async function snapshot(env: TestEnv): Promise<string> {
  const parts: unknown[] = []
  for (const object of ['companies', 'people', 'activities']) {
    const page = await call(env, 'POST', `/api/v1/records/${object}/query`, { limit: 1000, sort: [{ field: 'createdAt', dir: 'asc' }] })
    parts.push(page.json.data)
  }
  parts.push((await call(env, 'GET', '/api/v1/metadata/objects')).json.data)
  return JSON.stringify(parts)
}

function assertProblem(response: { status: number; headers: Record<string, unknown>; json: any }, status: number | number[], label: string): void {
  const allowed = [status].flat()
  assert.ok(allowed.includes(response.status), `${label}: expected ${allowed.join('/')}, got ${response.status} ${JSON.stringify(response.json)?.slice(0, 300)}`)
  assert.match(String(response.headers['content-type']), /application\/problem\+json/, label)
  assert.equal(typeof response.json.code, 'string', label)
}

for (const dialect of DIALECTS) {
  describe(`attacks [${dialect.name}]`, () => {
    let a: TestEnv
    let b: TestEnv
    let companyA: any
    let personA: any
    before(async () => {
      a = await startEnv(dialect)
      b = await startEnv(dialect)
      companyA = (await call(a, 'POST', '/api/v1/records/companies', { name: 'Secret A' })).json.data
      personA = (await call(a, 'POST', '/api/v1/records/people', { firstName: 'Alice', lastName: 'A', company: companyA.id, email: 'alice@a.example' })).json.data
      await call(a, 'POST', '/api/v1/records/activities', { type: 'note', subject: 'A note', links: [{ object: 'people', id: personA.id }] })
    })
    after(async () => {
      await a.close()
      await b.close()
    })

    test('every route declares its auth and every non-public route refuses a missing or bad key', async () => {
      const routes = routeTable(a.app)
      assert.ok(routes.length >= 15)
      const publicRoutes = routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.url}`).sort()
      assert.deepEqual(publicRoutes.filter((r) => !r.startsWith('HEAD')), [
        'GET /', 'GET /api/v1/auth/setup-status',
        // A calendar feed authenticates by its own revocable token (calendar-feed tests).
        'GET /api/v1/calendar/feed/:file',
        // The self-service portal serves published public articles only (contact-center-scripts-kb tests).
        'GET /api/v1/portal/:workspaceId/kb/articles', 'GET /api/v1/portal/:workspaceId/kb/articles/:id',
        'GET /healthz', 'GET /metrics', 'POST /api/v1/auth/invitations/accept', 'POST /api/v1/auth/password-reset',
        'POST /api/v1/auth/password-reset/confirm', 'POST /api/v1/auth/setup', 'POST /api/v1/auth/sign-in',
        // Telephony webhooks authenticate the phone line themselves (token or signature; telephony-intake.test.ts).
        'POST /api/v1/cti/:token', 'POST /api/v1/telephony/adapters/:provider/:token', 'POST /api/v1/telephony/events'])
      for (const route of routes.filter((r) => r.auth !== 'public' && r.method !== 'HEAD')) {
        const url = route.url.replace(':object', 'companies').replace(':id', companyA.id).replace(':field', 'name')
        for (const authorization of [undefined, 'Bearer rpk_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'Basic x', `Bearer ${a.apiKey}x`]) {
          const response = await a.app.inject({ method: route.method as 'GET', url, headers: authorization ? { authorization } : {} })
          assert.equal(response.statusCode, 401, `${route.method} ${url} with ${authorization}`)
        }
      }
    })

    test('A1: workspace B replaying A\'s requests with A\'s ids gets 404 and changes nothing', async () => {
      const before = await snapshot(a)
      const bodies: Record<string, unknown> = { POST: { name: 'hijack' }, PATCH: { name: 'hijack' } }
      const contactCenterBodies: [RegExp, unknown][] = [
        [/\/simulate$/, { digits: '1' }], [/\/runs$/, { activityId: companyA.id, answers: [] }], [/\/kb\/promote\//, {}], [/\/kb\/articles\//, { title: 'hijack' }],
      ]
      const acdBody = (url: string, method: string) =>
        url.endsWith('/state') ? { state: 'available' } : url.endsWith('/endpoint') ? { kind: 'extension', address: '1007' } : url.includes('/routing-rules/') && method === 'PUT' ? { name: 'hijack', match: {} } : url.includes('/agents/') ? { skills: {} } : method === 'PUT' ? { name: 'hijack' } : {}
      const bodyFor = (url: string, method: string) =>
        url.endsWith('/ivr-flow') && method === 'PUT' ? { flowId: null } : url.includes('/access/members/') ? { roleId: 'x' } : url.endsWith('/members') ? { memberIds: [] } : url.endsWith('/shares') ? { granteeType: 'user', granteeId: a.adminUserId, access: 'read' }
          : method === 'GET' || method === 'DELETE' ? bodies[method]
          : /\/contact-center\/(agents|calls|queues|routing-rules|skills)\//.test(url) ? acdBody(url, method)
          : url.includes('/analytics/quotas/') ? { amount: '1' }
          : contactCenterBodies.find(([pattern]) => pattern.test(url))?.[1] ?? bodies[method]
      // Every route that addresses something by id, with each kind of A's ids in every id slot.
      for (const route of routeTable(b.app).filter((r) => /:(id|userId)\b/.test(r.url) && r.method !== 'HEAD')) {
        for (const [object, id] of [['companies', companyA.id], ['people', personA.id], ['people', a.adminUserId]]) {
          const url = route.url.replace(':object', object).replace(/:(id|userId)\b/, id).replace(':version', '1').replace(':workspaceId', b.workspaceId)
          const response = await call(b, route.method, url, bodyFor(url, route.method))
          assertProblem(response, 404, `${route.method} ${url}`)
        }
      }
      const list = await call(b, 'POST', '/api/v1/records/companies/query', { filter: { field: 'id', op: 'eq', value: companyA.id } })
      assert.deepEqual(list.json.data, [])
      const search = await call(b, 'GET', '/api/v1/search?q=secret')
      assert.deepEqual(search.json.data, [])
      assert.equal(await snapshot(a), before, 'workspace A is unchanged')
    })

    test('A2: ids from another workspace inside bodies are refused and nothing is written', async () => {
      const before = await snapshot(b)
      const attempts: [string, unknown, string][] = [
        ['/api/v1/records/people', { firstName: 'x', company: companyA.id }, '/company'],
        ['/api/v1/records/activities', { type: 'note', subject: 's', participants: [personA.id] }, '/participants'],
        ['/api/v1/records/activities', { type: 'note', subject: 's', links: [{ object: 'people', id: personA.id }] }, '/links'],
        ['/api/v1/records/companies', { name: 'x', id: companyA.id }, '/id'],
        ['/api/v1/records/companies', { name: 'x', ownerId: a.adminUserId }, '/ownerId'],
        ['/api/v1/records/companies', { name: 'x', workspaceId: a.workspaceId }, '/workspaceId'],
        ['/api/v1/records/companies', { name: 'x', version: 9 }, '/version'],
        ['/api/v1/records/companies', { name: 'x', createdBy: 'someone' }, '/createdBy'],
      ]
      for (const [url, body, pointer] of attempts) {
        const response = await call(b, 'POST', url, body)
        assertProblem(response, 400, `${url} ${JSON.stringify(body)}`)
        assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${pointer}: ${JSON.stringify(response.json.errors)}`)
      }
      const batch = await call(b, 'POST', '/api/v1/records/companies/batch', { operations: [{ op: 'update', id: companyA.id, data: { name: 'x' } }] })
      assertProblem(batch, 422, 'batch update of a foreign id')
      assert.equal(await snapshot(b), before)
    })

    test('bad input answers 4xx problem+json naming the field, never 500, never a partial record', async () => {
      const before = await snapshot(a)
      const long = 'x'.repeat(5000)
      const cases: [string, string, unknown, string?][] = [
        ['POST', '/api/v1/records/people', { firstName: 42 }, '/firstName'],
        ['POST', '/api/v1/records/people', { firstName: 'ok', email: 'not-an-email' }, '/email'],
        ['POST', '/api/v1/records/people', { firstName: long }, '/firstName'],
        ['POST', '/api/v1/records/people', { firstName: 'ok', additionalEmails: Array.from({ length: 500 }, (_, i) => `a${i}@x.io`) }, '/additionalEmails'],
        ['POST', '/api/v1/records/people', { firstName: 'ok', phone: 'call me maybe' }, '/phone'],
        ['POST', '/api/v1/records/people', { 'first"Name; drop table people; --': 'x' }, '/first"Name; drop table people; --'],
        ['POST', '/api/v1/records/people', { firstName: 'a\u0000b' }, '/firstName'],
        ['POST', '/api/v1/records/people', { firstName: '\ud800' }, '/firstName'],
        ['POST', '/api/v1/records/people', '{"__proto__": {"polluted": true}, "firstName": "x"}', '/__proto__'],
        ['POST', '/api/v1/records/people', '{"constructor": {"prototype": {"polluted": true}}, "firstName": "x"}', '/constructor'],
        ['POST', '/api/v1/records/people', [1, 2, 3], '/'],
        ['POST', '/api/v1/records/companies', {}, '/name'],
        ['POST', '/api/v1/records/companies', { name: null }, '/name'],
        ['POST', '/api/v1/records/companies', { name: 'ok', employees: 'many' }, '/employees'],
        ['POST', '/api/v1/records/companies', '{"name": "ok", "employees": 1e400}', '/employees'],
        ['POST', '/api/v1/records/companies', { name: 'ok', annualRevenue: { amount: '1e9', currency: 'EUR' } }, '/annualRevenue'],
        ['POST', '/api/v1/records/companies', { name: 'ok', annualRevenue: { amount: '1', currency: 'euro' } }, '/annualRevenue'],
        ['POST', '/api/v1/records/companies', { name: 'ok', address: { city: 'x', planet: 'Mars' } }, '/address'],
        ['POST', '/api/v1/records/companies', { name: 'ok', industry: "software' or 1=1 --" }, '/industry'],
        ['POST', '/api/v1/records/nope', { name: 'x' }, undefined],
        ['POST', '/api/v1/records/companies/query', { filter: { field: 'name; drop table companies', op: 'eq', value: 1 } }, '/filter/field'],
        ['POST', '/api/v1/records/companies/query', { filter: { field: 'name', op: 'like', value: 'x' } }, '/filter/op'],
        ['POST', '/api/v1/records/companies/query', { filter: { field: 'employees', op: 'gt', value: "1 or 1=1" } }, '/filter/value'],
        ['POST', '/api/v1/records/companies/query', { filter: { field: 'name', op: 'in', value: Array.from({ length: 600 }, () => 'x') } }, '/filter/value'],
        ['POST', '/api/v1/records/companies/query', { filter: { and: [] } }, '/filter/and'],
        ['POST', '/api/v1/records/companies/query', { filter: { field: 'company.name.x', op: 'eq', value: 1 } }, '/filter/field'],
        ['POST', '/api/v1/records/companies/query', { filter: { field: 'deletedAt', op: 'isNotNull' } }, '/filter/field'],
        ['POST', '/api/v1/records/companies/query', { sort: [{ field: 'name"--', dir: 'asc' }] }, '/sort/0/field'],
        ['POST', '/api/v1/records/companies/query', { sort: [{ field: 'name', dir: 'sideways' }] }, '/sort/0/dir'],
        ['POST', '/api/v1/records/companies/query', { limit: 1001 }, '/limit'],
        ['POST', '/api/v1/records/companies/query', { cursor: 'eyJzIjoiIn0.AAAA' }, '/cursor'],
        ['POST', '/api/v1/records/companies/query', { fields: ['name', 'password'] }, '/fields/1'],
        ['POST', '/api/v1/records/companies/query', { extra: 1 }, '/extra'],
        ['GET', '/api/v1/records/companies?limit=abc', undefined, '/query/limit'],
        ['GET', '/api/v1/records/companies?filter=%7Bnot-json', undefined, '/query/filter'],
        ['GET', '/api/v1/records/companies?sort=name%22%3B--', undefined, '/sort/0/field'],
        ['GET', `/api/v1/records/companies/${companyA.id}' or '1'='1`, undefined, undefined],
        ['PATCH', `/api/v1/records/companies/${companyA.id}`, { name: 'x' }, undefined],
        ['POST', '/api/v1/records/companies/batch', { operations: [] }, '/operations'],
        ['POST', '/api/v1/records/companies/batch', { operations: Array.from({ length: 1001 }, () => ({ op: 'create', data: { name: 'x' } })) }, '/operations'],
        ['POST', '/api/v1/records/companies/batch', { operations: [{ op: 'explode' }] }, '/operations/0/op'],
        ['GET', '/api/v1/search?q=', undefined, '/query/q'],
      ]
      for (const [method, url, body, pointer] of cases) {
        const headers: Record<string, string> = method === 'PATCH' ? { 'if-match': 'garbage' } : {}
        const response = await call(a, method, url, body, headers)
        const label = `${method} ${url.slice(0, 80)} ${JSON.stringify(body)?.slice(0, 120)}`
        assert.ok(response.status >= 400 && response.status < 500, `${label}: got ${response.status} ${response.body.slice(0, 300)}`)
        assert.match(String(response.headers['content-type']), /problem\+json/, label)
        if (pointer) assert.ok(response.json.errors?.some((e: any) => e.pointer === pointer), `${label}: wanted ${pointer}, got ${JSON.stringify(response.json)}`)
      }
      assert.equal(await snapshot(a), before, 'no bad request wrote anything')
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution')
    })

    test('malformed JSON, invalid UTF-8, wrong content type and huge bodies are refused', async () => {
      const raw = (payload: string | Buffer, contentType = 'application/json') =>
        a.app.inject({ method: 'POST', url: '/api/v1/records/companies', headers: { ...a.auth, 'content-type': contentType }, payload })
      const cases: [string | Buffer, string, number, string][] = [
        ['{"name": "x"', 'application/json', 400, 'malformed-json'],
        [Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json', 400, 'malformed-json'],
        ['', 'application/json', 400, 'malformed-json'],
        ['name=x', 'application/x-www-form-urlencoded', 415, 'unsupported-media-type'],
        [`{"name": "${'x'.repeat(17 * 1024 * 1024)}"}`, 'application/json', 413, 'payload-too-large'],
      ]
      for (const [payload, contentType, status, code] of cases) {
        const response = await raw(payload, contentType)
        assert.equal(response.statusCode, status, `${contentType} ${String(payload).slice(0, 40)}`)
        assert.equal(JSON.parse(response.body).code, code)
      }
    })

    test('the server never connects to Postgres as a superuser', async (t) => {
      if (dialect.name !== 'postgres') return t.skip('Postgres only')
      const { sql } = await import('kysely')
      const row = await sql<{ rolsuper: boolean; current_user: string }>`select rolsuper, current_user from pg_roles where rolname = current_user`.execute(a.services.database.control)
      assert.equal(row.rows[0].rolsuper, false, `connected as ${row.rows[0].current_user}`)
    })

    test('unknown routes and methods answer problem+json', async () => {
      const response = await call(a, 'GET', '/api/v1/nothing-here')
      assertProblem(response, 404, 'unknown route')
    })
  })
}
