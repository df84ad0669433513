import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`records API [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(async () => { await env.close() })

    test('creates, reads, updates with ETag, soft-deletes and restores a record', async () => {
      const created = await call(env, 'POST', '/api/v1/records/companies', {
        name: 'Acme UAB', domain: 'acme.lt', phone: '8 612 34567', annualRevenue: { amount: '1234.5', currency: 'EUR' },
        address: { city: 'Vilnius', country: 'lt', lat: 54.68, lng: 25.28 }, industry: 'software',
      })
      assert.equal(created.status, 201)
      const company = created.json.data
      assert.equal(company.phone, '+37061234567', 'national number normalised with the workspace country')
      assert.deepEqual(company.annualRevenue, { amount: '1234.50', currency: 'EUR' })
      assert.equal(company.address.country, 'LT')
      assert.equal(created.headers.etag, '"1"')

      const read = await call(env, 'GET', `/api/v1/records/companies/${company.id}`)
      assert.equal(read.status, 200)
      assert.equal(read.json.data.name, 'Acme UAB')

      const stale = await call(env, 'PATCH', `/api/v1/records/companies/${company.id}`, { name: 'Acme' }, { 'if-match': '"7"' })
      assert.equal(stale.status, 412)
      assert.equal(stale.json.code, 'version-conflict')

      const updated = await call(env, 'PATCH', `/api/v1/records/companies/${company.id}`, { name: 'Acme Baltic' }, { 'if-match': '"1"' })
      assert.equal(updated.status, 200)
      assert.equal(updated.json.data.version, 2)
      assert.equal(updated.json.data.domain, 'acme.lt', 'untouched fields keep their values')

      const secondWriter = await call(env, 'PATCH', `/api/v1/records/companies/${company.id}`, { name: 'Other' }, { 'if-match': '"1"' })
      assert.equal(secondWriter.status, 412)
      assert.equal((await call(env, 'GET', `/api/v1/records/companies/${company.id}`)).json.data.name, 'Acme Baltic')

      const history = await call(env, 'GET', `/api/v1/records/companies/${company.id}/history`)
      assert.equal(history.status, 200)
      assert.deepEqual(history.json.data.map((h: any) => [h.field, h.oldValue, h.newValue]), [['name', 'Acme UAB', 'Acme Baltic']])

      assert.equal((await call(env, 'DELETE', `/api/v1/records/companies/${company.id}`)).status, 204)
      assert.equal((await call(env, 'GET', `/api/v1/records/companies/${company.id}`)).status, 404)
      const list = await call(env, 'GET', '/api/v1/records/companies')
      assert.equal(list.json.data.filter((c: any) => c.id === company.id).length, 0)
      const restored = await call(env, 'POST', `/api/v1/records/companies/${company.id}/restore`)
      assert.equal(restored.status, 200)
      assert.equal(restored.json.data.name, 'Acme Baltic')
      assert.equal((await call(env, 'GET', `/api/v1/records/companies/${company.id}`)).status, 200)
    })

    test('Idempotency-Key replays the first answer and creates exactly one record', async () => {
      const body = { name: 'Idem Corp' }
      const headers = { 'idempotency-key': 'key-123' }
      const first = await call(env, 'POST', '/api/v1/records/companies', body, headers)
      const replays = await Promise.all(Array.from({ length: 10 }, () => call(env, 'POST', '/api/v1/records/companies', body, headers)))
      assert.equal(first.status, 201)
      for (const replay of replays) {
        assert.equal(replay.status, 201)
        assert.equal(replay.json.data.id, first.json.data.id)
      }
      const different = await call(env, 'POST', '/api/v1/records/companies', { name: 'Other' }, headers)
      assert.equal(different.status, 422)
      assert.equal(different.json.code, 'idempotency-key-reused')
      const found = await call(env, 'POST', '/api/v1/records/companies/query', { filter: { field: 'name', op: 'eq', value: 'Idem Corp' } })
      assert.equal(found.json.data.length, 1)
    })

    test('relations: many-to-one ids are checked, paths filter, many-to-many round-trips, timeline shows activities', async () => {
      const company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Šilas AB' })).json.data
      const person = (await call(env, 'POST', '/api/v1/records/people', { firstName: 'Žydrūnė', lastName: 'Kazlauskienė', email: 'zydrune@silas.lt', company: company.id })).json.data
      assert.equal(person.company, company.id)
      const missing = await call(env, 'POST', '/api/v1/records/people', { firstName: 'X', company: '01900000-0000-7000-8000-000000000000' })
      assert.equal(missing.status, 400)
      assert.equal(missing.json.errors[0].pointer, '/company')

      const byPath = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'company.name', op: 'startsWith', value: 'šil' } })
      assert.deepEqual(byPath.json.data.map((p: any) => p.id), [person.id])
      const inverse = await call(env, 'POST', '/api/v1/records/companies/query', { filter: { field: 'people.lastName', op: 'eq', value: 'Kazlauskienė' } })
      assert.deepEqual(inverse.json.data.map((c: any) => c.id), [company.id])

      const activity = await call(env, 'POST', '/api/v1/records/activities', {
        type: 'call', subject: 'Discovery call', participants: [person.id], links: [{ object: 'companies', id: company.id }], dueAt: '2026-12-01T10:00:00+02:00',
      })
      assert.equal(activity.status, 201)
      assert.deepEqual(activity.json.data.participants, [person.id])
      assert.equal(activity.json.data.dueAt, '2026-12-01T08:00:00.000Z')

      await call(env, 'PATCH', `/api/v1/records/people/${person.id}`, { jobTitle: 'CEO' })
      const timeline = await call(env, 'GET', `/api/v1/records/people/${person.id}/timeline`)
      const kinds = timeline.json.data.map((i: any) => i.kind)
      assert.ok(kinds.includes('record'), 'the call is on the timeline')
      assert.ok(kinds.includes('change'), 'the field change is on the timeline')
      assert.equal(kinds.at(-1), 'created')
      const companyTimeline = await call(env, 'GET', `/api/v1/records/companies/${company.id}/timeline`)
      assert.equal(companyTimeline.json.data.filter((i: any) => i.kind === 'record')[0].record.subject, 'Discovery call')
    })

    test('search is prefix-matching and diacritic-insensitive in Latin, Cyrillic and Persian', async () => {
      await call(env, 'POST', '/api/v1/records/people', { firstName: 'Jonas', lastName: 'Jonaitis' })
      await call(env, 'POST', '/api/v1/records/people', { firstName: 'Иван', lastName: 'Ёлкин' })
      await call(env, 'POST', '/api/v1/records/people', { firstName: 'محمد', lastName: 'رضايي' })
      await call(env, 'POST', '/api/v1/records/people', { firstName: 'José', lastName: 'Núñez' })
      const titles = async (q: string) => (await call(env, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json.data.map((h: any) => h.title)
      assert.ok((await titles('jon')).includes('Jonas Jonaitis'))
      assert.ok((await titles('ив')).includes('Иван Ёлкин'))
      assert.ok((await titles('елк')).includes('Иван Ёлкин'), 'ё matches е')
      assert.ok((await titles('مح')).includes('محمد رضايي'))
      assert.ok((await titles('رضایی')).includes('محمد رضايي'), 'Arabic yeh matches Persian yeh')
      assert.ok((await titles('nunez jo')).includes('José Núñez'), 'accents are ignored, several terms')
      assert.deepEqual(await titles('zzzz'), [])
    })

    test('keyset pagination walks every record once, in order, and rejects a tampered cursor', async () => {
      const ops = Array.from({ length: 25 }, (_, i) => ({ op: 'create', data: { name: `Page ${String(i % 7).padStart(2, '0')}`, employees: i % 3 === 0 ? null : i } }))
      const batch = await call(env, 'POST', '/api/v1/records/companies/batch', { operations: ops })
      assert.equal(batch.status, 200)
      const seen: string[] = []
      let cursor: string | undefined
      const sort = JSON.stringify([{ field: 'employees', dir: 'desc' }, { field: 'name', dir: 'asc' }])
      const filter = JSON.stringify({ field: 'name', op: 'startsWith', value: 'Page' })
      for (let guard = 0; guard < 20; guard++) {
        const page = await call(env, 'GET', `/api/v1/records/companies?limit=4&sort=${encodeURIComponent(sort)}&filter=${encodeURIComponent(filter)}${cursor ? `&cursor=${cursor}` : ''}`)
        assert.equal(page.status, 200)
        seen.push(...page.json.data.map((c: any) => c.id))
        cursor = page.json.page.nextCursor
        if (!page.json.page.hasMore) break
      }
      assert.equal(seen.length, 25)
      assert.equal(new Set(seen).size, 25)
      const all = await call(env, 'GET', `/api/v1/records/companies?limit=100&sort=${encodeURIComponent(sort)}&filter=${encodeURIComponent(filter)}`)
      assert.deepEqual(seen, all.json.data.map((c: any) => c.id))
      const first = await call(env, 'GET', `/api/v1/records/companies?limit=2&sort=${encodeURIComponent(sort)}`)
      const tampered = first.json.page.nextCursor.replace(/^./, (c: string) => (c === 'e' ? 'f' : 'e'))
      const bad = await call(env, 'GET', `/api/v1/records/companies?limit=2&sort=${encodeURIComponent(sort)}&cursor=${tampered}`)
      assert.equal(bad.status, 400)
      assert.equal(bad.json.code, 'invalid-cursor')
      const otherSort = await call(env, 'GET', `/api/v1/records/companies?limit=2&sort=name&cursor=${first.json.page.nextCursor}`)
      assert.equal(otherSort.status, 400)
    })


    test('startsWith on an indexed column pages through every case variant (probed ranges, cursor bound)', async () => {
      // lastName is indexed: the list probes which of K, k and the Kelvin sign occur.
      const names = ['Kaz', 'kab', '\u212Aelvin', 'Kim', 'Lee', 'Abe', 'kim', 'Kyle', 'Zed']
      const batch = await call(env, 'POST', '/api/v1/records/people/batch', { operations: names.map((lastName) => ({ op: 'create', data: { lastName, firstName: 'Probe' } })) })
      assert.equal(batch.status, 200)
      const walk = async (prefix: string) => {
        const filter = encodeURIComponent(JSON.stringify({ and: [{ field: 'firstName', op: 'eq', value: 'Probe' }, { field: 'lastName', op: 'startsWith', value: prefix }] }))
        const found: string[] = []
        let cursor: string | undefined
        for (let guard = 0; guard < 20; guard++) {
          const page = await call(env, 'GET', `/api/v1/records/people?limit=2&sort=lastName&filter=${filter}${cursor ? `&cursor=${cursor}` : ''}`)
          assert.equal(page.status, 200)
          found.push(...page.json.data.map((p: any) => p.lastName))
          cursor = page.json.page.nextCursor
          if (!page.json.page.hasMore) break
        }
        return found
      }
      const codePointOrder = (list: string[]) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      assert.deepEqual(await walk('k'), codePointOrder(['Kaz', 'kab', '\u212Aelvin', 'Kim', 'kim', 'Kyle']))
      assert.deepEqual(await walk('KI'), codePointOrder(['Kim', 'kim']))
      assert.deepEqual(await walk('l'), ['Lee'])
      assert.deepEqual(await walk('q'), [])
    })
    test('batch is all-or-nothing and reports every failing item', async () => {
      const before = (await call(env, 'POST', '/api/v1/records/products/query', { limit: 1000 })).json.data.length
      const result = await call(env, 'POST', '/api/v1/records/products/batch', {
        operations: [
          { op: 'create', data: { name: 'Good', sku: 'SKU-1' } },
          { op: 'create', data: { name: 'Bad price', price: { amount: 'abc' } } },
          { op: 'create', data: { sku: 'SKU-3' } },
        ],
      })
      assert.equal(result.status, 422)
      assert.equal(result.json.code, 'batch-failed')
      assert.deepEqual(result.json.errors.map((e: any) => e.pointer).sort(), ['/operations/1/data/price', '/operations/2/data/name'])
      const duplicate = await call(env, 'POST', '/api/v1/records/products/batch', {
        operations: [{ op: 'create', data: { name: 'A', sku: 'DUP' } }, { op: 'create', data: { name: 'B', sku: 'DUP' } }],
      })
      assert.equal(duplicate.status, 422)
      assert.equal(duplicate.json.failedOperation, 1)
      const after = (await call(env, 'POST', '/api/v1/records/products/query', { limit: 1000 })).json.data.length
      assert.equal(after, before, 'nothing was written')
      const upsert = await call(env, 'POST', '/api/v1/records/products/batch', {
        operations: [{ op: 'upsert', matchOn: 'sku', data: { name: 'Widget', sku: 'W-1' } }],
      })
      assert.equal(upsert.json.data[0].status, 'created')
      const again = await call(env, 'POST', '/api/v1/records/products/batch', {
        operations: [{ op: 'upsert', matchOn: 'sku', data: { name: 'Widget v2', sku: 'W-1' } }],
      })
      assert.equal(again.json.data[0].status, 'updated')
      assert.equal(again.json.data[0].id, upsert.json.data[0].id)
    })
  })
}
