/**
 * Person rows find their company by name or by domain (a Website column, else the e-mail's
 * domain unless it is free mail), with IDNs in punycode; createRelated creates one company per
 * domain; re-importing changes nothing; undo removes the companies it created. And the
 * defaultCountry option reads national phone numbers in another country than the workspace's.
 * On every dialect.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { domainToASCII } from 'node:url'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { importCsv, startImport } from './support/imports.js'

const list = async (env: TestEnv, object: string, filter: unknown) =>
  (await call(env, 'POST', `/api/v1/records/${object}/query`, { ...(filter ? { filter } : {}), limit: 100 })).json.data as any[]
const errorsOf = async (env: TestEnv, id: string) => (await call(env, 'GET', `/api/v1/imports/${id}/errors`)).json.data.map((e: any) => [e.rowNo, e.column, e.reason])

const ZALGIRIS = domainToASCII('žalgiris.lt')

// Rows 2..12. Expected company: see the comments in the apply test.
const CSV = [
  'First name,Email,Company,Website',
  'A1,a1@dom.example,,acme.example',
  'A2,a2@acme.example,,',
  'A3,a3@gmail.com,,',
  'A4,a4@dom.example,Named Only,',
  'A5,a5@dom.example,Acme Renamed,https://www.ACME.example/contact',
  'A6,a6@dom.example,New Co,newco.example',
  'A7,a7@newco.example,,',
  'A8,a8@dom.example,,https://Žalgiris.lt/apie',
  'A9,a9@dom.example,,not a domain',
  'A10,a10@yandex.ru,Named Only,',
  'A11,a11@dom.example,,www.ąžuolas.lt',
].join('\n') + '\n'

for (const dialect of DIALECTS) {
  describe(`person rows find their company by domain [${dialect.name}]`, () => {
    let env: TestEnv
    const ids: Record<string, string> = {}
    before(async () => {
      env = await startEnv(dialect)
      for (const [name, domain] of [['Acme', 'https://www.acme.example/'], ['Named Only', null], ['Ąžuolas', 'ąžuolas.lt'], ['Gmail Fans', 'gmail.com']] as const) {
        const created = await call(env, 'POST', '/api/v1/records/companies', { name, ...(domain ? { domain } : {}) })
        assert.equal(created.status, 201, JSON.stringify(created.json))
        ids[name] = created.json.data.id
      }
    })
    after(async () => { await env.close() })

    test('a Website column maps to company.domain by its name in every language', async () => {
      for (const [header, email] of [['Website', 'Email'], ['Сайт', 'Эл. почта'], ['وب‌سایت', 'ایمیل'], ['Svetainė', 'El. paštas'], ['Domain', 'E-mail']]) {
        const job = await importCsv(env, `${email},${header}\nx@y.example,acme.example\n`, { object: 'people', mode: 'dryRun' })
        assert.deepEqual(job.mapping, { [email]: 'email', [header]: 'company.domain' }, header)
      }
    })

    test('without createRelated: unknown websites and names fail their row, an unknown e-mail domain leaves the company empty', async () => {
      const job = await importCsv(env, CSV, { object: 'people', mode: 'dryRun', key: 'email' })
      assert.deepEqual(job.counts, { create: 8, update: 0, skip: 0, fail: 3 })
      assert.deepEqual(await errorsOf(env, job.id), [
        [7, 'Website', 'no company named "New Co" or with domain newco.example'],
        [9, 'Website', `no company with domain ${ZALGIRIS}`],
        [10, 'Website', 'is not a web address or domain'],
      ])
    })

    test('the dry run counts companies to match and to create, and writes none', async () => {
      const job = await importCsv(env, CSV, { object: 'people', mode: 'dryRun', key: 'email', createRelated: 'true' })
      assert.deepEqual(job.counts, { create: 10, update: 0, skip: 0, fail: 1 })
      // Matched: Acme (by domain, e-mail domain), Named Only (by name), Ąžuolas (IDN); created: New Co, žalgiris.lt.
      assert.deepEqual(job.summary, { companies: 2, 'companies:matched': 3 })
      assert.deepEqual(await list(env, 'companies', { field: 'domain', op: 'in', value: ['newco.example', ZALGIRIS] }), [])
    })

    let applied: any
    test('apply links each person by the rules and creates one company per domain', async () => {
      applied = await importCsv(env, CSV, { object: 'people', mode: 'apply', key: 'email', createRelated: 'true' })
      assert.deepEqual([applied.status, applied.counts, applied.summary], ['completed', { create: 10, update: 0, skip: 0, fail: 1 }, { companies: 2, 'companies:matched': 3 }])
      const newCo = await list(env, 'companies', { field: 'domain', op: 'eq', value: 'newco.example' })
      const zalgiris = await list(env, 'companies', { field: 'domain', op: 'eq', value: ZALGIRIS })
      assert.deepEqual(newCo.map((c) => c.name), ['New Co'])
      assert.deepEqual(zalgiris.map((c) => c.name), ['žalgiris.lt'], 'no name in the row: the domain names the company')
      const people = await list(env, 'people', { field: 'firstName', op: 'startsWith', value: 'A' })
      const companyOf = Object.fromEntries(people.map((p) => [p.firstName, p.company]))
      assert.deepEqual(companyOf, {
        A1: ids.Acme, // website, stored as https://www.acme.example/
        A2: ids.Acme, // e-mail domain
        A3: null, // gmail.com is free mail, even though a company has that domain
        A4: ids['Named Only'], // by name
        A5: ids.Acme, // the domain wins over an unknown name
        A6: newCo[0].id,
        A7: newCo[0].id, // the e-mail domain of the company the row above creates
        A8: zalgiris[0].id,
        A10: ids['Named Only'], // a name and free mail: by name
        A11: ids['Ąžuolas'], // IDN stored in Unicode, written in the file with www.
      })
    })

    test('importing the same file again creates no company and changes no person', async () => {
      const companies = (await list(env, 'companies', null)).length
      const again = await importCsv(env, CSV, { object: 'people', mode: 'apply', key: 'email', createRelated: 'true' })
      assert.deepEqual([again.counts, again.summary], [{ create: 0, update: 0, skip: 10, fail: 1 }, { 'companies:matched': 5 }])
      assert.equal((await list(env, 'companies', null)).length, companies)
    })

    test('undo removes the people and the companies the import created, not the ones it matched', async () => {
      const undone = await call(env, 'POST', `/api/v1/imports/${applied.id}/undo`)
      assert.equal(undone.status, 200, JSON.stringify(undone.json))
      assert.deepEqual(await list(env, 'people', { field: 'firstName', op: 'startsWith', value: 'A' }), [])
      assert.deepEqual(await list(env, 'companies', { field: 'domain', op: 'in', value: ['newco.example', ZALGIRIS] }), [])
      assert.deepEqual((await list(env, 'companies', null)).map((c) => c.name).sort(), ['Acme', 'Gmail Fans', 'Named Only', 'Ąžuolas'])
    })

    test('defaultCountry reads national phone numbers in that country instead of the workspace’s (LT)', async () => {
      const csv = 'First name,Phone\nUs,(415) 555-0100\n'
      const workspace = await importCsv(env, csv, { object: 'people', mode: 'dryRun' })
      assert.deepEqual(workspace.counts, { create: 0, update: 0, skip: 0, fail: 1 })
      const job = await importCsv(env, csv, { object: 'people', mode: 'apply', defaultCountry: 'us' })
      assert.deepEqual([job.counts.create, job.defaultCountry], [1, 'US'])
      assert.deepEqual((await list(env, 'people', { field: 'firstName', op: 'eq', value: 'Us' })).map((p) => p.phone), ['+14155550100'])
    })

    test('an unknown defaultCountry is refused with a pointer, before anything is stored', async () => {
      for (const value of ['XX', 'LTU', '12']) {
        const refused = await startImport(env, 'First name\nA\n', { object: 'people', defaultCountry: value })
        assert.equal(refused.statusCode, 400, refused.body)
        assert.match(String(refused.headers['content-type']), /application\/problem\+json/)
        assert.equal(JSON.parse(refused.body).errors[0].pointer, '/query/defaultCountry')
      }
    })
  })
}
