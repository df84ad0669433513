/**
 * Pareto/ABC and RFM on generated shop data, checked against plain loops over the same rows
 * (issue "Analytical CRM", Correctness), on each dialect: totals exact to the cent, classes and
 * segments per customer, ties, customers without orders, excluded statuses and currencies,
 * access (a member under private sharing sees only their customers) and bad input.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { segmentOf } from '../server/src/engine/rfm.js'

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Line { product: number; quantity: number; unitCents: number; totalCents: number | null; currency: string }
interface Order { customer: number; date: string; status: string; lines: Line[] }

const PRODUCTS = [{ price: 1999, cost: 1200 }, { price: 500, cost: 100 }, { price: 25000, cost: 21000 }]
const CUSTOMERS = 36
const AS_OF = '2026-06-30'
const STATUSES = ['paid', 'paid', 'shipped', 'shipped', 'cancelled', 'draft', 'refunded']

function generate(): Order[] {
  const random = rng(42)
  const orders: Order[] = []
  for (let customer = 0; customer < CUSTOMERS; customer++) {
    if (customer % 9 === 8) continue // some customers never order
    const count = 1 + Math.floor(random() * 5)
    for (let i = 0; i < count; i++) {
      const day = 1 + Math.floor(random() * 540)
      const date = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10)
      const lines: Line[] = []
      for (let j = 0, n = 1 + Math.floor(random() * 3); j < n; j++) {
        const product = Math.floor(random() * PRODUCTS.length)
        const quantity = 1 + Math.floor(random() * 4)
        const unitCents = PRODUCTS[product].price
        lines.push({ product, quantity, unitCents, totalCents: random() < 0.5 ? quantity * unitCents : null, currency: random() < 0.08 ? 'USD' : 'EUR' })
      }
      orders.push({ customer, date, status: STATUSES[Math.floor(random() * STATUSES.length)], lines })
    }
  }
  // Two customers with exactly the same single order: a tie the ranking must break by id.
  for (const customer of [30, 31]) orders.push({ customer, date: '2026-01-15', status: 'paid', lines: [{ product: 1, quantity: 2, unitCents: 500, totalCents: 1000, currency: 'EUR' }] })
  return orders
}

const counts = (o: Order) => !['draft', 'cancelled', 'refunded'].includes(o.status)
const money = (micros: bigint) => {
  const negative = micros < 0n
  const abs = negative ? -micros : micros
  const fraction = String(abs % 1_000_000n).padStart(6, '0').replace(/0+$/, '')
  return `${negative ? '-' : ''}${abs / 1_000_000n}.${fraction.padEnd(2, '0')}`
}
const cents = (n: number) => `${n < 0 ? '-' : ''}${Math.floor(Math.abs(n) / 100)}.${String(Math.abs(n) % 100).padStart(2, '0')}`

/** Oracle: value per customer index from the generated rows. */
function valuesOf(orders: Order[], kind: 'revenue' | 'profit', to = '9999-12-31'): number[] {
  const values = new Array<number>(CUSTOMERS).fill(0)
  for (const order of orders) {
    if (!counts(order) || order.date > to) continue
    for (const line of order.lines) {
      if (line.currency !== 'EUR') continue
      const value = line.totalCents ?? line.quantity * line.unitCents
      values[order.customer] += kind === 'revenue' ? value : value - line.quantity * PRODUCTS[line.product].cost
    }
  }
  return values
}

/** Oracle: A/B/C per customer with the documented ranking (value desc, id asc; positives only). */
function classesOf(values: number[], ids: string[]): Map<string, string> {
  const rows = values.map((value, i) => ({ id: ids[i], value })).sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1))
  const total = rows.reduce((sum, r) => sum + Math.max(r.value, 0), 0)
  const result = new Map<string, string>()
  let before = 0
  for (const row of rows) {
    const positive = Math.max(row.value, 0)
    result.set(row.id, positive > 0 && before < 0.8 * total ? 'A' : positive > 0 && before < 0.95 * total ? 'B' : 'C')
    before += positive
  }
  return result
}

