/**
 * Dashboard rollups on every dialect (docs/decisions/020-dashboard-rollups.md). A custom object
 * gets a dashboard whose widgets a rollup can answer (counts by text, select, date and
 * dateTime buckets in Asia/Kathmandu, +05:45; a KPI month against the previous one;
 * countDistinct per group) plus widgets that cannot (a sum, an arbitrary filter). A fast-check
 * property then applies random creates, updates (moving records between groups and days),
 * soft deletes, restores, batch writes and CSV imports, and after each sequence compares every
 * widget with a model computed here by plain loops — in the dashboard's zone (rollups) and in
 * UTC (another zone: live until its own rollups are built). Tampering with a rollup row shows
 * the answers really come from the rollup. A currency field `amount` in two currencies (and
 * null) adds sum and avg widgets — by group, by month bucket, a KPI month against the previous
 * — answered from rollups that sum integer micro-units per currency, and a max that stays live.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { sql } from 'kysely'
import { bucketStart } from '../server/src/db/dialects/date-bucket.js'
import { buildsSettled } from '../server/src/engine/rollups/rollup-store.js'
import type { WidgetRollup } from '../contracts/rollups.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { ZONE, AS_OF, REGIONS, CHANNELS, type Money, type Visit, type Data, type Cell, localDay, bucketOf, grouped, MICROS, money, CURRENCIES, amounts, expected } from './support/rollup-model.js'

// ---- the dashboard ----

const at = (y: number) => ({ x: 0, y, w: 6, h: 4 })
const WIDGETS = [
  { id: 'kpi', type: 'kpi', title: 'Visits', object: 'visits', measures: [{ fn: 'count' }], options: { compare: { field: 'metAt', period: 'month' } }, layout: at(0) },
  { id: 'by-region', type: 'bar', title: 'By region', object: 'visits', measures: [{ fn: 'count' }], groupBy: [{ field: 'region' }], layout: at(4) },
  { id: 'top-channels', type: 'pie', title: 'Top channels', object: 'visits', measures: [{ fn: 'count' }], groupBy: [{ field: 'channel' }], options: { sort: 'valueDesc', limit: 3 }, layout: at(8) },
  { id: 'by-month', type: 'line', title: 'By month', object: 'visits', measures: [{ fn: 'count' }], groupBy: [{ field: 'metAt', bucket: 'month' }], layout: at(12) },
  { id: 'region-table', type: 'table', title: 'Regions', object: 'visits', measures: [{ fn: 'count' }, { fn: 'countDistinct', field: 'channel' }], groupBy: [{ field: 'region' }], layout: at(16) },
  { id: 'region-week', type: 'pivot', title: 'Region × week', object: 'visits', measures: [{ fn: 'count' }], groupBy: [{ field: 'region' }, { field: 'metAt', bucket: 'week' }], layout: at(20) },
  { id: 'by-quarter', type: 'table', title: 'By quarter', object: 'visits', measures: [{ fn: 'count' }, { fn: 'count', field: 'channel' }], groupBy: [{ field: 'visitDate', bucket: 'quarter' }], layout: at(24) },
  // No rollup answers these: a sum, and a filter on something other than whole days.
  { id: 'score-sum', type: 'bar', title: 'Score', object: 'visits', measures: [{ fn: 'sum', field: 'score' }], groupBy: [{ field: 'channel' }], layout: at(28) },
  { id: 'web-only', type: 'bar', title: 'Web', object: 'visits', measures: [{ fn: 'count' }], groupBy: [{ field: 'region' }], filter: { field: 'channel', op: 'eq', value: 'web' }, layout: at(32) },
  // Currency sums and averages come from rollups; a max cannot be decremented and stays live.
  { id: 'amount-by-region', type: 'bar', title: 'Amount', object: 'visits', measures: [{ fn: 'sum', field: 'amount' }], groupBy: [{ field: 'region' }], layout: at(36) },
  { id: 'amount-by-month', type: 'table', title: 'Average amount', object: 'visits', measures: [{ fn: 'avg', field: 'amount' }, { fn: 'count', field: 'amount' }, { fn: 'count' }], groupBy: [{ field: 'metAt', bucket: 'month' }], layout: at(40) },
  { id: 'amount-kpi', type: 'kpi', title: 'Amount this month', object: 'visits', measures: [{ fn: 'sum', field: 'amount' }], options: { compare: { field: 'metAt', period: 'month' }, currency: 'EUR' }, layout: at(44) },
  { id: 'amount-max', type: 'bar', title: 'Largest', object: 'visits', measures: [{ fn: 'max', field: 'amount' }], groupBy: [{ field: 'channel' }], layout: at(48) },
]
const LIVE_ONLY = new Set(['score-sum', 'web-only', 'amount-max'])
const KPIS = new Set(['kpi', 'amount-kpi'])

// Instants on both sides of local midnights (Kathmandu is UTC+05:45) and month ends.
const EDGES = ['2026-05-31T18:14:59Z', '2026-05-31T18:15:00Z', '2026-05-31T23:59:59Z', '2026-06-30T18:15:00Z', '2026-06-30T18:14:59Z', '2026-04-30T18:15:00Z', '2026-06-01T00:00:00Z']
const instant = fc.oneof(
  fc.constantFrom(...EDGES).map((s) => new Date(s).toISOString()),
  fc.integer({ min: Date.UTC(2026, 3, 1), max: Date.UTC(2026, 7, 1) }).map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString()),
)
// Amounts with micro-unit remainders, negative ones too (both sides of the whole/part split).
const moneyArb: fc.Arbitrary<Money> = fc.record({
  micros: fc.oneof(fc.bigInt({ min: -5_000_000_000n, max: 900_000_000_000n }), fc.integer({ min: -1000, max: 100_000 }).map((cents) => BigInt(cents) * 10_000n)),
  currency: fc.constantFrom(...CURRENCIES),
})
const data: fc.Arbitrary<Data> = fc.record({
  region: fc.constantFrom(...REGIONS),
  channel: fc.constantFrom(...CHANNELS),
  metAt: fc.option(instant, { freq: 6 }),
  visitDate: fc.option(fc.integer({ min: 0, max: 300 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10)), { freq: 6 }),
  score: fc.integer({ min: -50, max: 500 }),
  amount: fc.option(moneyArb, { freq: 4 }),
})
const change = fc.record({ region: fc.constantFrom(...REGIONS), channel: fc.constantFrom(...CHANNELS), metAt: fc.option(instant, { freq: 4 }), score: fc.integer({ min: 0, max: 9 }), amount: fc.option(moneyArb, { freq: 3 }) }, { requiredKeys: [] })
type Command =
  | { kind: 'create'; rows: Data[] }
  | { kind: 'batch'; rows: Data[] }
  | { kind: 'import'; rows: Data[] }
  | { kind: 'update'; pick: number; patch: Partial<Data> }
  | { kind: 'delete' | 'restore'; pick: number }
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), rows: fc.array(data, { minLength: 1, maxLength: 1 }) }),
  fc.record({ kind: fc.constant('batch' as const), rows: fc.array(data, { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('import' as const), rows: fc.array(data, { minLength: 1, maxLength: 5 }) }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), patch: change }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
)

/** A record body; `undefined` leaves a field out (one the test deleted). */
const body = (d: Partial<Data>) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined).map(([k, v]) => [k, k === 'amount' && v ? { amount: money((v as Money).micros), currency: (v as Money).currency } : v ?? null]))
const csvCell = (v: unknown) => (v === null || v === undefined ? '' : String(v))
/** CSV imports take a plain decimal in the import's currency (EUR here): whole cents, so no locale reading is ambiguous. */
const forImport = (d: Data): Data => ({ ...d, amount: d.amount && { micros: (d.amount.micros / 10_000n) * 10_000n, currency: 'EUR' } })
const csvAmount = (a: Money | null) => (a === null ? '' : `${a.micros < 0n ? '-' : ''}${(a.micros < 0n ? -a.micros : a.micros) / MICROS}.${String(((a.micros < 0n ? -a.micros : a.micros) % MICROS) / 10_000n).padStart(2, '0')}`)

