/**
 * The import's batch writer (SQLite: batches written by a worker thread on its own connection
 * while the next is planned). The writer alone: a batch whose guard matches no row rolls back, a
 * refused statement rolls everything back and names SQLite's code, and closing releases the
 * store's locks. Through the service, on every dialect: record writes made while an import runs
 * all succeed (they wait for the batch in hand, never fail with "database is locked"), and the
 * import stays exact — every row once, failures stored with their row numbers, rows searchable.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import Database from 'better-sqlite3'
import { openSqliteBatchWriter, SqliteWriteError } from '../server/src/db/sqlite-batch-writer.js'
import { createImportsService } from '../server/src/modules/imports/imports.service.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { adminPrincipal } from './support/principals.js'

describe('SQLite batch writer', () => {
  let dir: string
  let file: string
  let db: Database.Database
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-writer-'))
    file = path.join(dir, 'store.db')
    db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec('create table items (id integer primary key, name text not null unique); create table checkpoint (done integer not null); insert into checkpoint values (0)')
  })
  after(() => {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const names = () => (db.prepare('select name from items order by id').pluck().all() as string[])
  const insert = (rows: string[]) => ({ kind: 'rows' as const, sql: 'insert into items (name) values (?)', rows: rows.map((name) => [name]) })
  const advance = (from: number, to: number) => ({ sql: 'update checkpoint set done = ? where done = ?', params: [to, from] })

  test('commits with its guard, rolls back without it, and a refused row rolls back the whole batch', async () => {
    const writer = openSqliteBatchWriter(file)
    try {
      assert.equal(await writer.write({ ops: [insert(['a', 'b'])], guard: advance(0, 2) }), true)
      assert.equal(await writer.write({ ops: [insert(['c'])], guard: advance(0, 3) }), false, 'the checkpoint moved on: guard matches nothing')
      await assert.rejects(writer.write({ ops: [insert(['d', 'a'])], guard: advance(2, 4) }),
        (error: unknown) => error instanceof SqliteWriteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE')
      assert.deepEqual(names(), ['a', 'b'])
      assert.equal(db.prepare('select done from checkpoint').pluck().get(), 2)

      const linked = { kind: 'linked' as const, sql: 'insert into items (name) values (?)', rows: [['e']], linkedSql: 'insert into items (id, name) values (? + 100, ?)', linkedRows: [['e-linked']] }
      assert.equal(await writer.write({ ops: [linked], guard: advance(2, 3) }), true)
      assert.deepEqual(db.prepare('select id, name from items where name like ? order by id').all('e%'), [{ id: 3, name: 'e' }, { id: 103, name: 'e-linked' }],
        'the second statement gets the first one\'s rowid')
    } finally {
      await writer.close()
    }
    // Closed: its connection let go of the store, so this connection takes the write lock at once.
    db.pragma('busy_timeout = 0')
    db.exec('begin immediate; insert into items (name) values (\'after\'); commit')
    assert.deepEqual(names().at(-1), 'after')
  })
})

for (const dialect of DIALECTS) {
  describe(`import while records are written [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(async () => { await env.close() })

    test('every record write during the import succeeds; the import creates each row once and stores its failures', async () => {
      const principal = await adminPrincipal(env)
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-'))
      const service = createImportsService({ records: env.services.records, workspaces: env.services.workspaces, dir: () => dir, runner: { batchRows: 40 } })
      const bad = new Set([7, 333, 1234])
      const lines = Array.from({ length: 1500 }, (_, i) => `Writer${i},Quillon${i},${bad.has(i) ? 'not-an-email' : `w${i}@writer.example`}`)
      const job = await service.create(principal, Readable.from([Buffer.from(`firstName,lastName,email\n${lines.join('\n')}\n`)]), { object: 'people', mode: 'apply' })

      const statuses: number[] = []
      for (let i = 0; i < 40; i++) {
        statuses.push((await call(env, 'POST', '/api/v1/records/people', { firstName: 'During', lastName: `Import${i}`, email: `d${i}@during.example` })).status)
      }
      const done = await service.wait(principal, job.id)
      assert.deepEqual(statuses, Array(40).fill(201), 'no write failed while batches were being committed')
      assert.equal(done.status, 'completed')
      assert.deepEqual(done.counts, { create: 1497, update: 0, skip: 0, fail: 3 })
      assert.deepEqual((await service.errors(principal, job.id, 100)).map((e) => [e.rowNo, e.column]), [[9, 'email'], [335, 'email'], [1236, 'email']])

      const emails = new Set<string>()
      let cursor: string | undefined
      do {
        const page = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'email', op: 'contains', value: 'writer.example' }, limit: 1000, ...(cursor ? { cursor } : {}) })
        for (const p of page.json.data) emails.add(p.email)
        cursor = page.json.page.nextCursor ?? undefined
      } while (cursor)
      assert.equal(emails.size, 1497)
      assert.deepEqual((await call(env, 'GET', '/api/v1/search?q=Quillon1499')).json.data.map((h: any) => h.title), ['Writer1499 Quillon1499'])
      fs.rmSync(dir, { recursive: true, force: true })
    })
  })
}