/** Oracle: RFM scores per customer with rank-based quintiles (ties share the lowest rank). */
function rfmOf(orders: Order[], ids: string[], asOf: string) {
  const stats = new Map<number, { last: string; frequency: number; monetary: number }>()
  const monetary = valuesOf(orders, 'revenue', asOf)
  for (const order of orders) {
    if (!counts(order) || order.date > asOf) continue
    const s = stats.get(order.customer) ?? { last: order.date, frequency: 0, monetary: monetary[order.customer] }
    s.frequency++
    if (order.date > s.last) s.last = order.date
    stats.set(order.customer, s)
  }
  const rows = [...stats].map(([customer, s]) => ({ id: ids[customer], recency: (Date.parse(asOf) - Date.parse(s.last)) / 86_400_000, ...s }))
  const n = rows.length
  const score = (value: (r: (typeof rows)[number]) => number, row: (typeof rows)[number]) => {
    const rank = 1 + rows.filter((other) => value(other) < value(row)).length
    return 1 + Math.floor((5 * (rank - 1)) / n)
  }
  return new Map(rows.map((row) => {
    const r = score((x) => -x.recency, row)
    const f = score((x) => x.frequency, row)
    return [row.id, { r, f, m: score((x) => x.monetary, row), segment: segmentOf(r, f) }]
  }))
}

