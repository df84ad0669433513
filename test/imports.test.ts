/**
 * CSV import jobs over HTTP on every dialect: encodings, delimiters and quoting, header
 * synonyms, locale coercion, dry-run report and its CSV, apply/undo, upsert, crash and
 * resume from the checkpoint, and bad files answered with problem+json.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import { createImportsService } from '../server/src/modules/imports/imports.service.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { finished, importCsv } from './support/imports.js'
import { adminPrincipal } from './support/principals.js'

/** Encodes text in a single-byte code page by inverting Node's decoder (Node cannot encode these). */
function encodeSingleByte(text: string, encoding: string): Buffer {
  const decoder = new TextDecoder(encoding)
  const table = new Map<string, number>()
  for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte)
  return Buffer.from([...text].map((ch) => {
    if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0)
    const byte = table.get(ch)
    if (byte === undefined) throw new Error(`${ch} is not in ${encoding}`)
    return byte
  }))
}

function encode(text: string, encoding: string): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8')
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
  if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
  if (encoding === 'utf-16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])
  return encodeSingleByte(text, encoding)
}

async function upload(env: TestEnv, body: Buffer | string, query: Record<string, string>, auth = env.auth, contentType = 'text/csv') {
  const response = await env.app.inject({
    method: 'POST', url: `/api/v1/imports?${new URLSearchParams(query)}`, headers: { ...auth, 'content-type': contentType }, payload: body,
  })
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(response.body || 'null') }
}

async function people(env: TestEnv, filter?: unknown): Promise<any[]> {
  const all: any[] = []
  let cursor: string | undefined
  do {
    const page = await call(env, 'POST', '/api/v1/records/people/query', { filter, limit: 1000, sort: [{ field: 'createdAt', dir: 'asc' }], ...(cursor ? { cursor } : {}) })
    all.push(...page.json.data)
    cursor = page.json.page.nextCursor ?? undefined
  } while (cursor)
  return all
}

const byEmailDomain = (domain: string) => ({ field: 'email', op: 'contains', value: domain })

