/**
 * An upsert import updates matched records in bulk (engine/records-update.ts) with updateRecord's
 * rules: only changed records get a new version and history, searchable changes are re-indexed,
 * and a record that moved on since it was read is refused with nothing of the call written.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { getObject } from '../server/src/engine/metadata-store.js'
import { AppError, ProblemCollector } from '../server/src/errors.js'
import { parseForWrite } from '../server/src/engine/record-access.js'
import { updateParsedRecords } from '../server/src/engine/records-update.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { finished } from './support/imports.js'
import { adminPrincipal } from './support/principals.js'

for (const dialect of DIALECTS) {
  describe(`upsert import updates in bulk [${dialect.name}]`, () => {
    let env: TestEnv
    const people: Record<string, any> = {}
    before(async () => {
      env = await startEnv(dialect)
      for (const [key, firstName, lastName] of [['a', 'Orvald', 'Brink'], ['b', 'Same', 'Person'], ['c', 'Ilse', 'Varga']]) {
        const created = await call(env, 'POST', '/api/v1/records/people', { firstName, lastName, email: `${key}@upsert.example` })
        assert.equal(created.status, 201)
        people[key] = created.json.data
      }
    })
    after(async () => { await env.close() })

    test('changed rows get a version, history and a fresh search entry; the unchanged row is untouched', async () => {
      const csv = 'Email,First name,Last name\na@upsert.example,Ragnhild,Brink\nb@upsert.example,Same,Person\nc@upsert.example,Ilse,Kovacs\n'
      const response = await env.app.inject({
        method: 'POST', url: '/api/v1/imports?object=people&mode=apply&key=email', headers: { ...env.auth, 'content-type': 'text/csv' }, payload: csv,
      })
      assert.equal(response.statusCode, 202, response.body)
      const job = await finished(env, JSON.parse(response.body).data.id)
      assert.deepEqual([job.status, job.counts], ['completed', { create: 0, update: 2, skip: 1, fail: 0 }])

      const read = async (key: string) => (await call(env, 'GET', `/api/v1/records/people/${people[key].id}`)).json.data
      const [a, b, c] = [await read('a'), await read('b'), await read('c')]
      assert.deepEqual([a.firstName, a.version, b.version, c.lastName, c.version], ['Ragnhild', 2, 1, 'Kovacs', 2])
      assert.equal(a.updatedAt, c.updatedAt, 'one batch, one time')

      const history = (await call(env, 'GET', `/api/v1/records/people/${a.id}/history`)).json.data
      assert.deepEqual(history.map((h: any) => [h.field, h.oldValue, h.newValue, h.actor]), [['firstName', 'Orvald', 'Ragnhild', env.adminUserId]])
      assert.deepEqual((await call(env, 'GET', `/api/v1/records/people/${b.id}/history`)).json.data, [])

      const titles = async (q: string) => (await call(env, 'GET', `/api/v1/search?q=${q}`)).json.data.map((h: any) => h.title)
      assert.deepEqual(await titles('Ragnhild'), ['Ragnhild Brink'])
      assert.deepEqual(await titles('Orvald'), [], 'the old name is gone from the index')
      assert.deepEqual(await titles('Kovacs'), ['Ilse Kovacs'])
    })

    test('a record that moved on since it was read refuses the whole call; nothing of it is written', async () => {
      const ctx = await env.services.records.contextFor(await adminPrincipal(env))
      const object = getObject(ctx.metadata, 'people')
      const current = async (key: string) => (await call(env, 'GET', `/api/v1/records/people/${people[key].id}`)).json.data
      const [a, c] = [await current('a'), await current('c')]
      const problems = new ProblemCollector()
      const parsed = await parseForWrite(ctx, ctx.ws.db, object, [{ input: { firstName: 'Torvald' }, pointer: '/0' }, { input: { firstName: 'Ildiko' }, pointer: '/1' }], 'update', problems)
      assert.equal(problems.hasErrors, false)
      await assert.rejects(ctx.ws.db.transaction().execute((trx) => updateParsedRecords(ctx, trx, object, [
        { id: a.id, version: a.version, parsed: parsed[0] },
        { id: c.id, version: c.version - 1, parsed: parsed[1] },
      ])), (error: unknown) => error instanceof AppError && error.code === 'version-conflict')
      assert.deepEqual([(await current('a')).firstName, (await current('a')).version, (await current('c')).firstName], ['Ragnhild', 2, 'Ilse'])

      const [same] = await parseForWrite(ctx, ctx.ws.db, object, [{ input: { firstName: 'Ilse' }, pointer: '/0' }], 'update', problems)
      const changed = await ctx.ws.db.transaction().execute((trx) => updateParsedRecords(ctx, trx, object, [
        { id: a.id, version: a.version, parsed: parsed[0] },
        { id: c.id, version: c.version, parsed: same },
      ]))
      assert.deepEqual(changed, [true, false])
      assert.deepEqual([(await current('a')).firstName, (await current('a')).version, (await current('c')).version], ['Torvald', 3, 2])
    })
  })
}
