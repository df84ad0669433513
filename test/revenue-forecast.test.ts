/**
 * The monthly revenue forecast and quotas over HTTP on each dialect, against plain loops:
 * - a synthetic seasonal series with trend is forecast within a few percent, the forecast equals
 *   a hand-written Holt-Winters recursion with the returned parameters, the backtest beats the
 *   seasonal naive one, months without orders are 0 revenue, short histories fall back;
 * - quotas CRUD (administrators only, 400 with pointers, 409 on a duplicate), attainment per owner
 *   and period (won amounts by close date, exact) and forecast categories per owner and period.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const MONTHS = 36
const truth = (t: number) => Math.round(1_000_000 + 10_000 * t + 300_000 * Math.sin((2 * Math.PI * t) / 12)) // cents
const monthOf = (t: number) => `${2023 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`
const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`
const micros = (text: string) => {
  const [whole, fraction = ''] = text.split('.')
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'))
}

/** Holt-Winters as documented in holt-winters.ts, written out again. */
function holtWinters(y: number[], alpha: number, beta: number, gamma: number, multiplicative: boolean, horizon: number): number[] {
  const avg = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length
  let level = avg(y.slice(0, 12))
  let trend = (avg(y.slice(12, 24)) - level) / 12
  const s = y.slice(0, 12).map((v) => (multiplicative ? v / level : v - level))
  for (let t = 12; t < y.length; t++) {
    const old = level
    level = multiplicative ? alpha * (y[t] / s[t - 12]) + (1 - alpha) * (old + trend) : alpha * (y[t] - s[t - 12]) + (1 - alpha) * (old + trend)
    trend = beta * (level - old) + (1 - beta) * trend
    s[t] = multiplicative ? gamma * (y[t] / level) + (1 - gamma) * s[t - 12] : gamma * (y[t] - level) + (1 - gamma) * s[t - 12]
  }
  return Array.from({ length: horizon }, (_, i) => {
    const season = s[y.length - 12 + (i % 12)]
    return multiplicative ? (level + (i + 1) * trend) * season : level + (i + 1) * trend + season
  })
}

interface Deal { owner: 'admin' | 'member'; stage: number; probability: number | null; cents: number; currency: string; closeDate: string }