for (const dialect of DIALECTS) {
  describe(`imports [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => {
      env = await startEnv(dialect)
      for (const field of [
        { apiName: 'score', label: 'Score', type: 'number' },
        { apiName: 'birthday', label: 'Birthday', type: 'date' },
        { apiName: 'tier', label: 'Tier', type: 'select', options: { choices: [{ value: 'gold', label: 'Gold' }, { value: 'silver', label: 'Silver' }] } },
      ]) assert.equal((await call(env, 'POST', '/api/v1/metadata/objects/people/fields', field)).status, 201)
    })
    after(async () => { await env.close() })

    const russian = (domain: string) => 'Имя,Фамилия,E-mail\r\nИван,Петров,ivan@' + domain + '\r\nМария,Сидорова,maria@' + domain + '\r\nЁжик,Щукин-Эйхвальд,ezhik@' + domain + '\r\n'
    const lithuanian = (domain: string) => 'Vardas;Pavardė;El. paštas\nŽydrūnė;Kazlauskienė;zydrune@' + domain + '\nĄžuolas;Čėsna;azuolas@' + domain + '\nŪla;Šėmaitytė;ula@' + domain + '\n'
    const cases = [
      ['utf-8', russian], ['utf-8-bom', lithuanian], ['utf-16le', russian], ['utf-16be', lithuanian],
      ['windows-1251', russian], ['koi8-r', russian], ['windows-1257', lithuanian],
    ] as const
    for (const [encoding, sample] of cases) {
      test(`detects ${encoding} and imports the right names`, async () => {
        const domain = `${encoding}.example`
        const text = sample(domain)
        const job = await importCsv(env, encode(text, encoding), { object: 'people', mode: 'apply' })
        assert.equal(job.status, 'completed', JSON.stringify(job))
        assert.equal(job.encoding, encoding.replace('-bom', ''))
        assert.deepEqual(job.counts, { create: 3, update: 0, skip: 0, fail: 0 })
        const rows = text.trim().split(/\r?\n/).slice(1).map((line) => line.split(/[,;]/))
        const stored = await people(env, byEmailDomain(domain))
        assert.deepEqual(stored.map((p) => [p.firstName, p.lastName, p.email]), rows)
      })
    }

    test('an explicit encoding overrides detection', async () => {
      const bytes = encode(russian('override.example'), 'windows-1251')
      const job = await importCsv(env, bytes, { object: 'people', mode: 'dryRun', encoding: 'koi8-r' })
      assert.equal(job.encoding, 'koi8-r')
    })

    test('semicolons, quoted cells with newlines, Persian headers and locale coercion', async () => {
      const csv = [
        'نام;نام خانوادگی;ایمیل;تلفن;Score;Birthday;Tier;Notes',
        '"Sara";"Ahmadi; Jr";sara@fa.example;"8 612 34567";"1 234,56";31.12.1990;GOLD;"first line\nsecond ""quoted"" line"',
        'Reza;Karimi;reza@fa.example;+37061234568;۱۲۳;1985-02-03;silver;',
        'Ona;Petraitytė;ona@fa.example;;"1.234,5";۰۵.۰۶.۱۹۷۰;Silver;x',
      ].join('\r\n')
      const job = await importCsv(env, csv, { object: 'people', mode: 'apply' })
      assert.equal(job.delimiter, ';')
      assert.deepEqual(job.unmappedColumns, ['Notes'])
      assert.deepEqual(job.mapping, { 'نام': 'firstName', 'نام خانوادگی': 'lastName', 'ایمیل': 'email', 'تلفن': 'phone', Score: 'score', Birthday: 'birthday', Tier: 'tier', Notes: null })
      assert.deepEqual(job.counts, { create: 3, update: 0, skip: 0, fail: 0 })
      const stored = await people(env, byEmailDomain('fa.example'))
      assert.deepEqual(stored.map((p) => [p.firstName, p.lastName, p.phone, p.score, p.birthday, p.tier]), [
        ['Sara', 'Ahmadi; Jr', '+37061234567', 1234.56, '1990-12-31', 'gold'],
        ['Reza', 'Karimi', '+37061234568', 123, '1985-02-03', 'silver'],
        ['Ona', 'Petraitytė', null, 1234.5, '1970-06-05', 'silver'],
      ])
    })

    test('Russian and Lithuanian header synonyms map to the standard fields', async () => {
      for (const [headers, expected] of [
        [['Имя', 'Фамилия', 'Эл. почта', 'Телефон', 'Компания'], ['firstName', 'lastName', 'email', 'phone', 'company']],
        [['Vardas', 'Pavardė', 'El. paštas', 'Telefonas', 'Įmonė'], ['firstName', 'lastName', 'email', 'phone', 'company']],
      ] as const) {
        const started = await upload(env, `${headers.join(',')}\nA,B,syn@example.com,,\n`, { object: 'people', mode: 'dryRun' })
        assert.equal(started.status, 202)
        assert.deepEqual(Object.values(started.json.data.mapping), expected)
        await finished(env, started.json.data.id)
      }
    })

    test('dry run counts every outcome, writes nothing, and the errors CSV neutralises formulas', async () => {
      await call(env, 'POST', '/api/v1/records/people', { firstName: 'Old', lastName: 'Timer', email: 'old@dry.example' })
      const before = await people(env, byEmailDomain('dry.example'))
      const csv = [
        'First name,Last name,Email,Score,Company',
        'New,One,new1@dry.example,5,',
        'Old,Timer,old@dry.example,7,',
        'Bad,Mail,"=HYPERLINK(""http://evil.example"")",1,',
        'Dup,Row,new1@dry.example,1,',
        ',,,,',
        'Bad,Score,score@dry.example,many,',
        'No,Company,nocompany@dry.example,1,Ghost Ltd',
      ].join('\n')
      const job = await importCsv(env, csv, { object: 'people', mode: 'dryRun', key: 'email' })
      assert.equal(job.status, 'completed')
      assert.deepEqual(job.counts, { create: 1, update: 1, skip: 2, fail: 3 })
      assert.deepEqual(job.progress.rowsDone, 7)
      assert.deepEqual(job.progress.totalRows, 7)
      assert.deepEqual(await people(env, byEmailDomain('dry.example')), before, 'a dry run writes nothing')

      const report = await env.app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}/errors.csv`, headers: env.auth })
      assert.equal(report.statusCode, 200)
      assert.match(String(report.headers['content-type']), /text\/csv/)
      const rows: string[][] = parse(report.body)
      assert.deepEqual(rows[0], ['row', 'column', 'reason', 'value'])
      const byRow = new Map(rows.slice(1).map((r) => [r[0], r]))
      assert.deepEqual([...byRow.keys()], ['4', '5', '7', '8'])
      assert.equal(byRow.get('4')![1], 'Email')
      assert.equal(byRow.get('4')![3], `'=HYPERLINK("http://evil.example")`, 'a formula is neutralised with a leading apostrophe')
      assert.match(byRow.get('5')![2], /duplicate of row 2/)
      assert.deepEqual(byRow.get('7')!.slice(1, 3), ['Score', 'is not a number'])
      assert.deepEqual(byRow.get('8')!.slice(1, 3), ['Company', 'no company named "Ghost Ltd"'])
    })

    test('apply then undo restores the people exactly; upsert by email updates instead of duplicating', async () => {
      const company = (await call(env, 'POST', '/api/v1/records/companies', { name: 'Undo Works UAB' })).json.data
      const existing = (await call(env, 'POST', '/api/v1/records/people', { firstName: 'Ann', lastName: 'Before', email: 'ann@undo.example', score: 1 })).json.data
      const snapshot = async () => (await people(env)).map(({ version: _v, updatedAt: _u, ...rest }) => rest)
      const before = await snapshot()
      const csv = 'firstName,lastName,email,score,company\nAnn,After,ann@UNDO.Example,2,Undo Works UAB\nBob,New,bob@undo.example,3,Undo Works UAB\nCid,New,cid@undo.example,,\n'
      const job = await importCsv(env, csv, { object: 'people', mode: 'apply', key: 'email' })
      assert.deepEqual(job.counts, { create: 2, update: 1, skip: 0, fail: 0 })
      const after = await people(env, byEmailDomain('undo.example'))
      assert.equal(after.length, 3, 'the existing person was updated, not duplicated')
      const ann = after.find((p) => p.id === existing.id)
      assert.deepEqual([ann.lastName, ann.score, ann.company], ['After', 2, company.id])

      const again = await importCsv(env, csv, { object: 'people', mode: 'apply', key: 'email' })
      assert.deepEqual(again.counts, { create: 0, update: 0, skip: 3, fail: 0 }, 'importing the same file twice changes nothing')
      assert.equal((await people(env, byEmailDomain('undo.example'))).length, 3)

      const undone = await call(env, 'POST', `/api/v1/imports/${job.id}/undo`)
      assert.equal(undone.status, 200, JSON.stringify(undone.json))
      assert.equal(undone.json.data.status, 'undone')
      assert.deepEqual(await snapshot(), before)
      assert.equal((await call(env, 'POST', `/api/v1/imports/${job.id}/undo`)).status, 409)
    })

    test('a run frozen after two batches resumes from its checkpoint: every row exactly once', async () => {
      const principal = await adminPrincipal(env)
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-'))
      const frozen = new Promise<void>(() => {})
      const crashing = createImportsService({
        records: env.services.records, workspaces: env.services.workspaces, dir: () => dir,
        runner: { batchRows: 10, afterBatch: async (_job, rowsDone) => { if (rowsDone >= 20) await frozen } },
      })
      const lines = Array.from({ length: 55 }, (_, i) => `Crash,Person${i},crash${i}@crash.example`)
      const csv = `firstName,lastName,email\n${lines.join('\n')}\n`
      const { Readable } = await import('node:stream')
      const job = await crashing.create(principal, Readable.from([Buffer.from(csv)]), { object: 'people', mode: 'apply' })
      for (let i = 0; i < 500 && (await crashing.get(principal, job.id)).progress.rowsDone < 20; i++) await new Promise((r) => setTimeout(r, 10))
      const stuck = await crashing.get(principal, job.id)
      assert.deepEqual([stuck.status, stuck.progress.rowsDone], ['running', 20])
      assert.equal((await people(env, byEmailDomain('crash.example'))).length, 20)

      const restarted = createImportsService({ records: env.services.records, workspaces: env.services.workspaces, dir: () => dir, runner: { batchRows: 10 } })
      assert.deepEqual(await restarted.resumeInterrupted(), [job.id])
      const done = await restarted.wait(principal, job.id)
      assert.equal(done.status, 'completed')
      assert.deepEqual([done.progress.rowsDone, done.counts.create], [55, 55])
      const stored = await people(env, byEmailDomain('crash.example'))
      assert.deepEqual(stored.map((p) => p.lastName).sort(), lines.map((l) => l.split(',')[1]).sort())
      fs.rmSync(dir, { recursive: true, force: true })
    })

    test('cancel stops a running job between batches; resume finishes it without duplicates', async () => {
      const principal = await adminPrincipal(env)
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-'))
      let release!: () => void
      const paused = new Promise<void>((resolve) => { release = resolve })
      const service = createImportsService({
        records: env.services.records, workspaces: env.services.workspaces, dir: () => dir,
        runner: { batchRows: 10, afterBatch: async (_job, rowsDone) => { if (rowsDone === 10) await paused } },
      })
      const lines = Array.from({ length: 35 }, (_, i) => `Cancel,Person${i},c${i}@cancel-run.example`)
      const { Readable } = await import('node:stream')
      const job = await service.create(principal, Readable.from([Buffer.from(`firstName,lastName,email\n${lines.join('\n')}\n`)]), { object: 'people', mode: 'apply' })
      for (let i = 0; i < 500 && (await service.get(principal, job.id)).progress.rowsDone < 10; i++) await new Promise((r) => setTimeout(r, 10))
      const cancelled = await service.cancel(principal, job.id)
      assert.equal(cancelled.status, 'cancelled')
      release()
      await service.wait(principal, job.id)
      const stopped = await service.get(principal, job.id)
      assert.deepEqual([stopped.status, stopped.progress.rowsDone], ['cancelled', 10], 'the batch in flight after cancel was rolled back')
      assert.equal((await people(env, byEmailDomain('cancel-run.example'))).length, 10)
      await service.resume(principal, job.id)
      const done = await service.wait(principal, job.id)
      assert.deepEqual([done.status, done.progress.rowsDone, done.counts.create], ['completed', 35, 35])
      assert.equal((await people(env, byEmailDomain('cancel-run.example'))).length, 35)
      fs.rmSync(dir, { recursive: true, force: true })
    })

    test('cancel of a finished job is refused; another user sees 404', async () => {
      const other = await env.addMember('admin', 'other-importer')
      const started = await upload(env, 'firstName,email\nCan,can@cancel.example\n', { object: 'people', mode: 'dryRun' })
      const id = started.json.data.id
      await finished(env, id)
      assert.equal((await call(env, 'GET', `/api/v1/imports/${id}`, undefined, other.auth)).status, 404)
      assert.equal((await call(env, 'POST', `/api/v1/imports/${id}/undo`, undefined, other.auth)).status, 404)
      assert.equal((await call(env, 'GET', `/api/v1/imports/${id}/errors.csv`, undefined, other.auth)).status, 404)
      assert.equal((await call(env, 'POST', `/api/v1/imports/${id}/cancel`)).status, 409, 'a finished job cannot be cancelled')
    })

    test('a role without import permission, and read-only fields, are refused', async () => {
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'No import', permissions: { defaultObject: { read: true, create: true, update: true }, objects: {}, fields: { people: { lastName: 'readOnly' } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      const member = await env.addMember(role.json.data.id, 'no-import')
      const refused = await upload(env, 'firstName\nX\n', { object: 'people' }, member.auth)
      assert.equal(refused.status, 403)
      const importer = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'Importer', permissions: { defaultObject: { read: true, create: true, update: true, import: true }, objects: {}, fields: { people: { lastName: 'readOnly' } } },
      })
      const member2 = await env.addMember(importer.json.data.id, 'importer')
      const mapped = await upload(env, 'firstName,lastName\nX,Y\n', { object: 'people' }, member2.auth)
      assert.equal(mapped.status, 202)
      assert.deepEqual(mapped.json.data.mapping, { firstName: 'firstName', lastName: null }, 'a read-only field is not mapped')
      await finished(env, mapped.json.data.id, member2.auth)
      const explicit = await upload(env, 'firstName,lastName\nX,Y\n', { object: 'people', mapping: JSON.stringify({ lastName: 'lastName' }) }, member2.auth)
      assert.equal(explicit.status, 400)
      assert.equal(explicit.json.errors[0].pointer, '/query/mapping/lastName')
    })

    test('bad files answer 4xx problem+json, never 500', async () => {
      const junk = Buffer.alloc(4096)
      for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256
      const cases: [string, Buffer | string, Record<string, string>, number, string?][] = [
        ['empty file', '', { object: 'people' }, 400],
        ['no header', '1,2,3\n4,5,6\n', { object: 'people' }, 400],
        ['unknown object', 'firstName\nA\n', { object: 'nosuchthings' }, 404],
        ['binary junk', junk, { object: 'people' }, 400],
        ['huge line', `firstName,lastName\n${'x'.repeat(2 * 1024 * 1024)},y\n`, { object: 'people' }, 400],
        ['unbalanced quote', 'firstName,lastName\n"open,y\n', { object: 'people' }, 400],
        ['unknown encoding', 'firstName\nA\n', { object: 'people', encoding: 'ebcdic' }, 400],
        ['unknown key', 'firstName\nA\n', { object: 'people', key: 'nope' }, 400],
        ['bad mapping JSON', 'firstName\nA\n', { object: 'people', mapping: '{' }, 400],
        ['JSON body', '{"a":1}', { object: 'people' }, 415, 'application/json'],
      ]
      for (const [label, body, query, status, contentType] of cases) {
        const response = await upload(env, body, query, env.auth, contentType)
        assert.equal(response.status, status, `${label}: ${JSON.stringify(response.json)}`)
        assert.match(String(response.headers['content-type']), /application\/problem\+json/, label)
      }
      const unknownJob = await call(env, 'GET', '/api/v1/imports/01900000-0000-7000-8000-000000000001')
      assert.equal(unknownJob.status, 404)
    })
  })
}
