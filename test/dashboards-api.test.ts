/**
 * Dashboards over HTTP on every dialect: CRUD with ETags, who sees and edits which dashboard,
 * the default Sales and Service dashboards (created once, all widgets computable), widget data
 * checked against figures computed here from the rows the test created (KPI periods and their
 * change, a win-rate ratio, a pivot, a funnel, drill-down filters), field-level security,
 * widget validation with pointers, and CSV export neutralised against formula injection.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { widgetCsv } from '../server/src/modules/dashboards/widget-csv.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

type Who = { authorization: string }
const AS_OF = '2026-06-15'
const MICROS = 1_000_000n
const toMicros = (amount: string) => {
  const [whole, fraction = ''] = amount.split('.')
  return BigInt(whole) * MICROS + BigInt(fraction.padEnd(6, '0'))
}
const fromMicros = (micros: bigint) => `${micros / MICROS}.${(micros % MICROS).toString().padStart(6, '0').replace(/0{1,4}$/, '')}`

/** A tiny RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(cell); cell = '' }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++ }
    else cell += c
  }
  return rows
}

const kpi = (id: string, extra: Record<string, unknown>) => ({ id, type: 'kpi', title: id, object: 'opportunities', layout: { x: 0, y: 0, w: 3, h: 2 }, ...extra })

for (const dialect of DIALECTS) {
  describe(`dashboards [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { userId: string; auth: Who }
    let other: { userId: string; auth: Who }
    let limited: { userId: string; auth: Who }
    let stages: { id: string; name: string; outcome: string }[]
    let deals: { stage: string; closeDate: string; amount: string; currency: string }[]
    const create = (body: unknown, who?: Who) => call(env, 'POST', '/api/v1/dashboards', body, who ?? {})
    const count = async () => Number((await env.services.database.workspace(env.workspaceId).db.selectFrom('dashboards').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    before(async () => {
      env = await startEnv(dialect)
      member = await env.addMember('Member', 'dash-member')
      other = await env.addMember('Member', 'dash-other')
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'No amounts', permissions: { defaultObject: { read: true, create: true }, fields: { opportunities: { amount: 'hidden' } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      limited = await env.addMember(role.json.data.id, 'dash-limited')
      stages = (await call(env, 'GET', '/api/v1/records/pipelineStages?limit=100')).json.data
      const pipeline = (await call(env, 'GET', '/api/v1/records/pipelines?limit=1')).json.data[0]
      // Deterministic spread over March–July 2026, won/lost/open stages, two currencies.
      let seed = 7
      const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
      deals = Array.from({ length: 60 }, () => ({
        stage: stages[next(stages.length)].id, closeDate: `2026-0${3 + next(5)}-${String(1 + next(28)).padStart(2, '0')}`,
        amount: `${1 + next(5000)}.${String(next(100)).padStart(2, '0')}`, currency: next(5) === 0 ? 'USD' : 'EUR',
      }))
      const wonStage = stages.find((s) => s.outcome === 'won')!.id
      const lostStage = stages.find((s) => s.outcome === 'lost')!.id
      deals.push(
        { stage: wonStage, closeDate: '2026-06-01', amount: '1200.10', currency: 'EUR' }, { stage: wonStage, closeDate: '2026-06-30', amount: '0.05', currency: 'EUR' },
        { stage: wonStage, closeDate: '2026-05-31', amount: '999.99', currency: 'EUR' }, { stage: lostStage, closeDate: '2026-04-02', amount: '10', currency: 'EUR' },
        { stage: wonStage, closeDate: '2026-07-01', amount: '5000', currency: 'EUR' }, { stage: wonStage, closeDate: '2026-06-10', amount: '70', currency: 'USD' },
      )
      const batch = await call(env, 'POST', '/api/v1/records/opportunities/batch', {
        operations: deals.map((d, i) => ({ op: 'create', data: { name: `Deal ${i}`, pipeline: pipeline.id, stage: d.stage, closeDate: d.closeDate, amount: { amount: d.amount, currency: d.currency } } })),
      })
      assert.equal(batch.status, 200, JSON.stringify(batch.json))
    })
    after(async () => env.close())

    test('defaults: Sales and Service exist once, every widget computes, a deleted default stays deleted', async () => {
      const list = await call(env, 'GET', '/api/v1/dashboards')
      assert.equal(list.status, 200, JSON.stringify(list.json))
      const defaults = list.json.data.filter((d: any) => d.defaultKey)
      assert.deepEqual(defaults.map((d: any) => [d.name, d.defaultKey, d.visibility, d.editable]), [['Sales', 'sales', 'shared', true], ['Service', 'service', 'shared', true]])
      assert.ok(defaults[0].widgets.length >= 8, 'all Sales widgets fit the standard objects')
      const again = await call(env, 'GET', '/api/v1/dashboards', undefined, member.auth)
      assert.deepEqual(again.json.data.map((d: any) => [d.id, d.editable]), defaults.map((d: any) => [d.id, false]), 'idempotent; members read but do not edit')
      for (const dashboard of defaults) {
        const data = await call(env, 'GET', `/api/v1/dashboards/${dashboard.id}/data?asOf=${AS_OF}`)
        assert.equal(data.status, 200, JSON.stringify(data.json))
        for (const result of data.json.data) assert.ok('data' in result, `${result.widgetId}: ${JSON.stringify(result.error)}`)
      }
      const wonKpi = (await call(env, 'GET', `/api/v1/dashboards/${defaults[0].id}/widgets/won-this-month/data?asOf=${AS_OF}`)).json.data.kpi
      assert.equal(wonKpi.currency, 'EUR')
      assert.deepEqual(wonKpi.period, { from: '2026-06-01', to: '2026-07-01', previousFrom: '2026-05-01', previousTo: '2026-06-01' })

      const service = defaults[1]
      assert.equal((await call(env, 'DELETE', `/api/v1/dashboards/${service.id}`, undefined, member.auth)).status, 403)
      assert.equal((await call(env, 'DELETE', `/api/v1/dashboards/${service.id}`)).status, 204)
      const after = await call(env, 'GET', '/api/v1/dashboards')
      assert.deepEqual(after.json.data.filter((d: any) => d.defaultKey).map((d: any) => d.name), ['Sales'])
    })

    test('CRUD with If-Match; private and shared dashboards by owner, member and admin', async () => {
      const created = await create({ name: ' Mine ', widgets: [kpi('deals', { measures: [{ fn: 'count' }] })] }, member.auth)
      assert.equal(created.status, 201, JSON.stringify(created.json))
      assert.equal(created.headers.etag, '"1"')
      const mine = created.json.data
      assert.equal(mine.name, 'Mine')
      assert.equal(mine.visibility, 'private')
      assert.equal(mine.ownerId, member.userId)
      assert.equal(mine.editable, true)
      for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'x' }], ['DELETE', undefined]] as const) {
        assert.equal((await call(env, method, `/api/v1/dashboards/${mine.id}`, body, other.auth)).status, 404, `${method} another's private`)
        assert.equal((await call(env, method, `/api/v1/dashboards/${mine.id}`, body)).status, 404, `${method} by admin: still private`)
      }
      assert.ok(!(await call(env, 'GET', '/api/v1/dashboards', undefined, other.auth)).json.data.some((d: any) => d.id === mine.id))

      const stale = await call(env, 'PATCH', `/api/v1/dashboards/${mine.id}`, { visibility: 'shared' }, { ...member.auth, 'if-match': '"9"' })
      assert.equal(stale.status, 412)
      const shared = await call(env, 'PATCH', `/api/v1/dashboards/${mine.id}`, { visibility: 'shared' }, { ...member.auth, 'if-match': '"1"' })
      assert.equal(shared.status, 200, JSON.stringify(shared.json))
      assert.equal(shared.headers.etag, '"2"')
      const seen = await call(env, 'GET', `/api/v1/dashboards/${mine.id}`, undefined, other.auth)
      assert.equal(seen.status, 200)
      assert.equal(seen.json.data.editable, false)
      assert.equal((await call(env, 'GET', `/api/v1/dashboards/${mine.id}/widgets/deals/data`, undefined, other.auth)).json.data.kpi.current, deals.length)
      assert.equal((await call(env, 'PATCH', `/api/v1/dashboards/${mine.id}`, { name: 'hijack' }, other.auth)).status, 403)
      assert.equal((await call(env, 'DELETE', `/api/v1/dashboards/${mine.id}`, undefined, other.auth)).status, 403)
      const byAdmin = await call(env, 'PATCH', `/api/v1/dashboards/${mine.id}`, { name: 'Renamed by admin' })
      assert.equal(byAdmin.status, 200)
      assert.equal(byAdmin.json.data.ownerId, member.userId, 'ownership never moves')
      assert.equal((await call(env, 'GET', `/api/v1/dashboards/${mine.id}/widgets/nope/data`)).status, 404)
      assert.equal((await call(env, 'DELETE', `/api/v1/dashboards/${mine.id}`, undefined, member.auth)).status, 204)
      assert.equal((await call(env, 'GET', `/api/v1/dashboards/${mine.id}`, undefined, member.auth)).status, 404)
      assert.equal((await call(env, 'GET', '/api/v1/dashboards/not-an-id')).status, 404)
      const openapi = await call(env, 'GET', '/api/openapi.json')
      assert.ok(openapi.json.paths['/api/v1/dashboards'].post && openapi.json.paths['/api/v1/dashboards/{id}/widgets/{widgetId}/data'].get, 'documented in OpenAPI')
    })

    test('KPI with comparison, win-rate ratio, pivot and funnel equal a computation over the rows', async () => {
      const outcome = new Map(stages.map((s) => [s.id, s.outcome]))
      const created = await create({
        name: 'Checks',
        widgets: [
          kpi('won', { measures: [{ fn: 'sum', field: 'amount' }], filter: { field: 'stage.outcome', op: 'eq', value: 'won' }, options: { compare: { field: 'closeDate', period: 'month' } } }),
          kpi('rate', { measures: [{ fn: 'count' }], filter: { field: 'stage.outcome', op: 'in', value: ['won', 'lost'] }, options: { compare: { field: 'closeDate', period: 'quarter' }, ratio: { filter: { field: 'stage.outcome', op: 'eq', value: 'won' } } } }),
          { id: 'pivot', type: 'pivot', title: 'Pivot', object: 'opportunities', measures: [{ fn: 'count' }], groupBy: [{ field: 'closeDate', bucket: 'month' }, { field: 'stage' }], layout: { x: 0, y: 2, w: 12, h: 4 } },
          { id: 'funnel', type: 'funnel', title: 'Funnel', object: 'opportunities', measures: [{ fn: 'count' }], groupBy: [{ field: 'stage' }], layout: { x: 0, y: 6, w: 6, h: 4 } },
        ],
      })
      assert.equal(created.status, 201, JSON.stringify(created.json))
      const id = created.json.data.id
      const batch = await call(env, 'GET', `/api/v1/dashboards/${id}/data?asOf=${AS_OF}`)
      assert.equal(batch.status, 200, JSON.stringify(batch.json))
      const byId = Object.fromEntries(batch.json.data.map((r: any) => [r.widgetId, r.data]))

      const sumWon = (month: string) => fromMicros(deals.filter((d) => d.currency === 'EUR' && outcome.get(d.stage) === 'won' && d.closeDate.startsWith(month)).reduce((s, d) => s + toMicros(d.amount), 0n))
      const current = sumWon('2026-06')
      const previous = sumWon('2026-05')
      assert.equal(byId.won.kpi.current, current)
      assert.equal(byId.won.kpi.previous, previous)
      assert.ok(Number(previous) > 0)
      assert.equal(byId.won.kpi.change, Math.round(((Number(current) - Number(previous)) / Number(previous)) * 1e6) / 1e4)

      const rate = (months: string[]) => {
        const closed = deals.filter((d) => months.some((m) => d.closeDate.startsWith(m)) && ['won', 'lost'].includes(outcome.get(d.stage)!))
        return closed.length === 0 ? null : Math.round((closed.filter((d) => outcome.get(d.stage) === 'won').length / closed.length) * 1e6) / 1e4
      }
      assert.equal(byId.rate.kpi.current, rate(['2026-04', '2026-05', '2026-06']))
      assert.equal(byId.rate.kpi.previous, rate(['2026-01', '2026-02', '2026-03']))
      assert.equal(byId.rate.kpi.ratio, true)

      const pivot = new Map<string, number>()
      for (const d of deals) { const key = `${d.closeDate.slice(0, 7)}-01|${d.stage}`; pivot.set(key, (pivot.get(key) ?? 0) + 1) }
      const answered = new Map<string, number>(byId.pivot.rows.map((r: any) => [`${r.values[0]}|${r.values[1]}`, r.values[2]]))
      assert.deepEqual([...answered.entries()].sort(), [...pivot.entries()].sort())
      assert.deepEqual(byId.pivot.columns.map((c: any) => [c.key, c.kind]), [['closeDate', 'group'], ['stage', 'group'], ['count', 'measure']])
      assert.ok(byId.pivot.rows.every((r: any) => typeof r.labels[1] === 'string'), 'stage titles')

      // Drill-down: each pivot cell's filter lists exactly its records.
      for (const row of byId.pivot.rows.slice(0, 3)) {
        const listed = await call(env, 'POST', '/api/v1/records/opportunities/query', { filter: row.filter, limit: 1000, fields: ['id'] })
        assert.equal(listed.status, 200, JSON.stringify(listed.json))
        assert.equal(listed.json.data.length, row.values[2])
      }

      const perStage = new Map<string, number>()
      for (const d of deals) perStage.set(d.stage, (perStage.get(d.stage) ?? 0) + 1)
      const funnel = byId.funnel.rows.map((r: any) => [r.values[0], r.values[1]])
      assert.deepEqual([...funnel].sort(), [...perStage.entries()].sort())
      for (let i = 1; i < funnel.length; i++) assert.ok(funnel[i - 1][1] >= funnel[i][1], 'funnel is widest first')
    })

    test('field-level security: a hidden field cannot be used, and widgets over it answer 400 for that reader', async () => {
      const refused = await create({ name: 'Sneaky', widgets: [kpi('sum', { measures: [{ fn: 'sum', field: 'amount' }] })] }, limited.auth)
      assert.equal(refused.status, 400)
      assert.equal(refused.json.errors[0].pointer, '/widgets/0/measures/0/field')
      const sales = (await call(env, 'GET', '/api/v1/dashboards', undefined, limited.auth)).json.data.find((d: any) => d.defaultKey === 'sales')
      const data = await call(env, 'GET', `/api/v1/dashboards/${sales.id}/data?asOf=${AS_OF}`, undefined, limited.auth)
      assert.equal(data.status, 200)
      const won = data.json.data.find((r: any) => r.widgetId === 'won-this-month')
      assert.equal(won.error.status, 400)
      assert.ok(!('data' in won))
      assert.ok('data' in data.json.data.find((r: any) => r.widgetId === 'funnel'), 'a count by stage stays visible')
      assert.equal((await call(env, 'GET', `/api/v1/dashboards/${sales.id}/widgets/pipeline-by-stage/data`, undefined, limited.auth)).status, 400)
    })

    test('bad widget definitions answer 400 naming the field, and nothing is written', async () => {
      const before = await count()
      const base = { type: 'bar', title: 'T', object: 'opportunities', measures: [{ fn: 'count' }], groupBy: [{ field: 'stage' }], layout: { x: 0, y: 0, w: 6, h: 4 } }
      const cases: [unknown, string][] = [
        [{ ...base, measures: [{ fn: 'sum', field: 'nope' }] }, '/widgets/0/measures/0/field'],
        [{ ...base, type: 'pie', groupBy: [] }, '/widgets/0/groupBy'],
        [{ ...base, layout: { x: 10, y: 0, w: 4, h: 4 } }, '/widgets/0/layout/w'],
        [{ ...base, type: 'donut' }, '/widgets/0/type'],
        [{ ...base, object: 'nothing' }, '/widgets/0/object'],
        [{ ...base, filter: { field: 'nope', op: 'eq', value: 1 } }, '/widgets/0/filter/field'],
        [{ ...base, groupBy: [{ field: 'closeDate', bucket: 'fortnight' }] }, '/widgets/0/groupBy/0/bucket'],
        [{ ...kpi('k', { measures: [{ fn: 'count' }], options: { compare: { field: 'name', period: 'month' } } }) }, '/widgets/0/options/compare/field'],
        [{ ...base, options: { compare: { field: 'closeDate', period: 'month' } } }, '/widgets/0/options/compare'],
        [{ ...kpi('k', { measures: [{ fn: 'sum', field: 'probability' }], options: { ratio: { filter: { field: 'stage.outcome', op: 'eq', value: 'won' } } } }) }, '/widgets/0/options/ratio'],
      ]
      for (const [widget, pointer] of cases) {
        const response = await create({ name: 'Bad', widgets: [widget] })
        assert.equal(response.status, 400, `${pointer}: ${response.body}`)
        assert.match(response.headers['content-type'] as string, /problem\+json/)
        assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${pointer} in ${JSON.stringify(response.json.errors)}`)
      }
      const twice = await create({ name: 'Bad', widgets: [{ ...base, id: 'a' }, { ...base, id: 'a' }] })
      assert.equal(twice.json.errors[0].pointer, '/widgets/1/id')
      assert.equal((await create({ name: 'Zone', timeZone: 'Mars/Olympus' })).json.errors[0].pointer, '/timeZone')
      assert.equal(await count(), before)
    })

    test('CSV export: text cells that could run as formulas are neutralised, numbers stay numbers', async () => {
      const subjects = ['=1+1', '  +SUM(A1)', '-2+3', '@cmd', '\tTAB', '＝HYPERLINK("x")', 'plain, "quoted"', '42']
      for (const [i, subject] of subjects.entries()) {
        for (let n = 0; n <= i; n++) assert.equal((await call(env, 'POST', '/api/v1/records/activities', { type: 'note', subject })).status, 201)
      }
      const dashboard = (await create({
        name: 'Export', widgets: [{ id: 'subjects', type: 'table', title: 'By subject', object: 'activities', measures: [{ fn: 'count' }], groupBy: [{ field: 'subject' }], layout: { x: 0, y: 0, w: 6, h: 4 } }],
      })).json.data
      const response = await call(env, 'GET', `/api/v1/dashboards/${dashboard.id}/widgets/subjects/export.csv`)
      assert.equal(response.status, 200)
      assert.match(response.headers['content-type'] as string, /^text\/csv/)
      assert.match(response.headers['content-disposition'] as string, /attachment; filename="subjects\.csv"/)
      const rows = parseCsv(response.body.replace(/^\uFEFF/, ''))
      assert.deepEqual(rows[0], ['subject', 'count'])
      const bySubject = new Map(rows.slice(1).map(([subject, n]) => [subject, n]))
      for (const [i, written] of subjects.entries()) {
        const subject = written.trim() // text fields are stored trimmed
        const dangerous = /^\s*[=+\-@\t\uff1d]/.test(subject)
        const expected = dangerous ? `'${subject}` : subject
        assert.equal(bySubject.get(expected), String(i + 1), `${JSON.stringify(subject)} → ${JSON.stringify([...bySubject.keys()])}`)
      }
      assert.ok(response.body.includes(`"'=1+1",1\r\n`), 'the count is a bare number')
      // Leading spaces and tabs survive in other sources (a select's label, an API's text): the rule still holds.
      const csv = widgetCsv({
        widgetId: 'x', type: 'table', object: 'o', truncated: false,
        columns: [{ key: 'name', kind: 'group', field: 'name' }, { key: 'sum_n', kind: 'measure', field: 'n', fn: 'sum' }],
        rows: [['  =cmd', -5], ['\t-1', '-12.50'], ['\u3000＠x', 3]].map((values) => ({ values: values as (string | number)[], labels: [null], filter: null })),
      })
      assert.deepEqual(parseCsv(csv.replace(/^\uFEFF/, '')).slice(1), [["'  =cmd", '-5'], ["'\t-1", '-12.50'], ["'\u3000＠x", '3']])
      assert.ok(csv.includes(',-5\r\n') && csv.includes(',-12.50\r\n'), 'negative numbers are bare numbers')
    })
  })
}