function deals(): Deal[] {
  let seed = 3
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  return Array.from({ length: 50 }, (_, i) => ({
    owner: i % 2 ? 'member' : 'admin', stage: Math.floor(next() * 6), probability: next() < 0.3 ? Math.floor(next() * 101) : null,
    cents: 100 + Math.floor(next() * 3_000_000), currency: next() < 0.15 ? 'USD' : 'EUR',
    closeDate: `2026-${String(1 + Math.floor(next() * 6)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
  }))
}

for (const dialect of DIALECTS) {
  describe(`revenue forecast and quotas [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { userId: string; auth: { authorization: string } }
    let stages: { id: string; probability: number; outcome: string }[]
    const sales = deals()

    before(async () => {
      env = await startEnv(dialect)
      member = await env.addMember('Member', 'quota-member')
      const customer = (await call(env, 'POST', '/api/v1/records/people', { firstName: 'Series', lastName: 'Buyer' })).json.data.id
      const orders = Array.from({ length: MONTHS }, (_, t) => ({ date: `${monthOf(t)}-15`, status: 'paid', value: truth(t) }))
      orders.push({ date: '2024-03-20', status: 'cancelled', value: 99_999_999 }) // not a sale: left out
      const created = await call(env, 'POST', '/api/v1/records/orders/batch', {
        operations: orders.map((o, i) => ({ op: 'create', data: { orderNumber: `TS-${i}`, orderDate: o.date, status: o.status, customer } })),
      })
      assert.equal(created.status, 200, JSON.stringify(created.json).slice(0, 400))
      const lines = created.json.data.map((r: { id: string }, i: number) => ({ op: 'create', data: { order: r.id, quantity: 1, unitPrice: { amount: cents(orders[i].value), currency: 'EUR' } } }))
      assert.equal((await call(env, 'POST', '/api/v1/records/orderLines/batch', { operations: lines })).status, 200)
      const pipelineId = (await call(env, 'POST', '/api/v1/records/pipelines/query', { limit: 1 })).json.data[0].id
      const found = await call(env, 'POST', '/api/v1/records/pipelineStages/query', { filter: { field: 'pipeline', op: 'eq', value: pipelineId }, sort: [{ field: 'position', dir: 'asc' }], limit: 20 })
      stages = found.json.data.map((s: any) => ({ id: s.id, probability: s.probability, outcome: s.outcome }))
      const opps = await call(env, 'POST', '/api/v1/records/opportunities/batch', {
        operations: sales.map((d, i) => ({
          op: 'create', data: {
            name: `Q ${i}`, pipeline: pipelineId, stage: stages[d.stage].id, amount: { amount: cents(d.cents), currency: d.currency }, closeDate: d.closeDate,
            ...(d.probability === null ? {} : { probability: d.probability }), ownerId: d.owner === 'member' ? member.userId : env.adminUserId,
          },
        })),
      })
      assert.equal(opps.status, 200, JSON.stringify(opps.json).slice(0, 400))
    })
    after(() => env.close())

    test('a seasonal series with trend: exact history, forecast within 3%, equal to the plain recursion, backtest beats seasonal naive', async () => {
      const res = await call(env, 'GET', '/api/v1/analytics/revenue-forecast?from=2023-01-01&to=2025-12-31&horizon=12')
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const data = res.json.data
      assert.deepEqual(data.history, Array.from({ length: MONTHS }, (_, t) => ({ month: monthOf(t), revenue: cents(truth(t)) })))
      assert.match(data.method, /^holtWinters/)
      assert.deepEqual(data.forecast.map((f: { month: string }) => f.month), Array.from({ length: 12 }, (_, i) => monthOf(MONTHS + i)))
      const errors = data.forecast.map((f: { value: number }, i: number) => Math.abs(f.value - truth(MONTHS + i) / 100) / (truth(MONTHS + i) / 100))
      const mape = errors.reduce((a: number, b: number) => a + b, 0) / errors.length
      assert.ok(mape < 0.03, `forecast MAPE ${mape}`)
      const y = data.history.map((h: { revenue: string }) => Number(h.revenue))
      const { alpha, beta, gamma } = data.parameters
      const plain = holtWinters(y, alpha, beta, gamma, data.method === 'holtWintersMultiplicative', 12)
      data.forecast.forEach((f: { value: number; lower: number; upper: number }, i: number) => {
        assert.ok(Math.abs(f.value - plain[i]) < 1e-6 * Math.abs(plain[i]), `month ${i}: ${f.value} vs ${plain[i]}`)
        assert.ok(f.lower < f.value && f.value < f.upper)
      })
      assert.ok(data.forecast[11].upper - data.forecast[11].lower > data.forecast[0].upper - data.forecast[0].lower, 'the interval widens')
      let naive = 0
      for (let t = MONTHS - 12; t < MONTHS; t++) naive += Math.abs(y[t] - y[t - 12]) / y[t]
      assert.equal(data.backtest.origins, 12)
      assert.ok(Math.abs(data.backtest.naiveMape - naive / 12) < 1e-12, `${data.backtest.naiveMape} vs ${naive / 12}`)
      assert.ok(data.backtest.mape < data.backtest.naiveMape, `${data.backtest.mape} < ${data.backtest.naiveMape}`)
    })

    test('months without orders are 0 revenue; short histories fall back to Holt, simple, none', async () => {
      const early = await call(env, 'GET', '/api/v1/analytics/revenue-forecast?from=2022-11-01&to=2023-04-30&horizon=2')
      assert.equal(early.status, 200, JSON.stringify(early.json))
      assert.deepEqual(early.json.data.history.slice(0, 3), [{ month: '2022-11', revenue: '0.00' }, { month: '2022-12', revenue: '0.00' }, { month: '2023-01', revenue: cents(truth(0)) }])
      assert.equal(early.json.data.method, 'holt')
      assert.equal(early.json.data.backtest.skippedZeroMonths, 0, 'zero months before the first origins are not scored')
      const two = await call(env, 'GET', '/api/v1/analytics/revenue-forecast?from=2023-01-01&to=2023-02-28&horizon=3')
      assert.equal(two.json.data.method, 'simple')
      assert.equal(two.json.data.forecast.length, 3)
      const none = await call(env, 'GET', '/api/v1/analytics/revenue-forecast?to=2020-01-31')
      assert.equal(none.json.data.method, 'none')
      assert.deepEqual([none.json.data.history, none.json.data.forecast], [[], []])
      const bad = await call(env, 'GET', '/api/v1/analytics/revenue-forecast?from=2025-01-01&to=2024-01-01')
      assert.equal(bad.status, 400)
      assert.equal(bad.json.errors[0].pointer, '/to')
      const horizon = await call(env, 'GET', '/api/v1/analytics/revenue-forecast?horizon=99')
      assert.equal(horizon.status, 400)
    })

    test('quotas: administrators create, change and delete; bad input 400, duplicate 409, members 403', async () => {
      const create = (body: unknown, auth?: { authorization: string }) => call(env, 'POST', '/api/v1/analytics/quotas', body, auth)
      const q1 = await create({ ownerId: member.userId, period: '2026-Q1', amount: '50000.00', currency: 'EUR' })
      assert.equal(q1.status, 201, JSON.stringify(q1.json))
      assert.equal(q1.json.data.amount, '50000.00')
      assert.equal((await create({ ownerId: env.adminUserId, period: '2026-02', amount: '12345.67', currency: 'EUR' })).status, 201)
      assert.equal((await create({ ownerId: env.adminUserId, period: '2026-03', amount: '0.01', currency: 'EUR' })).status, 201)
      const duplicate = await create({ ownerId: member.userId, period: '2026-Q1', amount: '1.00', currency: 'EUR' })
      assert.equal(duplicate.status, 409)
      for (const [body, pointer] of [
        [{ ownerId: member.userId, period: '2026-13', amount: '1', currency: 'EUR' }, '/period'],
        [{ ownerId: member.userId, period: '2026-Q5', amount: '1', currency: 'EUR' }, '/period'],
        [{ ownerId: member.userId, period: '2026-01', amount: 'lots', currency: 'EUR' }, '/amount'],
        [{ ownerId: member.userId, period: '2026-01', amount: '-5', currency: 'EUR' }, '/amount'],
        [{ ownerId: member.userId, period: '2026-01', amount: '5', currency: 'eur' }, '/currency'],
        [{ ownerId: 'not-a-member', period: '2026-01', amount: '5', currency: 'EUR' }, '/ownerId'],
      ] as const) {
        const res = await create(body)
        assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status}`)
        assert.equal(res.json.errors[0].pointer, pointer)
      }
      assert.equal((await create({ ownerId: member.userId, period: '2026-04', amount: '1', currency: 'EUR' }, member.auth)).status, 403)
      const temp = await create({ ownerId: member.userId, period: '2026-06', amount: '9.00', currency: 'EUR' })
      const patched = await call(env, 'PATCH', `/api/v1/analytics/quotas/${temp.json.data.id}`, { amount: '10.50' })
      assert.equal(patched.json.data.amount, '10.50')
      assert.equal((await call(env, 'PATCH', `/api/v1/analytics/quotas/${temp.json.data.id}`, { amount: '1' }, member.auth)).status, 403)
      assert.equal((await call(env, 'DELETE', `/api/v1/analytics/quotas/${temp.json.data.id}`, undefined, member.auth)).status, 403)
      assert.equal((await call(env, 'DELETE', `/api/v1/analytics/quotas/${temp.json.data.id}`)).status, 204)
      assert.equal((await call(env, 'DELETE', `/api/v1/analytics/quotas/${temp.json.data.id}`)).status, 404)
      const listed = await call(env, 'GET', '/api/v1/analytics/quotas', undefined, member.auth)
      assert.deepEqual(listed.json.data.map((q: { period: string }) => q.period), ['2026-02', '2026-03', '2026-Q1'])
    })

    test('permissions: without read on orders or opportunities → 403; a hidden amount is not summed', async () => {
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'No sales', permissions: { defaultObject: { read: true }, objects: { orders: { read: false }, opportunities: { read: false } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      const blind = (await env.addMember(role.json.data.id, 'blind')).auth
      for (const url of ['/api/v1/analytics/revenue-forecast', '/api/v1/analytics/quotas/attainment?period=month', '/api/v1/analytics/forecast-categories?period=quarter']) {
        const res = await call(env, 'GET', url, undefined, blind)
        assert.equal(res.status, 403, `${url}: ${JSON.stringify(res.json)}`)
      }
      const hidden = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'No amounts', permissions: { defaultObject: { read: true }, objects: { opportunities: { read: true } }, fields: { opportunities: { amount: 'hidden' } } },
      })
      const noAmounts = (await env.addMember(hidden.json.data.id, 'noamounts')).auth
      assert.equal((await call(env, 'GET', '/api/v1/analytics/quotas/attainment?period=month', undefined, noAmounts)).status, 403)
    })

    for (const period of ['month', 'quarter'] as const) {
      test(`attainment and forecast categories per owner and ${period} equal the plain computation`, async () => {
        const periodOf = (date: string) => (period === 'month' ? date.slice(0, 7) : `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`)
        const ownerId = (d: Deal) => (d.owner === 'member' ? member.userId : env.adminUserId)
        const won = new Map<string, { won: bigint; count: number }>()
        const categories = new Map<string, Record<string, bigint>>()
        for (const d of sales) {
          const stage = stages[d.stage]
          const key = `${ownerId(d)}|${periodOf(d.closeDate)}|${d.currency}`
          const amount = BigInt(d.cents) * 10_000n
          if (stage.outcome === 'won') {
            const w = won.get(key) ?? { won: 0n, count: 0 }
            w.won += amount
            w.count++
            won.set(key, w)
          }
          const p = d.probability ?? stage.probability
          const category = stage.outcome === 'won' ? 'closed' : stage.outcome === 'lost' ? null : p >= 70 ? 'commit' : p >= 40 ? 'bestCase' : 'pipeline'
          if (!category) continue
          const c = categories.get(key) ?? { pipeline: 0n, bestCase: 0n, commit: 0n, closed: 0n }
          c[category] += amount
          categories.set(key, c)
        }
        const quotas = period === 'month'
          ? [[`${env.adminUserId}|2026-02|EUR`, 12_345_670_000n], [`${env.adminUserId}|2026-03|EUR`, 10_000n]] as const
          : [[`${member.userId}|2026-Q1|EUR`, 50_000_000_000n]] as const
        const res = await call(env, 'GET', `/api/v1/analytics/quotas/attainment?period=${period}`)
        assert.equal(res.status, 200, JSON.stringify(res.json))
        const got = new Map(res.json.data.map((r: any) => [`${r.ownerId}|${r.period}|${r.currency}`, r]))
        const keys = new Set([...won.keys(), ...quotas.map(([k]) => k)])
        assert.equal(got.size, keys.size)
        for (const key of keys) {
          const row: any = got.get(key)
          const w = won.get(key) ?? { won: 0n, count: 0 }
          const quota = quotas.find(([k]) => k === key)?.[1] ?? null
          assert.equal(micros(row.won), w.won, key)
          assert.equal(row.wonCount, w.count, key)
          assert.equal(row.quota === null ? null : micros(row.quota), quota, key)
          assert.equal(row.attainment, quota ? Number((w.won * 1_000_000n) / quota) / 1_000_000 : null, key)
        }
        const cats = await call(env, 'GET', `/api/v1/analytics/forecast-categories?period=${period}`)
        assert.equal(cats.status, 200, JSON.stringify(cats.json))
        assert.equal(cats.json.data.length, categories.size)
        for (const row of cats.json.data) {
          const expected = categories.get(`${row.ownerId}|${row.period}|${row.currency}`)!
          for (const c of ['pipeline', 'bestCase', 'commit', 'closed']) assert.equal(micros(row.amounts[c]), expected[c], `${row.period} ${c}`)
        }
        const bad = await call(env, 'GET', '/api/v1/analytics/quotas/attainment?period=week')
        assert.equal(bad.status, 400)
      })
    }
  })
}
