/**
 * XLSX import through the CSV job path on every dialect: typed cells (numbers, dates,
 * booleans, formulas' results) become the same values a CSV would, a chosen sheet, dry run →
 * apply → undo; and bad workbooks — a zip bomb, XML with a DTD/external entity, a file that is
 * not what its name says, a legacy .xls, a truncated archive, a missing sheet — answer 400
 * with nothing left behind (no job, no stored file). Fixtures are built here with exceljs and fflate.
 */
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { readConfig } from '../server/src/config.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { finished } from './support/imports.js'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** A valid-looking XLSX whose sheet inflates from a few KB to 64 MB of zeros. */
function zipBomb(): Buffer {
  return Buffer.from(zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024),
  }, { level: 9 }))
}

/** A real workbook whose sheet declares an external entity and uses it in a cell. */
async function xxeWorkbook(): Promise<Buffer> {
  const parts = unzipSync(await workbook({ People: [['First name'], ['Ann']] }))
  const sheet = Buffer.from(parts['xl/worksheets/sheet1.xml']).toString('utf8')
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('?>', '?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('<v>', '<v>&xxe;'))
  return Buffer.from(zipSync(parts))
}

async function upload(env: TestEnv, body: Buffer | string, query: Record<string, string>, contentType = XLSX_TYPE) {
  const response = await env.app.inject({
    method: 'POST', url: `/api/v1/imports?${new URLSearchParams(query)}`, headers: { ...env.auth, 'content-type': contentType }, payload: body,
  })
  return { status: response.statusCode, json: JSON.parse(response.body || 'null') }
}

for (const dialect of DIALECTS) {
  describe(`XLSX imports [${dialect.name}]`, () => {
    let env: TestEnv
    const jobCount = async () => Number((await env.services.database.workspace(env.workspaceId).db.selectFrom('import_jobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const storedFiles = () => {
      const dir = path.join(readConfig().dataDir, 'imports', env.workspaceId)
      return fs.existsSync(dir) ? fs.readdirSync(dir) : []
    }
    before(async () => {
      env = await startEnv(dialect)
      for (const field of [
        { apiName: 'score', label: 'Score', type: 'number' },
        { apiName: 'birthday', label: 'Birthday', type: 'date' },
        { apiName: 'vip', label: 'VIP', type: 'boolean' },
      ]) assert.equal((await call(env, 'POST', '/api/v1/metadata/objects/people/fields', field)).status, 201)
    })
    after(async () => { await env.close() })

    const peopleAt = async (domain: string) => (await call(env, 'POST', '/api/v1/records/people/query', {
      filter: { field: 'email', op: 'contains', value: domain }, sort: [{ field: 'score', dir: 'asc' }], limit: 100,
    })).json.data

    test('typed cells import as values: dry run, apply of the chosen sheet, undo', async () => {
      const book = await workbook({
        Notes: [['Nothing', 'here']],
        People: [
          ['Vardas', 'Фамилия', 'Email', 'Score', 'Birthday', 'VIP'],
          ['Жанна', 'Aлексеева', 'zhanna@xlsx.example', 1234.5, new Date(Date.UTC(1990, 11, 31)), true],
          ['ژینا', 'Bamini', 'zhina@xlsx.example', -5, new Date(Date.UTC(1985, 1, 3)), false],
          ['Žydrūnė', 'Čėsnaitė', 'zydrune@xlsx.example', { formula: '2*21', result: 42 }, '1970-06-05', null],
        ],
      })
      const dry = await upload(env, book, { object: 'people', sheet: 'People', fileName: 'people.xlsx' })
      assert.equal(dry.status, 202, JSON.stringify(dry.json))
      const report = await finished(env, dry.json.data.id)
      assert.deepEqual(report.counts, { create: 3, update: 0, skip: 0, fail: 0 })
      assert.deepEqual(report.mapping, { Vardas: 'firstName', 'Фамилия': 'lastName', Email: 'email', Score: 'score', Birthday: 'birthday', VIP: 'vip' })
      assert.equal((await peopleAt('xlsx.example')).length, 0, 'a dry run writes nothing')

      const applied = await upload(env, book, { object: 'people', mode: 'apply', sheet: '2' })
      const job = await finished(env, applied.json.data.id)
      assert.equal(job.status, 'completed', JSON.stringify(job))
      const stored = await peopleAt('xlsx.example')
      assert.deepEqual(stored.map((p: any) => [p.firstName, p.lastName, p.score, p.birthday, p.vip ?? null]), [
        ['ژینا', 'Bamini', -5, '1985-02-03', false],
        ['Žydrūnė', 'Čėsnaitė', 42, '1970-06-05', null],
        ['Жанна', 'Aлексеева', 1234.5, '1990-12-31', true],
      ])
      const undone = await call(env, 'POST', `/api/v1/imports/${job.id}/undo`)
      assert.equal(undone.json.data.status, 'undone')
      assert.equal((await peopleAt('xlsx.example')).length, 0)
    })

    test('bad workbooks answer 400 with nothing written and no file kept', async () => {
      const jobsBefore = await jobCount()
      const filesBefore = storedFiles().length
      const good = await workbook({ People: [['First name'], ['Ann']] })
      const cases: [string, Buffer | string, Record<string, string>, string, RegExp][] = [
        ['zip bomb', zipBomb(), {}, XLSX_TYPE, /zip bomb/],
        ['external entity', await xxeWorkbook(), {}, XLSX_TYPE, /DTD or entities/],
        ['CSV named .xlsx', 'First name\nAnn\n', { fileName: 'people.xlsx' }, 'application/octet-stream', /not a zip archive/],
        ['CSV sent with the XLSX type', 'First name\nAnn\n', {}, XLSX_TYPE, /not a zip archive/],
        ['XLSX named .csv', good, { fileName: 'people.csv' }, 'application/octet-stream', /zip archive/],
        ['XLSX sent as text/csv', good, {}, 'text/csv', /zip archive/],
        ['legacy .xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), { fileName: 'old.xls' }, 'application/octet-stream', /legacy Excel/],
        ['truncated archive', good.subarray(0, Math.floor(good.length / 2)), {}, XLSX_TYPE, /zip|workbook/],
        ['missing sheet', good, { sheet: 'Nope' }, XLSX_TYPE, /no sheet/],
      ]
      for (const [name, body, query, type, detail] of cases) {
        const started = Date.now()
        const response = await upload(env, body, { object: 'people', mode: 'apply', ...query }, type)
        assert.equal(response.status, 400, `${name}: ${JSON.stringify(response.json)}`)
        assert.match(JSON.stringify(response.json), detail, name)
        assert.ok(response.json.errors[0].pointer === '/body' || response.json.errors[0].pointer === '/query/sheet', name)
        assert.ok(Date.now() - started < 10_000, `${name} took ${Date.now() - started} ms`)
      }
      assert.equal(await jobCount(), jobsBefore, 'no job was created')
      assert.equal(storedFiles().length, filesBefore, 'no upload was kept')
      assert.equal((await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'firstName', op: 'eq', value: 'Ann' } })).json.data.length, 0)
    })
  })
}
