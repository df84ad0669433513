/**
 * k-means segmentation over HTTP on each dialect: generated well-separated blobs are recovered
 * and the silhouette picks their number; a seed gives the same answer every time; profiles and
 * written-back labels equal a plain loop over the records; derived order features equal a plain
 * computation; bad input answers 400 with pointers; permissions (no read → 403, a hidden field is
 * no feature, write-back is for administrators).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const CENTRES = [[0, 0], [10, 10], [20, 0]]
const PER_BLOB = 25
const AS_OF = '2026-06-30'

/** Deterministic pseudo-random numbers (an LCG; the test needs spread, not quality). */
function lcg(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
}

interface Point { blob: number; x: number; y: number }

function blobs(): Point[] {
  const next = lcg(11)
  return CENTRES.flatMap(([cx, cy], blob) => Array.from({ length: PER_BLOB }, () => ({
    blob, x: Math.round((cx + (next() - 0.5) * 3) * 1000) / 1000, y: Math.round((cy + (next() - 0.5) * 3) * 1000) / 1000,
  })))
}

interface Order { customer: number; date: string; status: string; lines: { quantity: number; unitCents: number }[] }

function orders(): Order[] {
  const next = lcg(5)
  const result: Order[] = []
  for (let customer = 0; customer < 12; customer++) {
    for (let i = 0, n = 1 + Math.floor(next() * 4); i < n; i++) {
      const date = new Date(Date.UTC(2025, 0, 1 + Math.floor(next() * 540))).toISOString().slice(0, 10)
      result.push({
        customer, date, status: next() < 0.15 ? 'cancelled' : 'paid',
        lines: Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({ quantity: 1 + Math.floor(next() * 3), unitCents: 100 + Math.floor(next() * 20_000) })),
      })
    }
  }
  return result
}

