/**
 * Up-sell upgrade candidates over HTTP on each dialect against a plain loop over generated
 * purchases: same category and price currency, dearer, not yet bought, enough peer buyers,
 * offered from the dearest cheaper product; cancelled orders do not count; bad input 400/404.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const PRODUCTS = [
  { category: 'Laptops', cents: 90_000, currency: 'EUR' }, { category: 'Laptops', cents: 120_000, currency: 'EUR' },
  { category: 'Laptops', cents: 150_000, currency: 'EUR' }, { category: 'Laptops', cents: 200_000, currency: 'USD' },
  { category: 'Mice', cents: 1_500, currency: 'EUR' }, { category: 'Mice', cents: 4_000, currency: 'EUR' }, { category: null, cents: 9_999, currency: 'EUR' },
]
const CUSTOMERS = 12

function purchases(): { customer: number; product: number; status: string }[] {
  let seed = 21
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const result = []
  for (let customer = 0; customer < CUSTOMERS; customer++) {
    for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) result.push({ customer, product: Math.floor(next() * PRODUCTS.length), status: next() < 0.15 ? 'cancelled' : 'paid' })
  }
  return result
}

function expected(rows: ReturnType<typeof purchases>, customer: number, minBuyers: number) {
  const counted = rows.filter((r) => r.status !== 'cancelled')
  const mine = new Set(counted.filter((r) => r.customer === customer).map((r) => r.product))
  const result = []
  for (let q = 0; q < PRODUCTS.length; q++) {
    const Q = PRODUCTS[q]
    if (mine.has(q) || Q.category === null) continue
    const buyers = new Set(counted.filter((r) => r.product === q && r.customer !== customer).map((r) => r.customer)).size
    if (buyers < minBuyers) continue
    const from = [...mine].filter((p) => PRODUCTS[p].category === Q.category && PRODUCTS[p].currency === Q.currency && PRODUCTS[p].cents < Q.cents)
      .sort((a, b) => PRODUCTS[b].cents - PRODUCTS[a].cents)[0]
    if (from === undefined) continue
    result.push({ q, from, buyers, step: Q.cents - PRODUCTS[from].cents })
  }
  return result.sort((a, b) => b.buyers - a.buyers || a.step - b.step)
}

for (const dialect of DIALECTS) {
  describe(`upgrade candidates [${dialect.name}]`, () => {
    let env: TestEnv
    let people: string[]
    let products: string[]
    const rows = purchases()

    before(async () => {
      env = await startEnv(dialect)
      people = (await call(env, 'POST', '/api/v1/records/people/batch', { operations: Array.from({ length: CUSTOMERS }, (_, i) => ({ op: 'create', data: { firstName: `U${i}`, lastName: 'Up' } })) })).json.data.map((r: { id: string }) => r.id)
      products = (await call(env, 'POST', '/api/v1/records/products/batch', {
        operations: PRODUCTS.map((p, i) => ({ op: 'create', data: { name: `P${i}`, ...(p.category ? { category: p.category } : {}), price: { amount: String(p.cents / 100), currency: p.currency } } })),
      })).json.data.map((r: { id: string }) => r.id)
      const orders = await call(env, 'POST', '/api/v1/records/orders/batch', {
        operations: rows.map((r, i) => ({ op: 'create', data: { orderNumber: `UP-${i}`, orderDate: '2026-02-01', status: r.status, customer: people[r.customer] } })),
      })
      assert.equal(orders.status, 200, JSON.stringify(orders.json).slice(0, 300))
      const lines = orders.json.data.map((o: { id: string }, i: number) => ({ op: 'create', data: { order: o.id, product: products[rows[i].product], quantity: 1, unitPrice: { amount: '1.00', currency: 'EUR' } } }))
      assert.equal((await call(env, 'POST', '/api/v1/records/orderLines/batch', { operations: lines })).status, 200)
    })
    after(() => env.close())

    test('every customer\'s candidates equal the plain computation', async () => {
      let offered = 0
      for (const minBuyers of [1, 2]) {
        for (let customer = 0; customer < CUSTOMERS; customer++) {
          const res = await call(env, 'GET', `/api/v1/analytics/cross-sell/upgrades?customer=${people[customer]}&minBuyers=${minBuyers}`)
          assert.equal(res.status, 200, JSON.stringify(res.json))
          const want = expected(rows, customer, minBuyers)
          assert.deepEqual(res.json.data.map((u: any) => [u.product.id, u.from.id, u.buyers]), want.map((w) => [products[w.q], products[w.from], w.buyers]), `customer ${customer}`)
          for (const [i, u] of res.json.data.entries()) assert.equal(u.priceDifference, (want[i].step / 100).toFixed(2))
          offered += want.length
        }
      }
      assert.ok(offered > 3, 'the generated data offers upgrades')
    })

    test('bad input', async () => {
      assert.equal((await call(env, 'GET', '/api/v1/analytics/cross-sell/upgrades?customer=nope')).json.errors[0].pointer, '/customer')
      assert.equal((await call(env, 'GET', '/api/v1/analytics/cross-sell/upgrades?customer=0190a0a0-0000-7000-8000-000000000000')).status, 404)
      assert.equal((await call(env, 'GET', `/api/v1/analytics/cross-sell/upgrades?customer=${people[0]}&minBuyers=0`)).status, 400)
    })
  })
}
