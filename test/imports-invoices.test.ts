/**
 * Invoice-line files (a shop's export in the UCI Online Retail layout) on every dialect: lines
 * are grouped into orders with exact totals, customers and products are found or created, the
 * dry run counts what would be made, a second import changes nothing, revenue analytics equal
 * a loop over the file, and undo removes everything the import created.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { formatMoney, parseMoney } from '../server/src/engine/fields/composite.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { finished } from './support/imports.js'

const PRODUCTS: [string, string, string][] = [
  ['85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '2.55'], ['71053', 'WHITE METAL LANTERN', '3.39'],
  ['84406B', 'CREAM CUPID HEARTS COAT HANGER', '2.75'], ['84029G', 'KNITTED UNION FLAG HOT WATER BOTTLE', '3.39'],
  ['22752', 'SET 7 BABUSHKA NESTING BOXES', '7.65'], ['21730', 'GLASS STAR FROSTED T-LIGHT HOLDER', '4.25'],
  ['22633', 'HAND WARMER UNION JACK', '1.85'], ['84879', 'ASSORTED COLOUR BIRD ORNAMENT', '1.69'],
  ['22745', 'POPPY\'S PLAYHOUSE BEDROOM', '2.10'], ['22310', 'IVORY KNITTED MUG COSY', '1.65'],
  ['POST', 'POSTAGE', '18.00'], ['21755', 'LOVE BUILDING BLOCK WORD', '5.95'],
  ['22086', 'PAPER CHAIN KIT 50\'S CHRISTMAS', '2.95'], ['20725', 'LUNCH BAG RED RETROSPOT', '1.65'],
  ['23084', 'RABBIT NIGHT LIGHT, PINK', '2.08'],
]
const CUSTOMERS = ['17850', '13047', '12583', '13748', '15100', '15291', '14688', '17809', '15311', '16098', '18074', '12431']

/** A deterministic UCI-shaped file: 60 invoices, blank customers, a cancellation, quoted commas. */
function onlineRetailCsv(): string {
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country']
  let seed = 7
  const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
  for (let i = 0; i < 60; i++) {
    const cancelled = i === 17
    const invoice = `${cancelled ? 'C' : ''}${536365 + i}`
    const customer = i % 9 === 4 ? '' : CUSTOMERS[next(CUSTOMERS.length)]
    const day = 1 + (i % 9)
    for (let l = 0, n = 1 + next(6); l < n; l++) {
      const [code, description, price] = PRODUCTS[next(PRODUCTS.length)]
      const quantity = (cancelled ? -1 : 1) * (1 + next(24))
      const quoted = description.includes(',') ? `"${description}"` : description
      lines.push(`${invoice},${code},${quoted},${quantity},12/${day}/2010 ${8 + l}:26,${price},${customer},United Kingdom`)
    }
  }
  return `${lines.join('\r\n')}\r\n`
}

interface FileLine { invoice: string; code: string; quantity: bigint; priceMicros: bigint; customer: string }

function fileLines(csv: string): FileLine[] {
  return csv.trim().split('\r\n').slice(1).map((line) => {
    const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''))
    return { invoice: cells[0], code: cells[1], quantity: BigInt(cells[3]), priceMicros: parseMoney(cells[5]), customer: cells[6] }
  })
}

async function upload(env: TestEnv, body: string, query: Record<string, string>) {
  const response = await env.app.inject({ method: 'POST', url: `/api/v1/imports?${new URLSearchParams(query)}`, headers: { ...env.auth, 'content-type': 'text/csv' }, payload: body })
  return { status: response.statusCode, json: JSON.parse(response.body || 'null') }
}

async function all(env: TestEnv, object: string, filter?: unknown): Promise<any[]> {
  const out: any[] = []
  let cursor: string | undefined
  do {
    const page = await call(env, 'POST', `/api/v1/records/${object}/query`, { filter, limit: 1000, ...(cursor ? { cursor } : {}) })
    out.push(...page.json.data)
    cursor = page.json.page.nextCursor ?? undefined
  } while (cursor)
  return out
}

const QUERY = { object: 'orders', kind: 'invoiceLines', dateFormat: 'mdy' }