for (const dialect of DIALECTS) {
  describe(`dashboard rollups [${dialect.name}]`, () => {
    let env: TestEnv
    let dashboardId: string
    let serial = 0
    const visits: Visit[] = []

    const dataOf = async (zone: string) => {
      const response = await call(env, 'GET', `/api/v1/dashboards/${dashboardId}/data?asOf=${AS_OF}&timeZone=${encodeURIComponent(zone)}`)
      assert.equal(response.status, 200, response.body)
      return response.json.data as { widgetId: string; data?: { rows: { values: Cell[] }[]; kpi?: { current: number; previous: number } }; error?: unknown }[]
    }
    /** Every widget against the model, in `zone`. */
    async function check(zone: string, context: string): Promise<void> {
      const want = expected(visits, zone)
      for (const widget of await dataOf(zone)) {
        assert.equal(widget.error, undefined, `${widget.widgetId}: ${JSON.stringify(widget.error)}`)
        const got = KPIS.has(widget.widgetId) ? { current: Number(widget.data!.kpi!.current), previous: Number(widget.data!.kpi!.previous) } : widget.data!.rows.map((r) => r.values.map((v) => (v === null ? null : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)))
        assert.deepEqual(got, want[widget.widgetId], `${widget.widgetId} in ${zone} ${context}`)
      }
    }
    const rollupsOf = async (zone = ZONE) => (await call(env, 'GET', `/api/v1/dashboards/${dashboardId}/rollups?asOf=${AS_OF}&timeZone=${encodeURIComponent(zone)}`)).json.data as WidgetRollup[]
    async function settle(): Promise<void> {
      await buildsSettled(env.services.database.workspace(env.workspaceId))
    }

    async function create(rows: Data[], via: 'one' | 'batch' | 'import'): Promise<void> {
      const named = (via === 'import' ? rows.map(forImport) : rows).map((d) => ({ ...d, t: `v${++serial}` }))
      if (via === 'one') {
        const r = await call(env, 'POST', '/api/v1/records/visits', body(named[0]))
        assert.equal(r.status, 201, r.body)
        visits.push({ ...named[0], id: r.json.data.id, deleted: false })
        return
      }
      if (via === 'batch') {
        const r = await call(env, 'POST', '/api/v1/records/visits/batch', { operations: named.map((d) => ({ op: 'create', data: body(d) })) })
        assert.equal(r.status, 200, r.body)
        named.forEach((d, i) => visits.push({ ...d, id: r.json.data[i].id, deleted: false }))
        return
      }
      const columns = ['t', 'region', 'channel', 'metAt', 'visitDate', 'score', 'amount'] as const
      const csv = [columns.join(','), ...named.map((d) => columns.map((c) => (c === 'amount' ? csvAmount(d.amount) : csvCell(d[c]))).join(','))].join('\n') + '\n'
      const started = await env.app.inject({ method: 'POST', url: '/api/v1/imports?object=visits&mode=apply&currency=EUR', headers: { ...env.auth, 'content-type': 'text/csv' }, payload: csv })
      assert.equal(started.statusCode, 202, started.body)
      let job: any
      for (let i = 0; i < 500; i++) {
        job = (await call(env, 'GET', `/api/v1/imports/${JSON.parse(started.body).data.id}`)).json.data
        if (job.status !== 'running' && job.status !== 'queued') break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      assert.equal(job.status, 'completed', JSON.stringify(job))
      const found = await call(env, 'POST', '/api/v1/records/visits/query', { filter: { field: 't', op: 'in', value: named.map((d) => d.t) }, limit: 100, fields: ['t'] })
      const ids = new Map(found.json.data.map((r: any) => [r.t, r.id]))
      for (const d of named) visits.push({ ...d, id: ids.get(d.t) as string, deleted: false })
    }

    async function apply(c: Command): Promise<void> {
      if (c.kind === 'create') return create(c.rows, 'one')
      if (c.kind === 'batch') return create(c.rows, 'batch')
      if (c.kind === 'import') return create(c.rows, 'import')
      const pool = visits.filter((v) => v.deleted === (c.kind === 'restore'))
      if (pool.length === 0) return
      const visit = pool[c.pick % pool.length]
      if (c.kind === 'update') {
        // Every other update goes through the batch endpoint (bulk edits).
        const r = visit.t.length % 2 === 0
          ? await call(env, 'PATCH', `/api/v1/records/visits/${visit.id}`, body(c.patch))
          : await call(env, 'POST', '/api/v1/records/visits/batch', { operations: [{ op: 'update', id: visit.id, data: body(c.patch) }] })
        assert.equal(r.status, 200, r.body)
        Object.assign(visit, c.patch)
      } else if (c.kind === 'delete') {
        const r = await call(env, 'DELETE', `/api/v1/records/visits/${visit.id}`)
        assert.ok(r.status === 204 || r.status === 200, r.body)
        visit.deleted = true
      } else {
        const r = await call(env, 'POST', `/api/v1/records/visits/${visit.id}/restore`)
        assert.equal(r.status, 200, r.body)
        visit.deleted = false
      }
    }

    before(async () => {
      env = await startEnv(dialect)
      const object = await call(env, 'POST', '/api/v1/metadata/objects', {
        apiName: 'visits', labelSingular: 'Visit', labelPlural: 'Visits', labelField: 't',
        fields: [
          { apiName: 't', label: 'T', type: 'text' },
          { apiName: 'region', label: 'Region', type: 'text' },
          { apiName: 'channel', label: 'Channel', type: 'select', options: { choices: CHANNELS.filter((c) => c !== null).map((value) => ({ value, label: value })) } },
          { apiName: 'metAt', label: 'Met at', type: 'dateTime' },
          { apiName: 'visitDate', label: 'Visit date', type: 'date' },
          { apiName: 'score', label: 'Score', type: 'number' },
          { apiName: 'amount', label: 'Amount', type: 'currency' },
        ],
      })
      assert.equal(object.status, 201, object.body)
      await create(fc.sample(data, { numRuns: 40, seed: 20 }), 'batch')
    })
    after(async () => {
      await settle()
      await env.close()
    })

    test('live answers before any rollup exists match the model', async () => {
      const created = await call(env, 'POST', '/api/v1/dashboards', { name: 'Visits', timeZone: ZONE, widgets: WIDGETS })
      assert.equal(created.status, 201, created.body)
      dashboardId = created.json.data.id
      await check(ZONE, 'while the rollups build')
    })

    test('saving the dashboard declares rollups for the widgets they can answer, built in the background', async () => {
      await settle()
      const rollups = await rollupsOf()
      const stored = await env.services.database.workspace(env.workspaceId).db.selectFrom('rollups').select(['id', 'status', 'error']).execute()
      assert.ok(stored.every((r) => r.status === 'ready'), JSON.stringify(stored))
      for (const { widgetId, rollup } of rollups) {
        if (LIVE_ONLY.has(widgetId)) assert.equal(rollup, null, widgetId)
        else assert.equal(rollup?.status, 'ready', `${widgetId}: ${JSON.stringify(rollup)}`)
      }
      assert.equal(rollups.find((r) => r.widgetId === 'by-region')!.rollup!.sourceRows, 40)
      await check(ZONE, 'from rollups')
    })

    test('the answers come from the rollup (a tampered rollup row shows through)', async () => {
      const rollupId = (await rollupsOf()).find((r) => r.widgetId === 'by-region')!.rollup!.id
      const db = env.services.database.workspace(env.workspaceId).db
      const table = sql.table(`rollup_${rollupId}`)
      await sql`update ${table} set "n" = "n" + 1000`.execute(db)
      const bar = (await dataOf(ZONE)).find((w) => w.widgetId === 'by-region')!
      const want = expected(visits, ZONE)['by-region'] as Cell[][]
      assert.deepEqual(bar.data!.rows.map((r) => Number(r.values[1])), want.map((row) => Number(row[1]) + 1000))
      await sql`update ${table} set "n" = "n" - 1000`.execute(db)
      await check(ZONE, 'after undoing the tampering')
    })

    test('currency sums come from the rollup (a tampered sum shows through), exact to the micro-unit', async () => {
      const info = (await rollupsOf()).find((r) => r.widgetId === 'amount-by-region')!.rollup!
      const code = info.dimensions.find((d) => d.endsWith('amount_currency'))!
      assert.ok(code, JSON.stringify(info))
      const base = code.slice(0, -'_currency'.length)
      assert.deepEqual(info.sums, [base], 'the rollup sums the currency field')
      const db = env.services.database.workspace(env.workspaceId).db
      const table = sql.table(`rollup_${info.id}`)
      const tamper = (delta: number) => sql`update ${table} set ${sql.ref(`p_${base}`)} = ${sql.ref(`p_${base}`)} + ${delta} where ${sql.ref(`c_${code}`)} = 'EUR' and ${sql.ref(`k_${base}`)} > 0`.execute(db)
      // One micro-unit more in the remainders of the EUR rows of every region.
      await tamper(1)
      const bar = (await dataOf(ZONE)).find((w) => w.widgetId === 'amount-by-region')!
      const eur = amounts(visits.filter((v) => !v.deleted), 'EUR')
      assert.ok(eur.length > 0)
      const got = bar.data!.rows.map((r) => r.values)
      const want = grouped(visits, (v) => [v.region], [(g) => { const a = amounts(g, 'EUR'); return a.length ? money(a.reduce((x, y) => x + y, 0n) + 1n) : null }])
      assert.deepEqual(got.map((r) => [r[0], r[1]]), want)
      await tamper(-1)
      await check(ZONE, 'after undoing the tampering')
    })

    test('random creates, updates, deletes, restores, batches and imports keep rollups equal to the model', async () => {
      await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 6 }), async (commands) => {
        for (const c of commands) await apply(c)
        await check(ZONE, JSON.stringify(commands, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
      }), { numRuns: 25, endOnFailure: true, seed: dialect.name === 'sqlite' ? 7 : 8 })
    })

    test('another zone buckets by its own local days: live first, then from its own rollups', async () => {
      await check('UTC', 'live (no UTC rollup yet)')
      // That request declared UTC rollups; these writes land while they build.
      for (const c of fc.sample(command, { numRuns: 8, seed: 3 })) await apply(c)
      await settle()
      const utc = await rollupsOf('UTC')
      assert.equal(utc.find((r) => r.widgetId === 'by-month')!.rollup?.status, 'ready')
      assert.equal(utc.find((r) => r.widgetId === 'by-region')!.rollup?.day, null, 'a rollup without days serves every zone')
      await check('UTC', 'from UTC rollups built during writes')
      await check(ZONE, 'from Kathmandu rollups after writes')
      // The edge instants really fall on different days in the two zones.
      assert.equal(localDay('2026-05-31T18:15:00Z', ZONE), '2026-06-01')
      assert.equal(localDay('2026-05-31T18:15:00Z', 'UTC'), '2026-05-31')
    })

    test('a member whose record scope hides some visits gets live answers over what they may read', async () => {
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/visits', { access: 'private' })).status, 204)
      const member = await env.addMember('Member', 'rollup-scoped')
      const own = await call(env, 'POST', '/api/v1/records/visits', { t: 'mine', region: 'north', channel: 'web' }, member.auth)
      assert.equal(own.status, 201, own.body)
      visits.push({ id: own.json.data.id, t: 'mine', region: 'north', channel: 'web', metAt: null, visitDate: null, score: 0, amount: null, deleted: false })
      const shared = await call(env, 'PATCH', `/api/v1/dashboards/${dashboardId}`, { visibility: 'shared' })
      assert.equal(shared.status, 200, shared.body)
      const response = await call(env, 'GET', `/api/v1/dashboards/${dashboardId}/data?asOf=${AS_OF}&timeZone=${encodeURIComponent(ZONE)}`, undefined, member.auth)
      assert.equal(response.status, 200, response.body)
      const bar = response.json.data.find((w: { widgetId: string }) => w.widgetId === 'by-region')
      assert.deepEqual(bar.data.rows.map((r: { values: Cell[] }) => r.values), [['north', 1]], 'only the visit the member owns')
      await check(ZONE, 'for the administrator, from rollups, after the member wrote')
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/visits', { access: 'readWrite' })).status, 204)
    })

    test('deleting a field a rollup counts by drops its rollups; the widgets still answer', async () => {
      const removed = await call(env, 'DELETE', '/api/v1/metadata/objects/visits/fields/visitDate')
      assert.equal(removed.status, 204, removed.body)
      const after = await rollupsOf()
      assert.equal(after.find((r) => r.widgetId === 'by-quarter')!.rollup, null)
      await create(fc.sample(data, { numRuns: 3, seed: 5 }).map((d) => ({ ...d, visitDate: undefined as unknown as null })), 'batch')
      for (const v of visits) v.visitDate = null
      const want = expected(visits, ZONE)
      const got = await dataOf(ZONE)
      assert.ok(got.find((w) => w.widgetId === 'by-quarter')!.error, 'the widget over the deleted field reports its problem')
      assert.deepEqual(got.find((w) => w.widgetId === 'by-region')!.data!.rows.map((r) => r.values), want['by-region'])
    })
  })
}

test('the UTC fast path of day buckets agrees with ICU for any instant', () => {
  fc.assert(fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>, (ms, unit) => {
    const iso = new Date(ms).toISOString()
    const viaIcu = localDay(iso, 'UTC')
    assert.equal(bucketStart(iso, 'day', 'UTC'), viaIcu)
    assert.equal(bucketStart(iso, unit, 'UTC'), unit === 'day' ? viaIcu : bucketOf(viaIcu, unit))
  }), { numRuns: 2000 })
  // Strings the fast path does not take still go through Date and ICU, as before.
  assert.equal(bucketStart('2026-02-30T10:00:00Z', 'day', 'UTC'), localDay('2026-02-30T10:00:00Z', 'UTC'))
  assert.equal(bucketStart('2026-06-01T01:00:00+02:00', 'day', 'UTC'), '2026-05-31')
})
