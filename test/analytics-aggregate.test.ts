/**
 * POST /api/v1/analytics/aggregate on both dialects: values are checked against totals computed
 * here in JS from the records the test created (exact money per currency, date buckets in a
 * non-UTC time zone), record-level sharing and field-level security apply, bad input is a 400.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const MICROS = 1_000_000n
const toMicros = (amount: string) => {
  const [whole, fraction = ''] = amount.replace('-', '').split('.')
  const micros = BigInt(whole) * MICROS + BigInt(fraction.padEnd(6, '0'))
  return amount.startsWith('-') ? -micros : micros
}
const fromMicros = (micros: bigint) => {
  const abs = micros < 0n ? -micros : micros
  const fraction = (abs % MICROS).toString().padStart(6, '0').replace(/0{1,4}$/, '')
  return `${micros < 0n ? '-' : ''}${abs / MICROS}.${fraction.padEnd(2, '0')}`
}

/** Calendar date of an instant in a time zone, from Intl (independent of both databases). */
const localDate = (iso: string, timeZone: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone })

const AMOUNTS: [string, string][] = [
  ['1234567890123.45', 'EUR'], ['0.000001', 'EUR'], ['99.99', 'USD'], ['250000', 'EUR'], ['0.1', 'EUR'],
  ['0.2', 'EUR'], ['-15.5', 'USD'], ['12.345678', 'EUR'], ['1000', 'USD'], ['333.33', 'EUR'], ['7', 'EUR'], ['42.42', 'USD'],
]
const DUE_AT = ['2026-03-31T21:30:00Z', '2026-03-31T20:59:59Z', '2026-06-30T20:45:00Z', '2026-12-31T22:10:00Z', '2026-01-15T12:00:00Z', '2026-09-30T21:00:00Z']
const TIME_ZONE = 'Europe/Vilnius'