for (const dialect of DIALECTS) {
  describe(`invoice-line imports [${dialect.name}]`, () => {
    let env: TestEnv
    const csv = onlineRetailCsv()
    const lines = fileLines(csv)
    const invoices = [...new Set(lines.map((l) => l.invoice))]
    before(async () => {
      env = await startEnv(dialect)
      const field = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', { apiName: 'externalId', label: 'External id', type: 'text', unique: true })
      assert.equal(field.status, 201, JSON.stringify(field.json))
    })
    after(async () => { await env.close() })

    test('a dry run counts lines, orders, products and customers to create, and writes nothing', async () => {
      const started = await upload(env, csv, { ...QUERY, mode: 'dryRun' })
      assert.equal(started.status, 202, JSON.stringify(started.json))
      assert.deepEqual(started.json.data.mapping, {
        InvoiceNo: 'orderNumber', StockCode: 'productSku', Description: 'productName', Quantity: 'quantity', InvoiceDate: 'orderDate', UnitPrice: 'unitPrice', CustomerID: 'customer', Country: null,
      })
      const job = await finished(env, started.json.data.id)
      assert.equal(job.status, 'completed', JSON.stringify(job))
      assert.deepEqual(job.counts, { create: lines.length, update: 0, skip: 0, fail: 0 })
      assert.deepEqual(job.summary, {
        orders: invoices.length, products: new Set(lines.map((l) => l.code)).size, customers: new Set(lines.map((l) => l.customer).filter(Boolean)).size,
      })
      assert.equal((await all(env, 'orders')).length, 0)
      assert.equal((await all(env, 'products')).length, 0)
    })

    let applied = ''
    test('apply: orders with exact totals and linked lines; pareto revenue equals a loop over the file', async () => {
      const started = await upload(env, csv, { ...QUERY, mode: 'apply' })
      const job = await finished(env, started.json.data.id)
      applied = job.id
      assert.deepEqual([job.status, job.counts.create, job.counts.fail], ['completed', lines.length, 0], JSON.stringify(job))
      const orders = await all(env, 'orders')
      assert.equal(orders.length, invoices.length)
      const first = orders.find((o) => o.orderNumber === '536365')
      const expectedTotal = lines.filter((l) => l.invoice === '536365').reduce((sum, l) => sum + l.quantity * l.priceMicros, 0n)
      assert.deepEqual(first.total, { amount: formatMoney(expectedTotal), currency: 'EUR' })
      assert.equal(first.orderDate, '2010-12-01')
      const orderLines = await all(env, 'orderLines', { field: 'order', op: 'eq', value: first.id })
      assert.equal(orderLines.length, lines.filter((l) => l.invoice === '536365').length)
      const products = await all(env, 'products')
      assert.equal(products.length, new Set(lines.map((l) => l.code)).size)
      assert.ok(products.some((p) => p.sku === '23084' && p.name === 'RABBIT NIGHT LIGHT, PINK'), 'a quoted comma stays in the name')
      const customer = (await all(env, 'people', { field: 'externalId', op: 'eq', value: '17850' }))[0]
      if (lines.some((l) => l.customer === '17850')) assert.ok(customer, 'the customer was created with its id')

      // Revenue per customer: the sum of quantity × unit price of their lines; only positive customers count.
      const perCustomer = new Map<string, bigint>()
      for (const l of lines) if (l.customer) perCustomer.set(l.customer, (perCustomer.get(l.customer) ?? 0n) + l.quantity * l.priceMicros)
      const total = [...perCustomer.values()].reduce((sum, v) => sum + (v > 0n ? v : 0n), 0n)
      const pareto = await call(env, 'GET', '/api/v1/analytics/pareto?object=people&measure=revenue')
      assert.equal(pareto.status, 200, JSON.stringify(pareto.json))
      assert.equal(pareto.json.data.total, formatMoney(total))
      assert.equal(pareto.json.data.customerCount, perCustomer.size)
    })

    test('importing the same file again changes nothing: every order exists', async () => {
      const job = await finished(env, (await upload(env, csv, { ...QUERY, mode: 'apply' })).json.data.id)
      assert.deepEqual(job.counts, { create: 0, update: 0, skip: lines.length, fail: 0 })
      assert.deepEqual(job.summary, { orders: 0, products: 0, customers: 0 })
      assert.equal((await all(env, 'orders')).length, invoices.length)
    })

    test('an order whose lines are apart, a bad quantity and a missing column are reported', async () => {
      const bad = [
        'Invoice,SKU,Product,Qty,Date,Price,Customer',
        '900001,A1,Apple,2,12/1/2010,1.50,buyer@shop.example',
        '900002,B1,Banana,x,12/1/2010,0.50,buyer@shop.example',
        '900002,A1,Apple,1,12/1/2010,1.50,buyer@shop.example',
        '900001,C1,Cherry,1,12/1/2010,3.00,buyer@shop.example',
      ].join('\n')
      const job = await finished(env, (await upload(env, bad, { ...QUERY, mode: 'apply' })).json.data.id)
      assert.deepEqual(job.counts, { create: 1, update: 0, skip: 0, fail: 3 })
      const errors = (await call(env, 'GET', `/api/v1/imports/${job.id}/errors`)).json.data
      assert.deepEqual(errors.map((e: any) => [e.rowNo, e.column]), [[3, 'Qty'], [4, 'Invoice'], [5, 'Invoice']])
      assert.match(errors[2].reason, /appeared earlier \(row 2\)/)
      const order = (await all(env, 'orders', { field: 'orderNumber', op: 'eq', value: '900001' }))[0]
      assert.deepEqual(order.total, { amount: '3.00', currency: 'EUR' })
      const buyer = await all(env, 'people', { field: 'email', op: 'eq', value: 'buyer@shop.example' })
      assert.equal(buyer.length, 1, 'a customer named by e-mail is created once')
      const undone = await call(env, 'POST', `/api/v1/imports/${job.id}/undo`)
      assert.equal(undone.status, 200)

      const missing = await upload(env, 'Invoice,SKU,Date\n1,A,12/1/2010\n', { ...QUERY, mode: 'dryRun' })
      assert.deepEqual([missing.status, missing.json.errors[0].pointer], [400, '/query/mapping'])
      const wrongObject = await upload(env, csv, { ...QUERY, object: 'people' })
      assert.deepEqual([wrongObject.status, wrongObject.json.errors[0].pointer], [400, '/query/object'])
    })

    test('undo removes the orders, lines, products and customers the import created', async () => {
      const undone = await call(env, 'POST', `/api/v1/imports/${applied}/undo`)
      assert.equal(undone.status, 200, JSON.stringify(undone.json))
      assert.equal(undone.json.data.status, 'undone')
      for (const object of ['orders', 'orderLines', 'products']) assert.equal((await all(env, object)).length, 0, object)
      assert.equal((await all(env, 'people', { field: 'externalId', op: 'isNotNull' })).length, 0)
      const pareto = await call(env, 'GET', '/api/v1/analytics/pareto?object=people&measure=revenue')
      assert.equal(pareto.json.data.total, '0.00')
    })
  })
}
