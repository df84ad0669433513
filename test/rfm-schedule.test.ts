/**
 * The RFM schedule on each dialect, with the scheduler on an injected clock: nothing runs before
 * the time; at the time it runs once and records its result; a second scheduler over the same
 * database (a restart) does not run the same occurrence again; the next day runs again; a
 * disabled schedule never runs; bad input 400 with pointers; members 403.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'
import { createAnalysisScheduler } from '../server/src/modules/analysis-schedule/scheduler.js'
import { nextRunAt } from '../server/src/modules/analysis-schedule/time-of-day.js'
import { RFM_SEGMENTS } from '../server/src/engine/rfm.js'

describe('time of day in a zone', () => {
  test('next run at 02:30 Vilnius across the spring-forward and the fall-back', () => {
    assert.equal(nextRunAt(new Date('2026-06-01T00:00:00Z'), '02:30', 'Europe/Vilnius').toISOString(), '2026-06-01T23:30:00.000Z')
    assert.equal(nextRunAt(new Date('2026-01-10T00:30:00Z'), '02:30', 'Europe/Vilnius').toISOString(), '2026-01-11T00:30:00.000Z', 'strictly after')
    assert.equal(nextRunAt(new Date('2026-01-10T00:29:00Z'), '02:30', 'Europe/Vilnius').toISOString(), '2026-01-10T00:30:00.000Z')
    assert.equal(nextRunAt(new Date('2026-03-28T12:00:00Z'), '09:00', 'Europe/Vilnius').toISOString(), '2026-03-29T06:00:00.000Z', 'EEST after the change')
    assert.equal(nextRunAt(new Date('2026-10-24T12:00:00Z'), '09:00', 'Europe/Vilnius').toISOString(), '2026-10-25T07:00:00.000Z', 'EET after the change')
    assert.equal(nextRunAt(new Date('2026-06-01T10:00:00Z'), '23:59', 'UTC').toISOString(), '2026-06-01T23:59:00.000Z')
  })
})

for (const dialect of DIALECTS) {
  describe(`RFM schedule [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { authorization: string }

    before(async () => {
      env = await startEnv(dialect)
      member = (await env.addMember('Member', 'sched-member')).auth
      const field = await call(env, 'POST', '/api/v1/metadata/objects/people/fields', {
        apiName: 'rfmSegment', label: 'RFM segment', type: 'select', options: { choices: RFM_SEGMENTS.map((value) => ({ value, label: value })) },
      })
      assert.equal(field.status, 201, JSON.stringify(field.json))
      const people = await call(env, 'POST', '/api/v1/records/people/batch', { operations: [0, 1, 2].map((i) => ({ op: 'create', data: { firstName: `R${i}`, lastName: 'Sched' } })) })
      const ids: string[] = people.json.data.map((r: { id: string }) => r.id)
      const orders = await call(env, 'POST', '/api/v1/records/orders/batch', {
        operations: ids.map((customer, i) => ({ op: 'create', data: { orderNumber: `RS-${i}`, orderDate: `2026-0${i + 1}-10`, status: 'paid', customer } })),
      })
      const lines = orders.json.data.map((o: { id: string }) => ({ op: 'create', data: { order: o.id, quantity: 1, unitPrice: { amount: '10.00', currency: 'EUR' } } }))
      assert.equal((await call(env, 'POST', '/api/v1/records/orderLines/batch', { operations: lines })).status, 200)
    })
    after(() => env.close())

    const body = { enabled: true, time: '03:00', timeZone: 'Europe/Vilnius', object: 'people', field: 'rfmSegment' }

    test('runs once at the time, records the result, survives a restart without running twice', async () => {
      const set = await call(env, 'PUT', '/api/v1/analytics/rfm/schedule', body)
      assert.equal(set.status, 200, JSON.stringify(set.json))
      const due = new Date(set.json.data.nextRunAt)
      assert.equal(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Vilnius', hour: '2-digit', minute: '2-digit' }).format(due), '03:00')
      let now = new Date(due.getTime() - 60_000)
      const scheduler = createAnalysisScheduler({ workspaces: env.services.workspaces, clock: () => now })
      assert.equal(await scheduler.tick(), 0, 'not yet')
      now = new Date(due.getTime() + 1000)
      assert.equal(await scheduler.tick(), 1)
      assert.equal(await scheduler.tick(), 0, 'the same occurrence runs once')
      const restarted = createAnalysisScheduler({ workspaces: env.services.workspaces, clock: () => now })
      assert.equal(await restarted.tick(), 0, 'a restart does not run it again')
      const read = await call(env, 'GET', '/api/v1/analytics/rfm/schedule')
      assert.equal(read.json.data.lastRunAt, now.toISOString())
      assert.equal(read.json.data.lastResult.updated, 3)
      assert.equal(read.json.data.lastError, null)
      assert.equal(new Date(read.json.data.nextRunAt).getTime(), due.getTime() + 86_400_000)
      const people = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'lastName', op: 'eq', value: 'Sched' }, fields: ['rfmSegment'] })
      assert.ok(people.json.data.every((p: { rfmSegment: string | null }) => RFM_SEGMENTS.includes(p.rfmSegment as never)))
      // Two ticks racing on the next day's occurrence: one runs.
      now = new Date(due.getTime() + 86_400_000 + 5000)
      const results = await Promise.all([scheduler.tick(), restarted.tick()])
      assert.equal(results[0] + results[1], 1)
    })

    test('run now: writes the segments, records the run, keeps the next occurrence; members 403', async () => {
      const set = await call(env, 'PUT', '/api/v1/analytics/rfm/schedule', { ...body, enabled: false })
      assert.equal((await call(env, 'POST', '/api/v1/analytics/rfm/schedule/run', undefined, member)).status, 403)
      // The scheduled run already wrote every segment; clear one so the run has one to write.
      const people = await call(env, 'POST', '/api/v1/records/people/query', { filter: { field: 'lastName', op: 'eq', value: 'Sched' }, fields: ['rfmSegment'] })
      assert.equal((await call(env, 'PATCH', `/api/v1/records/people/${people.json.data[0].id}`, { rfmSegment: null })).status, 200)
      const before = Date.now()
      const run = await call(env, 'POST', '/api/v1/analytics/rfm/schedule/run')
      assert.equal(run.status, 200, JSON.stringify(run.json))
      assert.equal(run.json.data.lastResult.updated, 1)
      assert.equal(run.json.data.lastError, null)
      assert.ok(new Date(run.json.data.lastRunAt).getTime() >= before - 1000)
      assert.equal(run.json.data.nextRunAt, set.json.data.nextRunAt, 'the schedule itself is unchanged')
    })

    test('a disabled schedule does not run', async () => {
      const set = await call(env, 'PUT', '/api/v1/analytics/rfm/schedule', { ...body, enabled: false })
      assert.equal(set.json.data.enabled, false)
      const now = new Date(new Date(set.json.data.nextRunAt).getTime() + 1000)
      assert.equal(await createAnalysisScheduler({ workspaces: env.services.workspaces, clock: () => now }).tick(), 0)
    })

    test('bad input 400 with pointers; members 403', async () => {
      for (const [patch, pointer] of [[{ time: '25:00' }, '/time'], [{ timeZone: 'Mars/Base' }, '/timeZone'], [{ field: 'company' }, '/field'], [{ currency: 'eu' }, '/currency']] as const) {
        const res = await call(env, 'PUT', '/api/v1/analytics/rfm/schedule', { ...body, ...patch })
        assert.equal(res.status, 400, JSON.stringify(patch))
        assert.equal(res.json.errors[0].pointer, pointer)
      }
      assert.equal((await call(env, 'PUT', '/api/v1/analytics/rfm/schedule', body, member)).status, 403)
      assert.equal((await call(env, 'GET', '/api/v1/analytics/rfm/schedule', undefined, member)).status, 403)
      assert.equal((await call(env, 'DELETE', '/api/v1/analytics/rfm/schedule')).status, 204)
      assert.equal((await call(env, 'GET', '/api/v1/analytics/rfm/schedule')).json.data, null)
      const none = await call(env, 'POST', '/api/v1/analytics/rfm/schedule/run')
      assert.equal(none.status, 404)
      assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8')
    })
  })
}
