/**
 * Weighted pipeline, forecast categories and win rates on generated opportunities, against
 * plain loops over the same rows (money exact to the micro-unit), on each dialect; a member
 * under private sharing sees only their own deals; bad input answers 400.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

interface Deal { stage: number; probability: number | null; cents: number; currency: string; closeDate: string; mine: boolean }

const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`
const micros = (text: string) => {
  const [whole, fraction = ''] = text.split('.')
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'))
}

function generate(): Deal[] {
  const deals: Deal[] = []
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  for (let i = 0; i < 60; i++) {
    deals.push({
      stage: Math.floor(next() * 6), probability: next() < 0.3 ? Math.floor(next() * 101) : null,
      cents: 1000 + Math.floor(next() * 5_000_000), currency: next() < 0.15 ? 'USD' : 'EUR',
      closeDate: `2026-${String(1 + Math.floor(next() * 6)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      mine: i % 3 === 0,
    })
  }
  return deals
}

for (const dialect of DIALECTS) {
  describe(`sales forecast [${dialect.name}]`, () => {
    let env: TestEnv
    let stages: { id: string; probability: number; outcome: string }[]
    let pipelineId: string
    let member: { userId: string; auth: { authorization: string } }
    const deals = generate()

    before(async () => {
      env = await startEnv(dialect)
      member = await env.addMember('Member', 'closer')
      const pipelines = await call(env, 'POST', '/api/v1/records/pipelines/query', { limit: 10 })
      pipelineId = pipelines.json.data[0].id
      const found = await call(env, 'POST', '/api/v1/records/pipelineStages/query', { filter: { field: 'pipeline', op: 'eq', value: pipelineId }, sort: [{ field: 'position', dir: 'asc' }], limit: 20 })
      stages = found.json.data.map((s: any) => ({ id: s.id, probability: s.probability, outcome: s.outcome }))
      assert.equal(stages.length, 6)
      const created = await call(env, 'POST', '/api/v1/records/opportunities/batch', {
        operations: deals.map((d, i) => ({
          op: 'create', data: {
            name: `Deal ${i}`, pipeline: pipelineId, stage: stages[d.stage].id, amount: { amount: cents(d.cents), currency: d.currency }, closeDate: d.closeDate,
            ...(d.probability === null ? {} : { probability: d.probability }), ...(d.mine ? { ownerId: member.userId } : {}),
          },
        })),
      })
      assert.equal(created.status, 200, JSON.stringify(created.json).slice(0, 400))
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/opportunities', { access: 'private' })).status, 204)
    })
    after(() => env.close())

    function expected(filter: (d: Deal) => boolean) {
      const rows = new Map<string, { month: string; currency: string; category: string; count: number; amount: bigint; weighted: bigint }>()
      for (const d of deals.filter(filter)) {
        const stage = stages[d.stage]
        const p = d.probability ?? stage.probability
        const category = stage.outcome === 'won' ? 'closed' : stage.outcome === 'lost' ? null : p >= 70 ? 'commit' : p >= 40 ? 'bestCase' : 'pipeline'
        if (!category) continue
        const key = `${d.closeDate.slice(0, 7)}|${d.currency}|${category}`
        const row = rows.get(key) ?? { month: d.closeDate.slice(0, 7), currency: d.currency, category, count: 0, amount: 0n, weighted: 0n }
        const amount = BigInt(d.cents) * 10_000n
        row.count++
        row.amount += amount
        row.weighted += BigInt(Math.round(Number(amount) * p / 100))
        rows.set(key, row)
      }
      return [...rows.values()].sort((a, b) => (a.month + a.currency + a.category < b.month + b.currency + b.category ? -1 : 1))
    }

    test('weighted pipeline by close month, currency and category equals the plain computation', async () => {
      const res = await call(env, 'GET', `/api/v1/analytics/pipeline?pipeline=${pipelineId}`)
      assert.equal(res.status, 200, JSON.stringify(res.json))
      const want = expected(() => true)
      assert.deepEqual(res.json.data.map((r: any) => [r.month, r.currency, r.category, r.count, micros(r.amount), micros(r.weighted)]),
        want.map((r) => [r.month, r.currency, r.category, r.count, r.amount, r.weighted]))
      const q1 = await call(env, 'GET', '/api/v1/analytics/pipeline?from=2026-01-01&to=2026-03-31')
      assert.deepEqual(q1.json.data.map((r: any) => r.count), expected((d) => d.closeDate <= '2026-03-31').map((r) => r.count))
    })

    test('win rates per owner; a member under private sharing sees only their deals', async () => {
      const res = await call(env, 'GET', '/api/v1/analytics/pipeline/win-rates')
      assert.equal(res.status, 200)
      const byOwner = new Map<string, { won: number; lost: number }>()
      for (const d of deals) {
        const outcome = stages[d.stage].outcome
        if (outcome !== 'won' && outcome !== 'lost') continue
        const owner = d.mine ? member.userId : env.adminUserId
        const entry = byOwner.get(owner) ?? { won: 0, lost: 0 }
        entry[outcome]++
        byOwner.set(owner, entry)
      }
      for (const row of res.json.data) {
        const want = byOwner.get(row.ownerId)!
        assert.deepEqual([row.won, row.lost], [want.won, want.lost])
        assert.equal(row.winRate, want.won / (want.won + want.lost))
      }
      const mine = await call(env, 'GET', '/api/v1/analytics/pipeline', undefined, member.auth)
      assert.equal(mine.status, 200)
      assert.deepEqual(mine.json.data.map((r: any) => r.count), expected((d) => d.mine).map((r) => r.count))
    })

    test('bad input answers 400 naming the parameter', async () => {
      for (const [url, pointer] of [['/api/v1/analytics/pipeline?from=2026-13-45', '/from'], ['/api/v1/analytics/pipeline?pipeline=x%27or%201=1', '/pipeline']]) {
        const res = await call(env, 'GET', url)
        assert.equal(res.status, 400, url)
        assert.equal(res.json.errors?.[0]?.pointer, pointer)
      }
      assert.equal((await call(env, 'GET', '/api/v1/analytics/pipeline?unknown=1')).status, 400)
    })
  })
}
