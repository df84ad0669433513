/**
 * A person file that carries their company (createRelated): an unknown company name is
 * created once and linked, the dry run counts the companies it would create, and undo
 * removes them with the people — on every dialect.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { importCsv } from './support/imports.js'

const list = async (env: TestEnv, object: string, filter: unknown) => (await call(env, 'POST', `/api/v1/records/${object}/query`, { filter, limit: 100 })).json.data as any[]

for (const dialect of DIALECTS) {
  describe(`person rows with their company [${dialect.name}]`, () => {
    let env: TestEnv
    let existing: { id: string }
    before(async () => {
      env = await startEnv(dialect)
      existing = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Existing Co' })).json.data
      const tier = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'tier', label: 'Tier', type: 'select', options: { choices: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] } })
      assert.equal(tier.status, 201)
    })
    after(async () => { await env.close() })

    const csv = 'First name,Last name,Email,Company\nAušra,One,a@rel.example,Nordic Fish UAB\nBo,Two,b@rel.example,Nordic Fish UAB\nCy,Three,c@rel.example,Existing Co\nDi,Four,d@rel.example,\nEd,Five,e@rel.example,Baltic Bread\n'

    test('without createRelated an unknown company fails its row; with it the dry run counts companies to create', async () => {
      const strict = await importCsv(env, csv, { object: 'people', mode: 'dryRun' })
      assert.deepEqual(strict.counts, { create: 2, update: 0, skip: 0, fail: 3 })
      const dry = await importCsv(env, csv, { object: 'people', mode: 'dryRun', createRelated: 'true' })
      assert.deepEqual(dry.counts, { create: 5, update: 0, skip: 0, fail: 0 })
      // Di names no company: her e-mail's domain (rel.example) makes one too; Existing Co is matched.
      assert.deepEqual(dry.summary, { companies: 3, 'companies:matched': 1 })
      assert.deepEqual(await list(env, 'companies', { field: 'name', op: 'in', value: ['Nordic Fish UAB', 'Baltic Bread'] }), [], 'a dry run creates no company')
    })

    test('apply creates each company once and links the people; undo removes both', async () => {
      const job = await importCsv(env, csv, { object: 'people', mode: 'apply', createRelated: 'true' })
      assert.deepEqual([job.status, job.counts.create, job.summary], ['completed', 5, { companies: 3, 'companies:matched': 1 }], JSON.stringify(job))
      const nordic = await list(env, 'companies', { field: 'name', op: 'eq', value: 'Nordic Fish UAB' })
      assert.equal(nordic.length, 1)
      const people = await list(env, 'people', { field: 'email', op: 'contains', value: 'rel.example' })
      const companyOf = Object.fromEntries(people.map((p) => [p.email, p.company]))
      const byDomain = await list(env, 'companies', { field: 'domain', op: 'eq', value: 'rel.example' })
      assert.deepEqual(byDomain.map((c) => c.name), ['rel.example'])
      assert.deepEqual(companyOf, { 'a@rel.example': nordic[0].id, 'b@rel.example': nordic[0].id, 'c@rel.example': existing.id, 'd@rel.example': byDomain[0].id, 'e@rel.example': companyOf['e@rel.example'] })
      assert.ok(companyOf['e@rel.example'])
      const undone = await call(env, 'POST', `/api/v1/imports/${job.id}/undo`)
      assert.equal(undone.status, 200, JSON.stringify(undone.json))
      assert.deepEqual(await list(env, 'people', { field: 'email', op: 'contains', value: 'rel.example' }), [])
      assert.deepEqual(await list(env, 'companies', { field: 'name', op: 'in', value: ['Nordic Fish UAB', 'Baltic Bread', 'rel.example'] }), [])
      assert.equal((await list(env, 'companies', { field: 'name', op: 'eq', value: 'Existing Co' })).length, 1, 'a company that existed stays')
    })

    test('createOptions: a dry run lists the select options it would add; an apply adds them and uses them', async () => {
      const choices = async () => (await call(env, 'GET', '/api/v1/metadata/objects/people')).json.data.fields.find((f: any) => f.apiName === 'tier').options.choices.map((c: any) => c.value)
      const file = 'First name,Email,Tier\nA,a@opt.example,Gold\nB,b@opt.example,Platinum\nC,c@opt.example,platinum\nD,d@opt.example,Бронза\n'
      const strict = await importCsv(env, file, { object: 'people', mode: 'dryRun' })
      assert.deepEqual(strict.counts, { create: 1, update: 0, skip: 0, fail: 3 })
      const dry = await importCsv(env, file, { object: 'people', mode: 'dryRun', createOptions: 'true' })
      assert.deepEqual([dry.counts, dry.newOptions], [{ create: 4, update: 0, skip: 0, fail: 0 }, { tier: ['Platinum', 'Бронза'] }])
      assert.deepEqual(await choices(), ['gold', 'silver'], 'a dry run does not change the data model')
      const applied = await importCsv(env, file, { object: 'people', mode: 'apply', createOptions: 'true' })
      assert.deepEqual([applied.status, applied.counts.create], ['completed', 4], JSON.stringify(applied))
      assert.deepEqual(await choices(), ['gold', 'silver', 'Platinum', 'Бронза'])
      const people = await list(env, 'people', { field: 'email', op: 'contains', value: 'opt.example' })
      assert.deepEqual(people.map((p) => p.tier).sort(), ['Platinum', 'Platinum', 'gold', 'Бронза'].sort())
    })
  })
}
