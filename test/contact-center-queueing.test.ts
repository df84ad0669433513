/**
 * The queue simulator agrees with queueing theory: for Erlang C (no abandonment) and Erlang A
 * (exponential patience) queues, every simulated figure lies within three 95% half-widths of
 * the formula (plus a small absolute slack); the simulation is deterministic per seed; bad
 * input is refused with pointers. No database is involved, so one dialect suffices.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const QUEUES = [
  { arrivalRatePerHour: 100, meanHandleSeconds: 180, agents: 7, serviceLevelSeconds: 20 },
  { arrivalRatePerHour: 1000, meanHandleSeconds: 240, agents: 72, serviceLevelSeconds: 20 },
  { arrivalRatePerHour: 100, meanHandleSeconds: 180, agents: 5, meanPatienceSeconds: 60, serviceLevelSeconds: 20 },
  { arrivalRatePerHour: 1000, meanHandleSeconds: 240, agents: 65, meanPatienceSeconds: 120, serviceLevelSeconds: 30 },
  // Overloaded without patience would be unstable; with patience it settles (Erlang A only).
  { arrivalRatePerHour: 300, meanHandleSeconds: 300, agents: 20, meanPatienceSeconds: 90, serviceLevelSeconds: 15 },
]

describe('contact-center queueing', () => {
  let env: TestEnv
  before(async () => { env = await startEnv(DIALECTS[0]) })
  after(() => env.close())

  test('Erlang C matches textbook values (100 calls/h, 3 min, 7 agents)', async () => {
    const res = await call(env, 'POST', '/api/v1/contact-center/erlang', QUEUES[0])
    assert.equal(res.status, 200, JSON.stringify(res.json))
    // A = 5 Erlangs, N = 7: P(wait) = 0.3241, ASA = 29.17 s, SL(20 s) = 74.0 %.
    assert.ok(Math.abs(res.json.data.pWait - 0.3241) < 1e-4)
    assert.ok(Math.abs(res.json.data.asaSeconds - 29.17) < 0.01)
    assert.ok(Math.abs(res.json.data.serviceLevel - 0.7404) < 1e-4)
    assert.ok(Math.abs(res.json.data.occupancy - 5 / 7) < 1e-12)
  })

  for (const queue of QUEUES) {
    test(`simulation agrees with the formulas: ${JSON.stringify(queue)}`, async () => {
      const formula = (await call(env, 'POST', '/api/v1/contact-center/erlang', queue)).json.data
      const res = await call(env, 'POST', '/api/v1/contact-center/simulate', { ...queue, calls: 300_000, seed: 11 })
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const sim = res.json.data
      for (const key of ['pWait', 'asaSeconds', 'serviceLevel', 'pAbandon'] as const) {
        const slack = 3 * sim.ci[key] + (key === 'asaSeconds' ? 0.5 : 0.005)
        assert.ok(Math.abs(sim[key] - formula[key]) <= slack, `${key}: simulated ${sim[key]} vs formula ${formula[key]} (± ${slack})`)
      }
      assert.ok(Math.abs(sim.occupancy - formula.occupancy) < 0.02, `occupancy ${sim.occupancy} vs ${formula.occupancy}`)
      if (queue.meanPatienceSeconds === undefined) assert.equal(sim.pAbandon, 0)
      else assert.ok(sim.pAbandon > 0)
    })
  }

  test('the same seed gives the same answer; another seed a different one', async () => {
    const body = { ...QUEUES[2], calls: 20_000 }
    const a = await call(env, 'POST', '/api/v1/contact-center/simulate', { ...body, seed: 5 })
    const b = await call(env, 'POST', '/api/v1/contact-center/simulate', { ...body, seed: 5 })
    const c = await call(env, 'POST', '/api/v1/contact-center/simulate', { ...body, seed: 6 })
    assert.deepEqual(a.json.data, b.json.data)
    assert.notDeepEqual(a.json.data, c.json.data)
  })

  test('multi-skill rosters run through the same router: an all-qualified roster reproduces the single pool exactly', async () => {
    const body = { ...QUEUES[0], calls: 20_000, seed: 3 }
    const single = await call(env, 'POST', '/api/v1/contact-center/simulate', body)
    const grouped = await call(env, 'POST', '/api/v1/contact-center/simulate', {
      ...body, roster: [{ agents: 4, skills: { en: 3 } }, { agents: 3, skills: { en: 2, ru: 5 } }], callTypes: [{ share: 1, requirements: [{ skill: 'en', minLevel: 2 }] }],
    })
    assert.equal(grouped.status, 200, JSON.stringify(grouped.json))
    assert.deepEqual(grouped.json.data, single.json.data)
    // Split skills: Russian calls only reach the three bilingual agents, so they wait longer than English ones on average.
    const split = await call(env, 'POST', '/api/v1/contact-center/simulate', {
      ...body, agents: 8, roster: [{ agents: 5, skills: { en: 3 } }, { agents: 3, skills: { en: 2, ru: 5 } }],
      callTypes: [{ share: 0.7, requirements: [{ skill: 'en', minLevel: 2 }] }, { share: 0.3, requirements: [{ skill: 'ru', minLevel: 1 }] }],
    })
    assert.equal(split.status, 200, JSON.stringify(split.json))
    assert.ok(split.json.data.pWait > 0 && split.json.data.pWait < 1)
    assert.equal(split.json.data.pAbandon, 0)
    const mismatch = await call(env, 'POST', '/api/v1/contact-center/simulate', { ...body, roster: [{ agents: 3, skills: {} }] })
    assert.equal(mismatch.json.errors[0].pointer, '/roster')
    const unservable = await call(env, 'POST', '/api/v1/contact-center/simulate', { ...body, callTypes: [{ share: 1, requirements: [{ skill: 'fr', minLevel: 1 }] }] })
    assert.equal(unservable.json.errors[0].pointer, '/callTypes/0/requirements')
  })

  test('bad input answers 400 naming the field', async () => {
    const unstable = await call(env, 'POST', '/api/v1/contact-center/erlang', { ...QUEUES[0], agents: 4 })
    assert.equal(unstable.status, 400)
    assert.equal(unstable.json.errors[0].pointer, '/agents')
    const unstableSim = await call(env, 'POST', '/api/v1/contact-center/simulate', { ...QUEUES[0], agents: 4, calls: 10_000, seed: 1 })
    assert.equal(unstableSim.status, 400)
    for (const body of [
      { ...QUEUES[0], agents: 2.5 }, { ...QUEUES[0], agents: 'seven' }, { ...QUEUES[0], meanHandleSeconds: 0 },
      { ...QUEUES[0], arrivalRatePerHour: -1 }, { ...QUEUES[0], extra: true }, { arrivalRatePerHour: 1 },
      { ...QUEUES[0], serviceLevelSeconds: 1e9 },
    ]) {
      const res = await call(env, 'POST', '/api/v1/contact-center/erlang', body)
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${JSON.stringify(res.json)}`)
      assert.ok(res.json.errors?.length || res.json.detail, 'names what is wrong')
    }
    assert.equal((await call(env, 'POST', '/api/v1/contact-center/simulate', { ...QUEUES[0], calls: 1e9, seed: 1 })).status, 400)
    assert.equal((await call(env, 'POST', '/api/v1/contact-center/simulate', { ...QUEUES[0], calls: 10_000 })).status, 400)
  })
})
