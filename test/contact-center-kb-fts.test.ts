/**
 * Stored requests are searched through a full-text index (migration 0024: FTS5 on SQLite, a GIN
 * tsvector on Postgres), on both dialects: word prefixes in Russian, Persian and Lithuanian match,
 * the middle of a word does not (as with the LIKE scan it replaces), all terms are required, an
 * edited activity is found by its new words only, and the query really goes through the index.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const KB = '/api/v1/contact-center/kb'

for (const dialect of DIALECTS) {
  describe(`KB request search uses the full-text index [${dialect.name}]`, () => {
    let env: TestEnv
    const ids: Record<string, string> = {}
    const requests = async (q: string) =>
      ((await call(env, 'GET', `${KB}/search?q=${encodeURIComponent(q)}&include=requests`)).json.data as { id: string }[]).map((h) => h.id).sort()

    before(async () => {
      env = await startEnv(dialect)
      const texts = {
        refund: ['Возврат денег', 'Клиент просит возврат за посылку'],
        persian: ['بازپرداخت سفارش', 'مشتری درخواست بازپرداخت دارد'],
        lithuanian: ['Grąžinimas', 'Klientas prašo grąžinti pinigus už siuntą'],
        delivery: ['Delivery delayed', 'Courier lost the parcel twice'],
      }
      for (const [key, [subject, body]] of Object.entries(texts)) {
        const res = await call(env, 'POST', '/api/v1/records/activities', { type: 'call', subject, body, status: 'done' })
        assert.equal(res.status, 201, res.body)
        ids[key] = res.json.data.id
      }
    })
    after(() => env.close())

    test('word prefixes match in every script; the middle of a word does not; all terms are required', async () => {
      assert.deepEqual(await requests('возвр'), [ids.refund])
      assert.deepEqual(await requests('врат'), [], 'the middle of "возврат" is not a word start')
      assert.deepEqual(await requests('بازپرد'), [ids.persian])
      assert.deepEqual(await requests('grazin'), [ids.lithuanian])
      assert.deepEqual(await requests('courier parcel'), [ids.delivery])
      assert.deepEqual(await requests('courier возврат'), [])
    })

    test('an edited request is found by its new words, not its old ones', async () => {
      const edited = await call(env, 'PATCH', `/api/v1/records/activities/${ids.delivery}`, { body: 'Warehouse misrouted the shipment' })
      assert.equal(edited.status, 200, edited.body)
      assert.deepEqual(await requests('misrout'), [ids.delivery])
      assert.deepEqual(await requests('courier'), [])
    })

    test('the match goes through the full-text index', async () => {
      const { db } = env.services.database.workspace(env.workspaceId)
      if (dialect.name === 'sqlite') {
        const indexed = await sql<{ n: number }>`select count(*) as n from kb_request_fts where kb_request_fts match '"возвр"*'`.execute(db)
        assert.equal(Number(indexed.rows[0].n), 1)
      } else {
        const indexed = await sql<{ n: string }>`select count(*) as n from kb_request_index where search_tsv @@ to_tsquery('simple', '''возвр'':*')`.execute(db)
        assert.equal(Number(indexed.rows[0].n), 1)
        const index = await sql<{ indexname: string }>`select indexname from pg_indexes where indexname = 'kb_request_index_tsv'`.execute(db)
        assert.equal(index.rows.length, 1)
      }
    })
  })
}