const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`)

for (const dialect of DIALECTS) {
  describe(`k-means segments [${dialect.name}]`, () => {
    let env: TestEnv
    let ids: string[]
    const points = blobs()
    const shop = orders()
    let limited: { authorization: string }
    let noPeople: { authorization: string }

    before(async () => {
      env = await startEnv(dialect)
      for (const apiName of ['scoreX', 'scoreY']) {
        const field = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', { apiName, label: apiName, type: 'number' })
        assert.equal(field.status, 201, JSON.stringify(field.json))
      }
      const segment = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', {
        apiName: 'segment', label: 'Segment', type: 'select', options: { choices: Array.from({ length: 8 }, (_, i) => ({ value: `C${i + 1}`, label: `Cluster ${i + 1}` })) },
      })
      assert.equal(segment.status, 201, JSON.stringify(segment.json))
      const people = await call(env, 'POST', '/api/v1/records/people/batch', {
        operations: points.map((p, i) => ({ op: 'create', data: { firstName: `B${i}`, lastName: 'Blob', scoreX: p.x, scoreY: p.y } })),
      })
      assert.equal(people.status, 200, JSON.stringify(people.json).slice(0, 400))
      ids = people.json.data.map((r: { id: string }) => r.id)
      const created = await call(env, 'POST', '/api/v1/records/orders/batch', {
        operations: shop.map((o, i) => ({ op: 'create', data: { orderNumber: `K-${i}`, orderDate: o.date, status: o.status, customer: ids[o.customer] } })),
      })
      assert.equal(created.status, 200, JSON.stringify(created.json).slice(0, 400))
      const orderIds: string[] = created.json.data.map((r: { id: string }) => r.id)
      const lines = shop.flatMap((o, i) => o.lines.map((l) => ({ op: 'create', data: { order: orderIds[i], quantity: l.quantity, unitPrice: { amount: cents(l.unitCents), currency: 'EUR' } } })))
      assert.equal((await call(env, 'POST', '/api/v1/records/orderLines/batch', { operations: lines })).status, 200)
      const role = await call(env, 'POST', '/api/v1/access/roles', {
        name: 'Limited', permissions: { defaultObject: { read: true }, objects: { people: { read: true } }, fields: { people: { scoreY: 'hidden' } } },
      })
      assert.equal(role.status, 201, JSON.stringify(role.json))
      limited = (await env.addMember(role.json.data.id, 'limited')).auth
      const none = await call(env, 'POST', '/api/v1/access/roles', { name: 'No people', permissions: { defaultObject: { read: true }, objects: { people: { read: false } } } })
      assert.equal(none.status, 201, JSON.stringify(none.json))
      noPeople = (await env.addMember(none.json.data.id, 'nopeople')).auth
    })
    after(() => env.close())

    const blobRequest = { object: 'people', features: ['field:scoreX', 'field:scoreY'], seed: 7 }

    test('the silhouette picks the true k and the blobs are recovered', async () => {
      const res = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, kMin: 2, kMax: 6 })
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const data = res.json.data
      assert.equal(data.chosenBy, 'silhouette')
      assert.equal(data.k, 3)
      assert.deepEqual(data.candidates.map((c: { k: number }) => c.k), [2, 3, 4, 5, 6])
      const best = Math.max(...data.candidates.map((c: { silhouette: number }) => c.silhouette))
      assert.equal(data.silhouette, best)
      assert.ok(data.silhouette > 0.8, `well-separated blobs score high: ${data.silhouette}`)
      assert.equal(data.customers, points.length)
      assert.equal(data.skipped, 0)
      assert.deepEqual(data.clusters.map((c: { size: number }) => c.size), [PER_BLOB, PER_BLOB, PER_BLOB])
      // Every blob lands in one cluster, a different one per blob.
      const labelOf = new Map(data.points.map((p: { id: string; cluster: string }) => [p.id, p.cluster]))
      const perBlob = CENTRES.map((_, blob) => new Set(points.map((p, i) => (p.blob === blob ? labelOf.get(ids[i]) : undefined)).filter(Boolean)))
      assert.ok(perBlob.every((labels) => labels.size === 1), 'one label per blob')
      assert.equal(new Set(perBlob.map((labels) => [...labels][0])).size, 3)
    })

    test('the same seed gives the same answer', async () => {
      const first = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, k: 4 })
      const second = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, k: 4 })
      assert.equal(first.status, 200, JSON.stringify(first.json))
      assert.deepEqual(second.json.data, first.json.data)
      assert.equal(first.json.data.chosenBy, 'given')
      assert.equal(first.json.data.k, 4)
    })

    test('labels written back and profiles equal a plain loop over the records', async () => {
      const res = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, k: 3, field: 'segment' })
      assert.equal(res.status, 200, JSON.stringify(res.json))
      assert.equal(res.json.data.updated, points.length)
      const people = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'lastName', op: 'eq', value: 'Blob' }, limit: 200, fields: ['segment', 'scoreX', 'scoreY'] })
      const groups = new Map<string, { n: number; x: number; y: number }>()
      for (const person of people.json.data) {
        const g = groups.get(person.segment) ?? { n: 0, x: 0, y: 0 }
        g.n++
        g.x += person.scoreX
        g.y += person.scoreY
        groups.set(person.segment, g)
      }
      for (const profile of res.json.data.clusters) {
        const g = groups.get(profile.label)!
        assert.equal(profile.size, g.n, profile.label)
        close(profile.means['field:scoreX'], g.x / g.n, `${profile.label} mean x`)
        close(profile.means['field:scoreY'], g.y / g.n, `${profile.label} mean y`)
        close(profile.centroid['field:scoreX'], g.x / g.n, `${profile.label} centroid x`)
        close(profile.share, g.n / points.length, 'share')
      }
      const again = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, k: 3, field: 'segment' })
      assert.equal(again.json.data.updated, 0, 'unchanged labels are not rewritten')
      const member = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, k: 3, field: 'segment' }, limited)
      assert.equal(member.status, 403)
    })

    test('derived order features are computed as documented (plain loop)', async () => {
      const res = await call(env, 'POST', '/api/v1/analytics/clusters', {
        object: 'people', features: ['recencyDays', 'frequency', 'monetary', 'averageBasket', 'tenureDays'], k: 2, asOf: AS_OF,
      })
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const per = new Map<number, { first: string; last: string; count: number; cents: number }>()
      for (const o of shop) {
        if (o.status === 'cancelled' || o.date > AS_OF) continue
        const s = per.get(o.customer) ?? { first: o.date, last: o.date, count: 0, cents: 0 }
        s.count++
        s.first = o.date < s.first ? o.date : s.first
        s.last = o.date > s.last ? o.date : s.last
        s.cents += o.lines.reduce((sum, l) => sum + l.quantity * l.unitCents, 0)
        per.set(o.customer, s)
      }
      const rows = [...per.values()]
      const days = (d: string) => (Date.parse(AS_OF) - Date.parse(d)) / 86_400_000
      const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((sum, r) => sum + f(r), 0) / rows.length
      assert.equal(res.json.data.customers, rows.length)
      const features = Object.fromEntries(res.json.data.features.map((f: { name: string; mean: number }) => [f.name, f.mean]))
      close(features.recencyDays, mean((r) => days(r.last)), 'recency')
      close(features.tenureDays, mean((r) => days(r.first)), 'tenure')
      close(features.frequency, mean((r) => r.count), 'frequency')
      close(features.monetary, mean((r) => r.cents / 100), 'monetary')
      close(features.averageBasket, mean((r) => r.cents / 100 / r.count), 'average basket')
    })

    test('bad input answers 400 naming the field; nothing is written', async () => {
      const cases: [unknown, string][] = [
        [{ object: 'people', features: ['bogus'] }, '/features/0'],
        [{ object: 'people', features: ['field:scoreX', 'field:scoreX'] }, '/features/1'],
        [{ object: 'people', features: ['field:firstName'] }, '/features/0'],
        [{ object: 'people', features: ['field:scoreX'], k: 1 }, '/k'],
        [{ object: 'people', features: ['field:scoreX'], kMin: 5, kMax: 3 }, '/kMax'],
        [{ object: 'people', features: ['field:scoreX'], k: 3, kMin: 2 }, '/k'],
        [{ object: 'people', features: [] }, '/features'],
        [{ object: 'people', features: ['field:scoreX'], asOf: '2026-13-45' }, '/asOf'],
        [{ object: 'people', features: ['field:scoreX'], k: 2, field: 'firstName2' }, '/field'],
        [{ object: 'people', features: ['frequency'], k: 20 }, '/k'],
      ]
      for (const [body, pointer] of cases) {
        const res = await call(env, 'POST', '/api/v1/analytics/clusters', body)
        assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.json)}`)
        assert.match(res.headers['content-type'] as string, /application\/problem\+json/)
        assert.ok(res.json.errors.some((e: { pointer: string }) => e.pointer === pointer), `${JSON.stringify(body)}: ${JSON.stringify(res.json.errors)}`)
      }
    })

    test('permissions: no read on the object → 403; a hidden field is no feature', async () => {
      const denied = await call(env, 'POST', '/api/v1/analytics/clusters', blobRequest, noPeople)
      assert.equal(denied.status, 403, JSON.stringify(denied.json))
      const hidden = await call(env, 'POST', '/api/v1/analytics/clusters', blobRequest, limited)
      const unknown = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, features: ['field:scoreX', 'field:noSuchField'] }, limited)
      assert.equal(hidden.status, 400)
      assert.equal(hidden.json.errors[0].pointer, '/features/1')
      assert.equal(hidden.json.errors[0].detail, unknown.json.errors[0].detail, 'a hidden field reads like an unknown one')
      const visible = await call(env, 'POST', '/api/v1/analytics/clusters', { ...blobRequest, features: ['field:scoreX'], k: 3 }, limited)
      assert.equal(visible.status, 200, JSON.stringify(visible.json))
    })
  })
}
