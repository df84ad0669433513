/**
 * The import's write path (prepared inserts, ids only) keeps the engine's guarantees: a row the
 * database refuses (a unique value another record has) fails alone with its column while the
 * rest of its batch is created, created records are in the search index, and undo removes them.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { finished } from './support/imports.js'

for (const dialect of DIALECTS) {
  describe(`import batch retry and guarantees [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => {
      env = await startEnv(dialect)
      assert.equal((await call(env, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'externalId', label: 'External id', type: 'text', unique: true })).status, 201)
      assert.equal((await call(env, 'POST', '/api/v1/records/people', { firstName: 'Taken', lastName: 'Before', externalId: 'X-17' })).status, 201)
    })
    after(async () => { await env.close() })

    test('a row whose unique value is taken fails alone; the other 39 are created, searchable, and undone', async () => {
      const lines = Array.from({ length: 40 }, (_, i) => `Retry${i},Zebulon${i},retry${i}@batch.example,X-${i}`)
      const response = await env.app.inject({
        method: 'POST', url: '/api/v1/imports?object=people&mode=apply', headers: { ...env.auth, 'content-type': 'text/csv' },
        payload: `First name,Last name,Email,External id\n${lines.join('\n')}\n`,
      })
      assert.equal(response.statusCode, 202, response.body)
      const job = await finished(env, JSON.parse(response.body).data.id)
      assert.equal(job.status, 'completed', JSON.stringify(job))
      assert.deepEqual(job.counts, { create: 39, update: 0, skip: 0, fail: 1 })
      const errors = (await call(env, 'GET', `/api/v1/imports/${job.id}/errors`)).json.data
      assert.deepEqual(errors, [{ rowNo: 19, column: 'External id', reason: 'another record already has this value', value: null }])

      const query = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'email', op: 'contains', value: 'batch.example' }, limit: 100 })
      assert.deepEqual(query.json.data.map((p: any) => p.externalId).sort(), lines.map((l) => l.split(',')[3]).filter((x) => x !== 'X-17').sort())
      const hits = (await call(env, 'GET', '/api/v1/search?q=Zebulon23')).json.data
      assert.deepEqual(hits.map((h: any) => h.title), ['Retry23 Zebulon23'], 'created records are in the search index')

      assert.equal((await call(env, 'POST', `/api/v1/imports/${job.id}/undo`)).status, 200)
      const left = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'email', op: 'contains', value: 'batch.example' }, limit: 100 })
      assert.deepEqual(left.json.data, [])
      const taken = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'externalId', op: 'eq', value: 'X-17' }, limit: 10 })
      assert.deepEqual(taken.json.data.map((p: any) => p.firstName), ['Taken'], 'the record that was there before stays')
    })
  })
}
