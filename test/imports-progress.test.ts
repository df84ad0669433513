/**
 * Import progress over SSE and in the job list, mapping templates (save, list, apply,
 * suggest, delete) and the hostile files the upload must refuse within bounded time and
 * memory — on every dialect.
 */
import { Readable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { finished } from './support/imports.js'
import { adminPrincipal } from './support/principals.js'

async function upload(env: TestEnv, body: Buffer | string, query: Record<string, string>) {
  const response = await env.app.inject({
    method: 'POST', url: `/api/v1/imports?${new URLSearchParams(query)}`, headers: { ...env.auth, 'content-type': 'text/csv' }, payload: body,
  })
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(response.body || 'null') }
}

interface SseEvent { id: string; event: string; data: any }

function parseSse(body: string): SseEvent[] {
  return body.split('\n\n').filter((block) => block.startsWith('id:')).map((block) => {
    const fields = new Map(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]))
    return { id: fields.get('id')!, event: fields.get('event')!, data: JSON.parse(fields.get('data')!) }
  })
}

const peopleCsv = (n: number, domain: string) =>
  `First name,Last name,Email\n${Array.from({ length: n }, (_, i) => `P${i},Row${i},p${i}@${domain}`).join('\n')}\n`

for (const dialect of DIALECTS) {
  describe(`import progress, templates and hostile files [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(async () => { await env.close() })

    test('the events stream reports progress and ends with the final counts; the job GET has the same figures', async () => {
      const started = await upload(env, peopleCsv(1500, 'sse.example'), { object: 'people', mode: 'apply' })
      assert.equal(started.status, 202, JSON.stringify(started.json))
      const id = started.json.data.id
      const response = await env.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/events`, headers: env.auth })
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-type']), /^text\/event-stream/)
      assert.equal(response.headers['cache-control'], 'no-cache, no-transform')
      const events = parseSse(response.body)
      const end = events.at(-1)!
      assert.equal(end.event, 'end')
      assert.equal(events.filter((e) => e.event === 'end').length, 1)
      assert.deepEqual(end.data.counts, { create: 1500, update: 0, skip: 0, fail: 0 })
      assert.deepEqual([end.data.phase, end.data.progress.rowsDone, end.data.progress.totalRows, end.data.progress.percent], ['completed', 1500, 1500, 100])
      assert.equal(end.id, '1500-completed')
      assert.ok(end.data.progress.rowsPerSecond > 0)
      const done = events.filter((e) => e.event === 'progress').map((e) => e.data.progress.rowsDone)
      assert.deepEqual(done, [...done].sort((a, b) => a - b), 'rows done never go backwards')
      for (const e of events.filter((x) => x.event === 'progress')) {
        assert.equal(e.data.phase, 'writing')
        assert.equal(e.data.progress.percent, Math.floor((e.data.progress.rowsDone / 1500) * 100))
      }
      const job = (await call(env, 'GET', `/api/v1/imports/${id}`)).json.data
      assert.deepEqual([job.progress, job.counts, job.phase], [end.data.progress, end.data.counts, end.data.phase])

      const again = await env.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/events`, headers: { ...env.auth, 'last-event-id': end.id } })
      assert.deepEqual(parseSse(again.body).map((e) => e.event), ['end'], 'a reconnect after the end only learns that it ended')
      const missing = await env.app.inject({ method: 'GET', url: '/api/v1/imports/01900000-0000-7000-8000-000000000001/events', headers: env.auth })
      assert.equal(missing.statusCode, 404)
      assert.match(String(missing.headers['content-type']), /problem\+json/)
    })

    test('a running job streams progress events while it moves, and its job list entry matches', async () => {
      const principal = await adminPrincipal(env)
      let release!: () => void
      const gate = new Promise<void>((resolve) => { release = resolve })
      const { createImportsService } = await import('../server/src/modules/imports/imports.service.js')
      const fs = await import('node:fs')
      const os = await import('node:os')
      const path = await import('node:path')
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-sse-'))
      const service = createImportsService({
        records: env.services.records, workspaces: env.services.workspaces, dir: () => dir,
        runner: { batchRows: 10, afterBatch: async (_job, rowsDone) => { if (rowsDone === 20) await gate } },
      })
      const job = await service.create(principal, Readable.from([Buffer.from(peopleCsv(40, 'gate.example'))]), { object: 'people', mode: 'dryRun' })
      for (let i = 0; i < 500 && (await service.get(principal, job.id)).progress.rowsDone < 20; i++) await new Promise((r) => setTimeout(r, 10))
      const paused = await service.get(principal, job.id)
      assert.deepEqual([paused.phase, paused.progress.rowsDone, paused.progress.percent], ['validating', 20, 50])
      assert.ok(paused.progress.etaSeconds !== null && paused.progress.etaSeconds >= 0)
      const listed = (await call(env, 'GET', '/api/v1/imports')).json.data
      assert.equal(listed[0].id, job.id, 'newest first')
      assert.equal(listed[0].progress.rowsDone, 20)
      const chunks: string[] = []
      const { streamJobEvents } = await import('../server/src/modules/imports/import-events.js')
      const streaming = streamJobEvents({ write: (c) => { chunks.push(c) }, isClosed: () => false }, () => service.get(principal, job.id), { pollMs: 5 })
      await new Promise((r) => setTimeout(r, 50))
      release()
      await streaming
      const events = parseSse(chunks.join(''))
      assert.equal(events[0].event, 'progress')
      assert.equal(events[0].data.progress.rowsDone, 20)
      assert.deepEqual([events.at(-1)!.event, events.at(-1)!.data.progress.rowsDone, events.at(-1)!.data.counts.create], ['end', 40, 40])
      fs.rmSync(dir, { recursive: true, force: true })
    })

    test('templates: save, list, suggest for matching headers, apply to a new file, delete', async () => {
      const saved = await call(env, 'POST', '/api/v1/import-templates', {
        object: 'people', name: 'Shop export', mapping: { 'Vorname': 'firstName', 'Nachname': 'lastName', 'E-Mail-Adresse': 'email', 'Notiz': null },
        options: { key: 'email', delimiter: ';' },
      })
      assert.equal(saved.status, 201, JSON.stringify(saved.json))
      const template = saved.json.data
      assert.deepEqual(template.options, { key: 'email', delimiter: ';' })
      assert.equal((await call(env, 'POST', '/api/v1/import-templates', { object: 'people', name: 'Shop export', mapping: {} })).status, 409)
      const badField = await call(env, 'POST', '/api/v1/import-templates', { object: 'people', name: 'Bad', mapping: { X: 'nosuchfield' } })
      assert.equal(badField.status, 400)
      assert.equal(badField.json.errors[0].pointer, '/mapping/X')

      const list = await call(env, 'GET', '/api/v1/import-templates?object=people')
      assert.deepEqual(list.json.data.map((t: any) => t.name), ['Shop export'])
      assert.deepEqual((await call(env, 'GET', '/api/v1/import-templates?object=companies')).json.data, [])

      const suggested = await call(env, 'POST', '/api/v1/import-templates/suggest', { object: 'people', headers: ['vorname', 'Nachname', 'E-Mail-Adresse', 'Notiz'] })
      assert.deepEqual(suggested.json.data.map((s: any) => [s.template.id, s.score]), [[template.id, 1]])
      const partial = await call(env, 'POST', '/api/v1/import-templates/suggest', { object: 'people', headers: ['Vorname', 'Nachname'] })
      assert.deepEqual(partial.json.data, [], 'a file without a mapped column of the template is not suggested')

      const csv = 'Vorname;Nachname;E-Mail-Adresse;Notiz\nJonas;Tmpl;jonas@tmpl.example;x\nJonas;Twice;jonas@tmpl.example;y\n'
      const started = await upload(env, csv, { object: 'people', mode: 'apply', template: template.id })
      assert.equal(started.status, 202, JSON.stringify(started.json))
      const job = await finished(env, started.json.data.id)
      assert.deepEqual([job.delimiter, job.key, job.mapping], [';', 'email', { 'Vorname': 'firstName', 'Nachname': 'lastName', 'E-Mail-Adresse': 'email', 'Notiz': null }])
      assert.deepEqual(job.counts, { create: 1, update: 0, skip: 1, fail: 0 }, 'the template key makes the second row a duplicate')
      const overridden = await upload(env, csv, { object: 'people', mode: 'dryRun', template: template.id, mapping: JSON.stringify({ Notiz: 'jobTitle' }) })
      assert.equal(overridden.json.data.mapping.Notiz, 'jobTitle', 'an explicit mapping wins over the template')
      await finished(env, overridden.json.data.id)
      const wrongObject = await upload(env, 'name\nAcme\n', { object: 'companies', template: template.id })
      assert.deepEqual([wrongObject.status, wrongObject.json.errors[0].pointer], [400, '/query/template'])

      const reader = await env.addMember('Read only', 'template-reader')
      assert.equal((await call(env, 'GET', '/api/v1/import-templates?object=people', undefined, reader.auth)).status, 403, 'templates need the import permission')
      assert.equal((await call(env, 'DELETE', `/api/v1/import-templates/${template.id}`, undefined, reader.auth)).status, 404)
      assert.equal((await call(env, 'DELETE', `/api/v1/import-templates/${template.id}`)).status, 204)
      assert.equal((await call(env, 'DELETE', `/api/v1/import-templates/${template.id}`)).status, 404)
      assert.deepEqual((await call(env, 'GET', '/api/v1/import-templates?object=people')).json.data, [])
    })

    test('hostile files are refused with problem+json and nothing written: ragged rows, quotes, NUL bytes, 100,000 columns', async () => {
      const ragged = await upload(env, 'First name,Last name,Email\nRa,Short\nRa,Long,long@ragged.example,extra,cells\nRa,Fine,fine@ragged.example\n', { object: 'people', mode: 'dryRun' })
      assert.equal(ragged.status, 202)
      const report = await finished(env, ragged.json.data.id)
      assert.deepEqual(report.counts, { create: 2, update: 0, skip: 0, fail: 1 })
      const errors = await env.app.inject({ method: 'GET', url: `/api/v1/imports/${report.id}/errors.csv`, headers: env.auth })
      assert.match(errors.body, /^"3","","has 5 cells but the header has 3"/m, "the long row is reported; a short row reads as empty trailing cells")
      const listed = await call(env, 'GET', `/api/v1/imports/${report.id}/errors?limit=10`)
      assert.deepEqual(listed.json.data, [{ rowNo: 3, column: '', reason: 'has 5 cells but the header has 3', value: null }])

      const cases: [string, Buffer | string][] = [
        ['unbalanced quote at the end', 'First name,Email\nA,a@q.example\n"B,b@q.example\n'],
        ['a quote inside an unquoted cell', 'First name,Email\nA"x"y,a@q.example\n'],
        ['NUL bytes in the first rows', 'First name,Email\nA\u0000,a@nul.example\n'],
        ['NUL bytes after the sample', `First name,Email\n${'Ok,ok@nul.example\n'.repeat(5000)}Bad\u0000,bad@nul.example\n`],
        ['100,000 columns', `${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(99_999)}1\n`],
      ]
      for (const [label, body] of cases) {
        const started = Date.now()
        const response = await upload(env, body, { object: 'people', mode: 'apply' })
        assert.equal(response.status, 400, `${label}: ${JSON.stringify(response.json)}`)
        assert.match(String(response.headers['content-type']), /application\/problem\+json/, label)
        assert.equal(response.json.errors[0].pointer, '/body', label)
        assert.ok(Date.now() - started < 10_000, `${label} took ${Date.now() - started} ms`)
      }
      const nul = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'email', op: 'contains', value: 'nul.example' }, limit: 10 })
      assert.deepEqual(nul.json.data, [], 'a refused file writes nothing')
    })

    test('a 1 GB single line is refused after the first MiB, in bounded memory', async () => {
      const principal = await adminPrincipal(env)
      const chunk = Buffer.alloc(1024 * 1024, 'x')
      let sent = 0
      const body = new Readable({
        read() {
          if (sent === 0) this.push('First name,')
          if (sent >= 954) { this.push(null); return }
          sent++
          this.push(chunk)
        },
      })
      const rssBefore = process.memoryUsage().rss
      const startedAt = Date.now()
      await assert.rejects(env.services.imports.create(principal, body, { object: 'people', mode: 'apply' }), (error: any) => {
        assert.equal(error.code, 'validation-failed')
        assert.match(error.message + JSON.stringify(error.errors), /record|line|length|size/i)
        return true
      })
      const elapsed = Date.now() - startedAt
      const grown = (process.memoryUsage().rss - rssBefore) / 1024 / 1024
      assert.equal(sent, 954, "the whole gigabyte (10^9 bytes) was offered")
      assert.ok(grown < 150, `RSS grew ${grown.toFixed(0)} MB`)
      assert.ok(elapsed < 60_000, `took ${elapsed} ms`)
      process.stderr.write(`# [${dialect.name}] 1 GiB single line refused in ${elapsed} ms, RSS +${grown.toFixed(0)} MB\n`)
    })
  })
}