for (const dialect of DIALECTS) {
  describe(`customer analytics [${dialect.name}]`, () => {
    let env: TestEnv
    let ids: string[]
    const orders = generate()
    let memberAuth: { authorization: string }
    let memberCustomers: Set<number>

    before(async () => {
      env = await startEnv(dialect)
      const member = await env.addMember('Member', 'seller')
      memberAuth = member.auth
      const people = await call(env, 'POST', '/api/v1/records/people/batch', {
        operations: Array.from({ length: CUSTOMERS }, (_, i) => ({
          op: 'create', data: { firstName: `C${i}`, lastName: 'Pareto', ...(i % 4 === 0 ? { ownerId: member.userId } : {}) },
        })),
      })
      assert.equal(people.status, 200, JSON.stringify(people.json))
      ids = people.json.data.map((r: { id: string }) => r.id)
      memberCustomers = new Set(ids.map((_, i) => i).filter((i) => i % 4 === 0))
      const products = await call(env, 'POST', '/api/v1/records/products/batch', {
        operations: PRODUCTS.map((p, i) => ({ op: 'create', data: { name: `P${i}`, price: { amount: cents(p.price), currency: 'EUR' }, cost: { amount: cents(p.cost), currency: 'EUR' } } })),
      })
      const productIds: string[] = products.json.data.map((r: { id: string }) => r.id)
      const created = await call(env, 'POST', '/api/v1/records/orders/batch', {
        operations: orders.map((o, i) => ({
          op: 'create', data: { orderNumber: `SO-${i}`, orderDate: o.date, status: o.status, customer: ids[o.customer], ...(memberCustomers.has(o.customer) ? { ownerId: member.userId } : {}) },
        })),
      })
      assert.equal(created.status, 200, JSON.stringify(created.json))
      const orderIds: string[] = created.json.data.map((r: { id: string }) => r.id)
      const lines = orders.flatMap((o, i) => o.lines.map((l) => ({
        op: 'create', data: {
          order: orderIds[i], product: productIds[l.product], quantity: l.quantity, unitPrice: { amount: cents(l.unitCents), currency: l.currency },
          ...(l.totalCents === null ? {} : { lineTotal: { amount: cents(l.totalCents), currency: l.currency } }),
          ...(memberCustomers.has(o.customer) ? { ownerId: member.userId } : {}),
        },
      })))
      const linesCreated = await call(env, 'POST', '/api/v1/records/orderLines/batch', { operations: lines })
      assert.equal(linesCreated.status, 200, JSON.stringify(linesCreated.json).slice(0, 500))
      // Private sharing: the member sees only records they own.
      for (const object of ['people', 'orders', 'orderLines']) {
        assert.equal((await call(env, 'PUT', `/api/v1/access/sharing/${object}`, { access: 'private' })).status, 204)
      }
      // Complaints: activities with participants, for the count measure.
      const activities = await call(env, 'POST', '/api/v1/records/activities/batch', {
        operations: Array.from({ length: 20 }, (_, i) => ({ op: 'create', data: { type: i % 3 === 0 ? 'note' : 'call', subject: `Complaint ${i}`, participants: [ids[i % 5]] } })),
      })
      assert.equal(activities.status, 200, JSON.stringify(activities.json).slice(0, 500))
    })
    after(() => env.close())

    for (const kind of ['revenue', 'profit'] as const) {
      test(`Pareto by ${kind}: totals exact, classes and shares equal the plain computation`, async () => {
        const values = valuesOf(orders, kind)
        const expected = classesOf(values, ids)
        const res = await call(env, 'GET', `/api/v1/analytics/pareto?object=people&measure=${kind}`)
        assert.equal(res.status, 200, JSON.stringify(res.json))
        const data = res.json.data
        const positives = values.filter((v) => v > 0)
        assert.equal(data.total, cents(positives.reduce((a, b) => a + b, 0)))
        assert.equal(data.currency, 'EUR')
        assert.equal(data.customerCount, CUSTOMERS)
        const classCount = (c: string) => [...expected.values()].filter((x) => x === c).length
        assert.deepEqual([data.classes.A.count, data.classes.B.count, data.classes.C.count], [classCount('A'), classCount('B'), classCount('C')])
        const classValue = (c: string) => cents(values.filter((_, i) => expected.get(ids[i]) === c).reduce((a, b) => a + b, 0))
        assert.deepEqual([data.classes.A.value, data.classes.B.value, data.classes.C.value], [classValue('A'), classValue('B'), classValue('C')])
        assert.equal(data.customersFor80Percent, classCount('A'))
        const sorted = [...values].sort((a, b) => b - a)
        const top = sorted.slice(0, Math.ceil(CUSTOMERS * 0.2)).reduce((a, b) => a + Math.max(b, 0), 0)
        assert.ok(Math.abs(data.top20PercentShare - top / positives.reduce((a, b) => a + b, 0)) < 1e-5)
        assert.equal(data.curve.at(-1).customerShare, 1)
        assert.ok(Math.abs(data.curve.at(-1).valueShare - 1) < 1e-9 || positives.length === 0)
        assert.ok(data.curve.every((p: any, i: number, all: any[]) => i === 0 || p.valueShare >= all[i - 1].valueShare), 'the curve never falls')
      })
    }

    test('ABC classes are written back to a select field; ties rank by id; zero-value customers are C', async () => {
      const field = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', {
        apiName: 'abcClass', label: 'ABC class', type: 'select', options: { choices: [{ value: 'A', label: 'A' }, { value: 'B', label: 'B' }, { value: 'C', label: 'C' }] },
      })
      assert.equal(field.status, 201, JSON.stringify(field.json))
      const written = await call(env, 'POST', '/api/v1/analytics/pareto/classes', { object: 'people', measure: 'revenue', field: 'abcClass' })
      assert.equal(written.status, 200, JSON.stringify(written.json))
      assert.equal(written.json.data.updated, CUSTOMERS)
      const expected = classesOf(valuesOf(orders, 'revenue'), ids)
      const people = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'lastName', op: 'eq', value: 'Pareto' }, limit: 100, fields: ['abcClass'] })
      for (const person of people.json.data) assert.equal(person.abcClass, expected.get(person.id), person.id)
      assert.equal(expected.get(ids[8]), 'C', 'a customer without orders')
      const again = await call(env, 'POST', '/api/v1/analytics/pareto/classes', { object: 'people', measure: 'revenue', field: 'abcClass' })
      assert.equal(again.json.data.updated, 0, 'unchanged classes are not rewritten')
      const member = await call(env, 'POST', '/api/v1/analytics/pareto/classes', { object: 'people', measure: 'revenue', field: 'abcClass' }, memberAuth)
      assert.equal(member.status, 403)
      const noChoices = await call(env, 'POST', '/api/v1/analytics/pareto/classes', { object: 'people', measure: 'revenue', field: 'jobTitle' })
      assert.equal(noChoices.status, 200, 'a text field takes any class')
      const wrongType = await call(env, 'POST', '/api/v1/analytics/pareto/classes', { object: 'people', measure: 'revenue', field: 'company' })
      assert.equal(wrongType.status, 400)
      assert.equal(wrongType.json.errors[0].pointer, '/field')
    })

    test('Pareto by a count of related records (many-to-many participants, with a filter)', async () => {
      const filter = encodeURIComponent(JSON.stringify({ field: 'type', op: 'eq', value: 'call' }))
      const res = await call(env, 'GET', `/api/v1/analytics/pareto?object=people&measure=count:activities&filter=${filter}`)
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const perCustomer = new Array<number>(CUSTOMERS).fill(0)
      for (let i = 0; i < 20; i++) if (i % 3 !== 0) perCustomer[i % 5]++
      assert.equal(res.json.data.total, perCustomer.reduce((a, b) => a + b, 0))
      assert.equal(res.json.data.currency, null)
      const expected = classesOf(perCustomer, ids)
      assert.equal(res.json.data.classes.A.count, [...expected.values()].filter((c) => c === 'A').length)
    })

    test('a member under private sharing gets the analysis of their own customers and orders only', async () => {
      const res = await call(env, 'GET', '/api/v1/analytics/pareto?object=people&measure=revenue', undefined, memberAuth)
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const values = valuesOf(orders, 'revenue').filter((_, i) => memberCustomers.has(i))
      assert.equal(res.json.data.customerCount, memberCustomers.size)
      assert.equal(res.json.data.total, cents(values.filter((v) => v > 0).reduce((a, b) => a + b, 0)))
    })

    test('RFM scores and segments equal the plain computation, as of a date; segments written back', async () => {
      const expected = rfmOf(orders, ids, AS_OF)
      const res = await call(env, 'GET', `/api/v1/analytics/rfm?object=people&asOf=${AS_OF}`)
      assert.equal(res.status, 200, JSON.stringify(res.json))
      assert.equal(res.json.data.customers, expected.size)
      assert.equal(res.json.data.withoutOrders, CUSTOMERS - expected.size)
      for (const segment of res.json.data.segments) {
        assert.equal(segment.count, [...expected.values()].filter((e) => e.segment === segment.name).length, segment.name)
      }
      const field = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'rfmSegment', label: 'RFM segment', type: 'text' })
      assert.equal(field.status, 201)
      const written = await call(env, 'POST', '/api/v1/analytics/rfm/segments', { object: 'people', field: 'rfmSegment', asOf: AS_OF })
      assert.equal(written.status, 200, JSON.stringify(written.json))
      assert.equal(written.json.data.updated, expected.size)
      const people = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'lastName', op: 'eq', value: 'Pareto' }, limit: 100, fields: ['rfmSegment'] })
      for (const person of people.json.data) assert.equal(person.rfmSegment, expected.get(person.id)?.segment ?? null, person.id)
    })

    test('an empty period has defined answers: zero totals, everyone C, no RFM customers', async () => {
      const pareto = await call(env, 'GET', '/api/v1/analytics/pareto?object=people&measure=revenue&from=1990-01-01&to=1990-12-31')
      assert.equal(pareto.status, 200)
      assert.equal(pareto.json.data.total, '0.00')
      assert.equal(pareto.json.data.classes.C.count, CUSTOMERS)
      assert.equal(pareto.json.data.top20PercentShare, 0)
      const rfm = await call(env, 'GET', '/api/v1/analytics/rfm?object=people&asOf=1990-01-01')
      assert.equal(rfm.json.data.customers, 0)
      assert.ok(rfm.json.data.segments.every((s: any) => s.count === 0))
    })

    test('association rules and recommendations equal counting in plain loops', async () => {
      const products = (await call(env, 'POST', '/api/v1/records/products/query', { limit: 10, sort: [{ field: 'name', dir: 'asc' }] })).json.data.map((p: any) => p.id)
      const baskets = orders.filter(counts).map((o) => ({ customer: o.customer, items: new Set(o.lines.map((l) => products[l.product] as string)) }))
      const n = baskets.length
      const has = (id: string) => baskets.filter((b) => b.items.has(id)).length
      const expected = []
      for (const x of products) for (const y of products) {
        if (x === y) continue
        const both = baskets.filter((b) => b.items.has(x) && b.items.has(y)).length
        if (both >= 1) expected.push({ x, y, both, support: both / n, confidence: both / has(x), lift: (both * n) / (has(x) * has(y)) })
      }
      expected.sort((a, b) => b.lift - a.lift || b.confidence - a.confidence || b.both - a.both || (a.x < b.x ? -1 : a.x > b.x ? 1 : a.y < b.y ? -1 : 1))
      const res = await call(env, 'GET', '/api/v1/analytics/cross-sell/rules?minOrders=1&limit=1000')
      assert.equal(res.status, 200, JSON.stringify(res.json))
      assert.equal(res.json.data.orders, n)
      assert.deepEqual(res.json.data.rules.map((r: any) => [r.antecedent.id, r.consequent.id, r.orders]), expected.map((e) => [e.x, e.y, e.both]))
      for (const [i, rule] of res.json.data.rules.entries()) {
        assert.ok(Math.abs(rule.support - expected[i].support) < 1e-12 && Math.abs(rule.confidence - expected[i].confidence) < 1e-12 && Math.abs(rule.lift - expected[i].lift) < 1e-12)
      }
      assert.equal(res.json.data.rules[0].antecedent.name.startsWith('P'), true)
      const confident = await call(env, 'GET', '/api/v1/analytics/cross-sell/rules?minOrders=1&minConfidence=0.5')
      assert.deepEqual(confident.json.data.rules.map((r: any) => [r.antecedent.id, r.consequent.id]), expected.filter((e) => e.confidence >= 0.5).map((e) => [e.x, e.y]))

      const customer = baskets.find((b) => b.items.size === 1)?.customer ?? 0
      const mine = new Set(baskets.filter((b) => b.customer === customer).flatMap((b) => [...b.items]))
      const suggestions = products.filter((y: string) => !mine.has(y)).map((y: string) => {
        const options = [...mine].map((x) => {
          const both = baskets.filter((b) => b.items.has(x) && b.items.has(y)).length
          return { x, y, both, confidence: both / has(x), lift: (both * n) / (has(x) * has(y)) }
        }).filter((o) => o.both >= 1).sort((a, b) => b.confidence - a.confidence || (a.x < b.x ? -1 : 1))
        return options[0]
      }).filter(Boolean).sort((a: any, b: any) => b.confidence - a.confidence || b.lift - a.lift || (a.y < b.y ? -1 : 1))
      const recs = await call(env, 'GET', `/api/v1/analytics/cross-sell/recommendations?customer=${ids[customer]}&minOrders=1`)
      assert.equal(recs.status, 200, JSON.stringify(recs.json))
      assert.deepEqual(recs.json.data.map((r: any) => [r.product.id, r.because.id]), suggestions.map((s: any) => [s.y, s.x]))
      assert.ok(recs.json.data.every((r: any) => !mine.has(r.product.id)), 'never recommends what the customer has')
      assert.equal((await call(env, 'GET', '/api/v1/analytics/cross-sell/recommendations?customer=not-an-id')).status, 400)
      assert.equal((await call(env, 'GET', '/api/v1/analytics/cross-sell/recommendations?customer=0190a000-0000-7000-8000-000000000000')).status, 404)
    })

    test('cohorts: retention and revenue by first-order month, empty months explicit', async () => {
      const perCustomerMonth = new Map<string, bigint>()
      for (const order of orders) {
        if (!counts(order)) continue
        const revenue = order.lines.filter((l) => l.currency === 'EUR').reduce((sum, l) => sum + BigInt(l.totalCents ?? l.quantity * l.unitCents), 0n)
        if (!order.lines.some((l) => l.currency === 'EUR')) continue
        const key = `${order.customer}|${order.date.slice(0, 7)}`
        perCustomerMonth.set(key, (perCustomerMonth.get(key) ?? 0n) + revenue)
      }
      const firstMonth = new Map<number, string>()
      for (const key of perCustomerMonth.keys()) {
        const [customer, month] = key.split('|')
        const c = Number(customer)
        if (!firstMonth.has(c) || month < firstMonth.get(c)!) firstMonth.set(c, month)
      }
      const res = await call(env, 'GET', '/api/v1/analytics/cohorts?object=people')
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const cohortNames = [...new Set(firstMonth.values())].sort()
      assert.deepEqual(res.json.data.cohorts.map((c: any) => c.cohort), cohortNames)
      const lastMonth = [...perCustomerMonth.keys()].map((k) => k.split('|')[1]).sort().at(-1)
      for (const cohort of res.json.data.cohorts) {
        const members = [...firstMonth].filter(([, m]) => m === cohort.cohort).map(([c]) => c)
        assert.equal(cohort.customers, members.length)
        assert.equal(cohort.periods.at(-1).month, lastMonth, 'periods run to the last month with orders')
        let cumulative = 0n
        for (const period of cohort.periods) {
          const active = members.filter((c) => perCustomerMonth.has(`${c}|${period.month}`))
          const revenue = active.reduce((sum, c) => sum + perCustomerMonth.get(`${c}|${period.month}`)! * 10_000n, 0n)
          cumulative += revenue
          assert.equal(period.activeCustomers, active.length, `${cohort.cohort}+${period.offset}`)
          assert.equal(period.retention, active.length / members.length)
          assert.equal(period.revenue, money(revenue))
          assert.equal(period.cumulativeRevenuePerCustomer, money(cumulative / BigInt(members.length)))
        }
      }
      const empty = await call(env, 'GET', '/api/v1/analytics/cohorts?object=people&to=1990-01-01')
      assert.deepEqual(empty.json.data.cohorts, [])
    })

    test('customer lifetime value: historical average and the documented predictive estimate', async () => {
      const res = await call(env, 'GET', `/api/v1/analytics/clv?object=people&asOf=${AS_OF}`)
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const counted = orders.filter((o) => counts(o) && o.date <= AS_OF && o.lines.some((l) => l.currency === 'EUR'))
      const revenueOf = (o: Order) => o.lines.filter((l) => l.currency === 'EUR').reduce((sum, l) => sum + BigInt(l.totalCents ?? l.quantity * l.unitCents) * 10_000n, 0n)
      const buyers = new Set(counted.map((o) => o.customer))
      assert.equal(res.json.data.historicalClv, money(counted.reduce((s, o) => s + revenueOf(o), 0n) / BigInt(buyers.size)))
      const recent = counted.filter((o) => o.date > '2025-06-30')
      const previous = new Set(counted.filter((o) => o.date > '2024-06-30' && o.date <= '2025-06-30').map((o) => o.customer))
      const recentBuyers = new Set(recent.map((o) => o.customer))
      assert.equal(res.json.data.averageOrderValue, money(recent.reduce((s, o) => s + revenueOf(o), 0n) / BigInt(recent.length)))
      assert.equal(res.json.data.ordersPerCustomerPerYear, recent.length / recentBuyers.size)
      const retention = previous.size ? [...previous].filter((c) => recentBuyers.has(c)).length / previous.size : null
      assert.equal(res.json.data.annualRetention, retention)
    })

    test('client profitability: revenue, cost, margin and service load per customer', async () => {
      const res = await call(env, 'GET', '/api/v1/analytics/profitability?object=people&limit=1000')
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const revenue = valuesOf(orders, 'revenue')
      const profit = valuesOf(orders, 'profit')
      const load = new Array<number>(CUSTOMERS).fill(0)
      for (let i = 0; i < 20; i++) load[i % 5]++
      const expected = ids.map((id, i) => ({ id, revenue: revenue[i], margin: profit[i], load: load[i] }))
        .sort((a, b) => b.margin - a.margin || (a.id < b.id ? -1 : 1))
      assert.deepEqual(res.json.data.rows.map((r: any) => [r.customer.id, r.revenue, r.margin, r.cost, r.serviceLoad]),
        expected.map((e) => [e.id, cents(e.revenue), cents(e.margin), cents(e.revenue - e.margin), e.load]))
      assert.equal(res.json.data.totals.customers, CUSTOMERS)
      assert.equal(res.json.data.totals.margin, cents(profit.reduce((a, b) => a + b, 0)))
      const byLoad = await call(env, 'GET', '/api/v1/analytics/profitability?object=people&order=serviceLoad&limit=2')
      assert.deepEqual(byLoad.json.data.rows.map((r: any) => r.serviceLoad), [...load].sort((a, b) => b - a).slice(0, 2))
      assert.equal((await call(env, 'GET', '/api/v1/analytics/profitability?object=people&order=bogus')).status, 400)
    })

    test('bad input answers 4xx problem+json naming the parameter', async () => {
      const cases: [string, number, string?][] = [
        ['/api/v1/analytics/pareto?object=people&measure=margin', 400, '/measure'],
        ['/api/v1/analytics/pareto?object=people&measure=revenue&from=2026-13-45', 400, '/from'],
        ['/api/v1/analytics/pareto?object=people&measure=revenue&currency=euro', 400],
        ['/api/v1/analytics/pareto?object=people&measure=count:activities&filter=%7Bnot%20json', 400, '/filter'],
        ['/api/v1/analytics/pareto?object=people&measure=count:activities&filter=' + encodeURIComponent('{"field":"nope","op":"eq","value":1}'), 400],
        ['/api/v1/analytics/pareto?object=people&measure=count:people%3Bdrop', 400, '/measure'],
        ['/api/v1/analytics/pareto?object=nosuch&measure=revenue', 404],
        ['/api/v1/analytics/pareto?object=products&measure=revenue', 400, '/object'],
        ['/api/v1/analytics/pareto?object=people&measure=revenue&extra=1', 400],
        ['/api/v1/analytics/rfm?object=people&asOf=yesterday', 400, '/asOf'],
      ]
      for (const [url, status, pointer] of cases) {
        const res = await call(env, 'GET', url)
        assert.equal(res.status, status, `${url}: ${JSON.stringify(res.json)}`)
        assert.match(String(res.headers?.['content-type'] ?? 'application/problem+json'), /problem\+json/)
        if (pointer) assert.equal(res.json.errors?.[0]?.pointer, pointer, url)
      }
    })
  })
}