for (const dialect of DIALECTS) {
  describe(`analytics aggregate [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { userId: string; auth: { authorization: string } }
    let stages: { id: string; name: string }[]
    let companies: { id: string; name: string }[]
    let deals: any[]
    let activities: any[]
    const aggregate = (body: unknown, auth?: { authorization: string }) => call(env, 'POST', '/api/v1/analytics/aggregate', body, auth)

    before(async () => {
      env = await startEnv(dialect)
      member = await env.addMember('Member', 'seller')
      const pipeline = (await call(env, 'POST', '/api/v1/records/pipelines', { name: 'Test pipeline' })).json.data
      stages = []
      for (const [i, name] of ['Lead', 'Proposal', 'Won'].entries()) {
        stages.push((await call(env, 'POST', '/api/v1/records/pipelineStages', { name, pipeline: pipeline.id, position: i, probability: [10, 50, 100][i] })).json.data)
      }
      companies = []
      for (const name of ['Acme', 'Globex']) companies.push((await call(env, 'POST', '/api/v1/records/companies', { name })).json.data)
      const batch = await call(env, 'POST', '/api/v1/records/opportunities/batch', {
        operations: AMOUNTS.map(([amount, currency], i) => ({
          op: 'create',
          data: {
            name: `Deal ${i}`, amount: { amount, currency }, pipeline: pipeline.id, stage: stages[i % 3].id, probability: (i * 10) % 100,
            closeDate: `2026-0${(i % 9) + 1}-${String((i % 27) + 1).padStart(2, '0')}`, company: i % 4 === 3 ? null : companies[i % 2].id,
            ownerId: i % 3 === 1 ? member.userId : env.adminUserId,
          },
        })),
      })
      assert.equal(batch.status, 200, JSON.stringify(batch.json))
      deals = batch.json.data.map((r: any) => r.data)
      // One deal without an amount, one deleted: neither may count in sums, the deleted one nowhere.
      deals.push((await call(env, 'POST', '/api/v1/records/opportunities', { name: 'No amount', stage: stages[0].id })).json.data)
      const gone = (await call(env, 'POST', '/api/v1/records/opportunities', { name: 'Deleted', stage: stages[0].id, amount: { amount: '5', currency: 'EUR' } })).json.data
      assert.equal((await call(env, 'DELETE', `/api/v1/records/opportunities/${gone.id}`)).status, 204)
      activities = []
      for (const [i, dueAt] of DUE_AT.entries()) {
        activities.push((await call(env, 'POST', '/api/v1/records/activities', { type: i % 2 ? 'call' : 'meeting', subject: `Act ${i}`, dueAt })).json.data)
      }
    })
    after(async () => { await env.close() })

    /** Expected count and per-currency sums of `records` grouped by `keyOf`. */
    function expected(records: any[], keyOf: (r: any) => string | null) {
      const groups = new Map<string | null, { count: number; sums: Map<string, bigint> }>()
      for (const r of records) {
        const key = keyOf(r)
        const group = groups.get(key) ?? { count: 0, sums: new Map() }
        group.count++
        if (r.amount) group.sums.set(r.amount.currency, (group.sums.get(r.amount.currency) ?? 0n) + toMicros(r.amount.amount))
        groups.set(key, group)
      }
      return groups
    }
    const moneyList = (sums: Map<string, bigint>) => [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, micros]) => ({ currency, amount: fromMicros(micros) }))

    test('count and exact per-currency sums by stage match the records, with stage titles', async () => {
      const response = await aggregate({ object: 'opportunities', groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] })
      assert.equal(response.status, 200, JSON.stringify(response.json))
      assert.equal(response.json.truncated, false)
      const want = expected(deals, (r) => r.stage)
      assert.equal(response.json.rows.length, want.size)
      for (const row of response.json.rows) {
        const group = want.get(row.stage)!
        assert.equal(row.count, group.count, `count of ${row.stage}`)
        assert.deepEqual(row.sum_amount, moneyList(group.sums))
        assert.equal(row['stage.title'], stages.find((s) => s.id === row.stage)!.name)
      }
      const total = await aggregate({ object: 'opportunities', measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }, { fn: 'count', field: 'amount' }] })
      assert.deepEqual(total.json.rows, [{ count: deals.length, sum_amount: moneyList(expected(deals, () => 'all').get('all')!.sums), count_amount: AMOUNTS.length }])
    })

    test('avg, min, max of money, number measures, countDistinct and relation keys with empty values', async () => {
      const response = await aggregate({
        object: 'opportunities', groupBy: [{ field: 'company' }],
        measures: [{ fn: 'avg', field: 'amount' }, { fn: 'min', field: 'amount' }, { fn: 'max', field: 'amount' }, { fn: 'sum', field: 'probability' },
          { fn: 'avg', field: 'probability' }, { fn: 'countDistinct', field: 'stage' }, { fn: 'max', field: 'closeDate' }],
      })
      assert.equal(response.status, 200, JSON.stringify(response.json))
      const keys = response.json.rows.map((r: any) => r.company)
      assert.equal(keys[0], null, 'the empty group comes first')
      for (const row of response.json.rows) {
        const members = deals.filter((d) => (d.company ?? null) === row.company)
        assert.equal(row['company.title'], row.company ? companies.find((c) => c.id === row.company)!.name : null)
        const withProbability = members.filter((d) => typeof d.probability === 'number')
        assert.equal(row.sum_probability, withProbability.length ? withProbability.reduce((s, d) => s + d.probability, 0) : null)
        if (withProbability.length) assert.ok(Math.abs(row.avg_probability - row.sum_probability / withProbability.length) < 1e-9)
        assert.equal(row.countDistinct_stage, new Set(members.map((d) => d.stage).filter(Boolean)).size)
        assert.equal(row.max_closeDate, members.map((d) => d.closeDate).filter(Boolean).sort().at(-1) ?? null)
        for (const currency of ['EUR', 'USD']) {
          const amounts = members.filter((d) => d.amount?.currency === currency).map((d) => toMicros(d.amount.amount))
          const pick = (list: { currency: string; amount: string }[]) => list.find((m) => m.currency === currency)?.amount
          if (amounts.length === 0) {
            assert.equal(pick(row.avg_amount), undefined)
            continue
          }
          const total = amounts.reduce((a, b) => a + b, 0n)
          const n = BigInt(amounts.length)
          const rounded = (total * 2n + (total < 0n ? -n : n)) / (2n * n)
          assert.equal(pick(row.avg_amount), fromMicros(rounded), `avg ${currency}`)
          assert.equal(pick(row.min_amount), fromMicros(amounts.reduce((a, b) => (a < b ? a : b))))
          assert.equal(pick(row.max_amount), fromMicros(amounts.reduce((a, b) => (a > b ? a : b))))
        }
      }
    })

    test('date buckets: closeDate by month and quarter, dueAt by month and week in a non-UTC time zone', async () => {
      const byMonth = await aggregate({ object: 'opportunities', groupBy: [{ field: 'closeDate', bucket: 'month' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] })
      const want = expected(deals, (r) => (r.closeDate ? `${r.closeDate.slice(0, 7)}-01` : null))
      assert.deepEqual(byMonth.json.rows.map((r: any) => [r.closeDate, r.count, r.sum_amount]),
        [...want].sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1)).map(([k, g]) => [k, g.count, moneyList(g.sums)]))
      const byQuarter = await aggregate({ object: 'opportunities', groupBy: [{ field: 'closeDate', bucket: 'quarter' }], measures: [{ fn: 'count' }], filter: { field: 'closeDate', op: 'isNotNull' } })
      const quarters = expected(deals.filter((d) => d.closeDate), (r) => `2026-${String(Math.floor((Number(r.closeDate.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`)
      assert.deepEqual(byQuarter.json.rows.map((r: any) => [r.closeDate, r.count]), [...quarters].sort().map(([k, g]) => [k, g.count]))

      const dueMonths = await aggregate({ object: 'activities', groupBy: [{ field: 'dueAt', bucket: 'month' }, { field: 'type' }], measures: [{ fn: 'count' }], timeZone: TIME_ZONE })
      assert.equal(dueMonths.status, 200, JSON.stringify(dueMonths.json))
      const monthCounts = new Map<string, number>()
      for (const a of activities) {
        const key = `${localDate(a.dueAt, TIME_ZONE).slice(0, 7)}-01|${a.type}`
        monthCounts.set(key, (monthCounts.get(key) ?? 0) + 1)
      }
      assert.deepEqual(dueMonths.json.rows.map((r: any) => [`${r.dueAt}|${r.type}`, r.count]), [...monthCounts].sort())
      // The same instants in UTC fall in other months: the zone really applies.
      const utc = await aggregate({ object: 'activities', groupBy: [{ field: 'dueAt', bucket: 'month' }], measures: [{ fn: 'count' }] })
      assert.notDeepEqual(utc.json.rows.map((r: any) => r.dueAt), [...new Set(dueMonths.json.rows.map((r: any) => r.dueAt))])
      const weeks = await aggregate({ object: 'activities', groupBy: [{ field: 'dueAt', bucket: 'week' }], measures: [{ fn: 'count' }], timeZone: 'Asia/Tehran' })
      for (const row of weeks.json.rows) assert.equal(new Date(`${row.dueAt}T00:00:00Z`).getUTCDay(), 1, 'weeks start on Monday')
      assert.equal(weeks.json.rows.reduce((s: number, r: any) => s + r.count, 0), activities.length)
    })

    test('select, boolean, number and composite-part keys; limit truncates', async () => {
      const types = await aggregate({ object: 'activities', groupBy: [{ field: 'type' }], measures: [{ fn: 'count' }] })
      assert.deepEqual(types.json.rows, [{ type: 'call', count: 3 }, { type: 'meeting', count: 3 }])
      await call(env, 'POST', '/api/v1/records/products', { name: 'On', active: true, price: { amount: '10', currency: 'EUR' } })
      await call(env, 'POST', '/api/v1/records/products', { name: 'Off', active: false, price: { amount: '2.5', currency: 'EUR' } })
      await call(env, 'POST', '/api/v1/records/products', { name: 'On 2', active: true, price: { amount: '0.75', currency: 'EUR' } })
      const active = await aggregate({ object: 'products', groupBy: [{ field: 'active' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'price' }] })
      assert.deepEqual(active.json.rows, [{ active: false, count: 1, sum_price: [{ currency: 'EUR', amount: '2.50' }] }, { active: true, count: 2, sum_price: [{ currency: 'EUR', amount: '10.75' }] }])
      const byCurrency = await aggregate({ object: 'opportunities', groupBy: [{ field: 'amount.currency' }], measures: [{ fn: 'count' }] })
      assert.deepEqual(byCurrency.json.rows, [
        { 'amount.currency': null, count: 1 },
        { 'amount.currency': 'EUR', count: AMOUNTS.filter(([, c]) => c === 'EUR').length },
        { 'amount.currency': 'USD', count: AMOUNTS.filter(([, c]) => c === 'USD').length },
      ])
      const byProbability = await aggregate({ object: 'opportunities', groupBy: [{ field: 'probability' }], measures: [{ fn: 'count' }], limit: 2 })
      assert.equal(byProbability.json.truncated, true)
      assert.equal(byProbability.json.rows.length, 2)
      assert.deepEqual(byProbability.json.rows.map((r: any) => r.probability), [null, 0])
      const twoKeys = await aggregate({ object: 'opportunities', groupBy: [{ field: 'stage' }, { field: 'amount.currency' }], measures: [{ fn: 'sum', field: 'amount' }], limit: 3 })
      assert.equal(twoKeys.json.truncated, true)
      for (const row of twoKeys.json.rows) {
        const want = expected(deals.filter((d) => d.stage === row.stage && (d.amount?.currency ?? null) === row['amount.currency']), () => 'x').get('x')!
        assert.deepEqual(row.sum_amount, moneyList(want.sums))
      }
    })

    test('a member under private sharing sees only the totals of their own records', async () => {
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/opportunities', { access: 'private' })).status, 204)
      try {
        const response = await aggregate({ object: 'opportunities', groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] }, member.auth)
        assert.equal(response.status, 200, JSON.stringify(response.json))
        const own = deals.filter((d) => d.ownerId === member.userId)
        assert.ok(own.length > 0 && own.length < deals.length)
        const want = expected(own, (r) => r.stage)
        assert.deepEqual(response.json.rows.map((r: any) => [r.stage, r.count, r.sum_amount]), [...want].sort(([a], [b]) => (a! < b! ? -1 : 1)).map(([k, g]) => [k, g.count, moneyList(g.sums)]))
      } finally {
        await call(env, 'PUT', '/api/v1/access/sharing/opportunities', { access: 'readWrite' })
      }
    })

    test('a hidden field cannot be measured, grouped or filtered, answered as if it did not exist', async () => {
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'No amounts', permissions: { defaultObject: { read: true }, fields: { opportunities: { amount: 'hidden' } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      const limited = await env.addMember(role.json.data.id, 'noamounts')
      const cases: [unknown, string][] = [
        [{ object: 'opportunities', measures: [{ fn: 'sum', field: 'amount' }] }, '/measures/0/field'],
        [{ object: 'opportunities', groupBy: [{ field: 'amount.currency' }], measures: [{ fn: 'count' }] }, '/groupBy/0/field'],
        [{ object: 'opportunities', measures: [{ fn: 'count', field: 'amount' }] }, '/measures/0/field'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }], filter: { field: 'amount', op: 'gt', value: 100 } }, '/filter/field'],
      ]
      for (const [body, pointer] of cases) {
        const hidden = await aggregate(body, limited.auth)
        assert.equal(hidden.status, 400, JSON.stringify(hidden.json))
        assert.equal(hidden.json.errors[0].pointer, pointer)
        const missing = await aggregate(JSON.parse(JSON.stringify(body).replaceAll('"amount', '"nosuch')), limited.auth)
        assert.equal(missing.status, 400)
        assert.equal(hidden.json.errors[0].detail.replaceAll('amount', 'nosuch'), missing.json.errors[0].detail)
      }
      const allowed = await aggregate({ object: 'opportunities', measures: [{ fn: 'count' }] }, limited.auth)
      assert.deepEqual(allowed.json.rows, [{ count: deals.length }])
      const admin = await aggregate({ object: 'opportunities', measures: [{ fn: 'count', field: 'amount' }] })
      assert.deepEqual(admin.json.rows, [{ count_amount: AMOUNTS.length }], 'the administrator still sees it')
    })

    test('bad input answers problem+json with a pointer, never 500', async () => {
      const cases: [unknown, number, string][] = [
        [{ object: 'nosuchobjects', measures: [{ fn: 'count' }] }, 404, ''],
        [{ object: 'opportunities', measures: [{ fn: 'sum', field: 'nosuch' }] }, 400, '/measures/0/field'],
        [{ object: 'opportunities', measures: [{ fn: 'sum', field: 'name' }] }, 400, '/measures/0/fn'],
        [{ object: 'opportunities', measures: [{ fn: 'avg', field: 'closeDate' }] }, 400, '/measures/0/fn'],
        [{ object: 'opportunities', measures: [{ fn: 'sum' }] }, 400, '/measures/0/field'],
        [{ object: 'opportunities', measures: [{ fn: 'median', field: 'amount' }] }, 400, '/measures/0/fn'],
        [{ object: 'opportunities', measures: [] }, 400, '/measures'],
        [{ object: 'opportunities', measures: Array.from({ length: 11 }, () => ({ fn: 'count' })) }, 400, '/measures'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }, { fn: 'count' }] }, 400, '/measures/1'],
        [{ object: 'opportunities', groupBy: [{ field: 'closeDate', bucket: 'fortnight' }], measures: [{ fn: 'count' }] }, 400, '/groupBy/0/bucket'],
        [{ object: 'opportunities', groupBy: [{ field: 'name', bucket: 'month' }], measures: [{ fn: 'count' }] }, 400, '/groupBy/0/bucket'],
        [{ object: 'activities', groupBy: [{ field: 'dueAt' }], measures: [{ fn: 'count' }] }, 400, '/groupBy/0/bucket'],
        [{ object: 'opportunities', groupBy: [{ field: 'amount' }], measures: [{ fn: 'count' }] }, 400, '/groupBy/0/field'],
        [{ object: 'activities', groupBy: [{ field: 'participants' }], measures: [{ fn: 'count' }] }, 400, '/groupBy/0/field'],
        [{ object: 'opportunities', groupBy: [{ field: 'stage' }, { field: 'stage' }], measures: [{ fn: 'count' }] }, 400, '/groupBy/1/field'],
        [{ object: 'opportunities', groupBy: [{ field: 'stage' }, { field: 'company' }, { field: 'pipeline' }], measures: [{ fn: 'count' }] }, 400, '/groupBy'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }], timeZone: 'Mars/Olympus' }, 400, '/timeZone'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }], timeZone: "UTC'; drop table x; --" }, 400, '/timeZone'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }], limit: 5000 }, 400, '/limit'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }], limit: 0 }, 400, '/limit'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }], filter: { field: 'nosuch', op: 'eq', value: 1 } }, 400, '/filter/field'],
        [{ object: 'opportunities', measures: [{ fn: 'count' }], extra: 1 }, 400, '/extra'],
        [{ object: "opportunities'; drop table x", measures: [{ fn: 'count' }] }, 400, '/object'],
      ]
      for (const field of ['name"; drop table opportunities; --', 'amount) from x --', 'a.b.c', 'créé', 'x'.repeat(300), 'deleted_at', '__proto__']) {
        cases.push([{ object: 'opportunities', groupBy: [{ field }], measures: [{ fn: 'count' }] }, 400, '/groupBy/0/field'])
        cases.push([{ object: 'opportunities', measures: [{ fn: 'countDistinct', field }] }, 400, '/measures/0/field'])
      }
      for (const [body, status, pointer] of cases) {
        const response = await aggregate(body)
        const label = JSON.stringify(body).slice(0, 200)
        assert.equal(response.status, status, `${label}: ${JSON.stringify(response.json)}`)
        assert.match(String(response.headers['content-type']), /application\/problem\+json/, label)
        if (pointer) assert.ok(response.json.errors.some((e: any) => e.pointer === pointer), `${label}: ${JSON.stringify(response.json.errors)}`)
      }
      const count = await aggregate({ object: 'opportunities', measures: [{ fn: 'count' }] })
      assert.deepEqual(count.json.rows, [{ count: deals.length }], 'nothing was dropped')
    })

    test('the endpoint needs a member and is documented in OpenAPI', async () => {
      const anonymous = await env.app.inject({ method: 'POST', url: '/api/v1/analytics/aggregate', payload: { object: 'opportunities', measures: [{ fn: 'count' }] } })
      assert.equal(anonymous.statusCode, 401)
      const openapi = await call(env, 'GET', '/api/openapi.json')
      assert.ok(openapi.json.paths['/api/v1/analytics/aggregate'].post)
      assert.deepEqual(openapi.json.components.schemas.AggregateRequest.required.sort(), ['measures', 'object'])
    })
  })
}
