/**
 * Timeline pages are keyset pages: following `page.nextCursor` walks the whole timeline in
 * the same order as one big page, without gaps or repeats — also through entries that share
 * a timestamp (a batch of activities, an update of two fields). A forged cursor is a 400.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const keyOf = (item: any) => (item.kind === 'record' ? `record:${item.record.id}` : item.kind === 'change' ? `change:${item.id}` : 'created')

for (const dialect of DIALECTS) {
  describe(`timeline paging [${dialect.name}]`, () => {
    let env: TestEnv
    let company: any
    before(async () => {
      env = await startEnv(dialect)
      company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Paging AB' })).json.data
      const link = [{ object: 'companies', id: company.id }]
      const batch = await call(env, 'POST', '/api/v1/records/activities/batch', {
        operations: Array.from({ length: 7 }, (_, i) => ({ op: 'create', data: { type: 'note', subject: `Batch note ${i}`, links: link } })),
      })
      assert.equal(batch.status, 200, JSON.stringify(batch.json))
      await call(env, 'PATCH', `/api/v1/records/companies/${company.id}`, { domain: 'paging.example', employees: 12 })
      for (const subject of ['First call', 'Second call']) {
        assert.equal((await call(env, 'POST', '/api/v1/records/activities', { type: 'call', subject, links: link })).status, 201)
      }
      await call(env, 'PATCH', `/api/v1/records/companies/${company.id}`, { employees: 13 })
    })
    after(async () => { await env.close() })

    test('following nextCursor yields exactly the one-page timeline, in order', async () => {
      const whole = await call(env, 'GET', `/api/v1/records/companies/${company.id}/timeline?limit=200`)
      assert.equal(whole.status, 200)
      assert.equal(whole.json.page.hasMore, false)
      assert.equal(whole.json.page.nextCursor, null)
      const expected = whole.json.data.map(keyOf)
      assert.equal(expected.length, 7 + 2 + 3 + 1, 'activities, field changes and the creation')
      assert.equal(expected.at(-1), 'created')
      const ats = whole.json.data.map((item: any) => item.at)
      assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first')

      const walked: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        const page = await call(env, 'GET', `/api/v1/records/companies/${company.id}/timeline?limit=2${query}`)
        assert.equal(page.status, 200, JSON.stringify(page.json))
        assert.ok(page.json.data.length <= 2)
        walked.push(...page.json.data.map(keyOf))
        cursor = page.json.page.nextCursor
        pages++
        assert.ok(pages < 30, 'paging ends')
      } while (cursor)
      assert.deepEqual(walked, expected)
      assert.ok(pages >= 7)
    })

    test('a cursor that this server did not issue is refused with a pointer', async () => {
      for (const cursor of ['nonsense', Buffer.from('["yesterday","x"]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","x\'; drop"]').toString('base64url')]) {
        const response = await call(env, 'GET', `/api/v1/records/companies/${company.id}/timeline?cursor=${encodeURIComponent(cursor)}`)
        assert.equal(response.status, 400, cursor)
        assert.equal(response.json.code, 'invalid-cursor')
        assert.equal(response.json.errors[0].pointer, '/query/cursor')
      }
    })
  })
}
