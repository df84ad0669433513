/**
 * Property tests of the pure ACD router (fast-check): random skill matrices, queues with
 * relaxation and overflow, agents with wrap-up, and random sequences of calls, state changes,
 * hang-ups, callbacks and clock ticks. An independent model of agent states checks every
 * decision: the agent met the call's requirements as relaxed at that moment, was available
 * (never on break, offline, in wrap-up or on another call), was the longest idle qualified
 * agent, and no higher-priority call that agent could take was left waiting.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { qualifies, requirementsAt, type AcdAgent, type AcdConfig, type AcdQueue, type Decision } from '../server/src/modules/contact-center/acd/model.js'
import { AcdRouter } from '../server/src/modules/contact-center/acd/router.js'

const SKILLS = ['en', 'ru', 'billing']
const AGING_SECONDS = 30

const requirement = fc.record({ skill: fc.constantFrom(...SKILLS), minLevel: fc.integer({ min: 1, max: 5 }) })
const queueArb = (id: string, next: string | null) => fc.record({
  id: fc.constant(id),
  priority: fc.integer({ min: 0, max: 5 }),
  requirements: fc.uniqueArray(requirement, { selector: (r) => r.skill, maxLength: 2 }),
  serviceLevelSeconds: fc.constant(20),
  overflow: next ? fc.option(fc.record({ queueId: fc.constant(next), afterSeconds: fc.integer({ min: 1, max: 60 }) }), { nil: null }) : fc.constant(null),
  relaxation: fc.array(fc.record({ afterSeconds: fc.integer({ min: 1, max: 60 }), skill: fc.constantFrom(...SKILLS), minLevel: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) }), { maxLength: 2 })
    .map((steps) => steps.sort((a, b) => a.afterSeconds - b.afterSeconds)),
  callbackAfterSeconds: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
}) satisfies fc.Arbitrary<AcdQueue>
const agentArb = (id: string) => fc.record({
  id: fc.constant(id),
  skills: fc.record({ en: fc.integer({ min: 0, max: 5 }), ru: fc.integer({ min: 0, max: 5 }), billing: fc.integer({ min: 0, max: 5 }) }),
  wrapUpSeconds: fc.constantFrom(0, 5, 20),
}) satisfies fc.Arbitrary<AcdAgent>

const configArb: fc.Arbitrary<AcdConfig> = fc.integer({ min: 1, max: 6 }).chain((agentCount) => fc.record({
  queues: fc.tuple(queueArb('q0', 'q1'), queueArb('q1', 'q2'), queueArb('q2', null)),
  agents: fc.tuple(...Array.from({ length: agentCount }, (_, i) => agentArb(`a${i}`))),
  agingSecondsPerPoint: fc.constant(AGING_SECONDS),
}))

type Op =
  | { op: 'enqueue'; queue: number; boost: number }
  | { op: 'state'; agent: number; state: 'available' | 'break' | 'offline' }
  | { op: 'end'; pick: number }
  | { op: 'callback'; pick: number }
  | { op: 'tick' }
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('enqueue' as const), queue: fc.integer({ min: 0, max: 2 }), boost: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('state' as const), agent: fc.nat(5), state: fc.constantFrom('available' as const, 'available' as const, 'break' as const, 'offline' as const) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('end' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('callback' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const) }) },
)
const stepArb = fc.record({ advanceMs: fc.integer({ min: 0, max: 15_000 }), op: opArb })

interface ModelAgent { state: string; idleSince: number | null; wrapUntil: number | null; callId: string | null }

test('ACD router: skills, relaxation, priority, capacity, states and longest idle hold for random runs', () => {
  fc.assert(fc.property(configArb, fc.array(stepArb, { minLength: 1, maxLength: 80 }), (config, steps) => {
    const router = new AcdRouter(config)
    const queues = new Map(config.queues.map((q) => [q.id, q]))
    const agents = new Map(config.agents.map((a) => [a.id, a]))
    const model = new Map<string, ModelAgent>(config.agents.map((a) => [a.id, { state: 'offline', idleSince: null, wrapUntil: null, callId: null }]))
    const calls = new Map<string, { boost: number; enqueuedAt: number }>()
    const live: string[] = []
    let now = 1_000_000
    let next = 0

    const effective = (callId: string, queueId: string, at: number) => queues.get(queueId)!.priority + calls.get(callId)!.boost + (at - calls.get(callId)!.enqueuedAt) / (AGING_SECONDS * 1000)

    const check = (decisions: Decision[], at: number) => {
      const waitingAfter = router.waitingCalls()
      for (const d of decisions) {
        if (d.type === 'agentAvailable') {
          const m = model.get(d.agentId)!
          assert.equal(m.state, 'wrapUp')
          assert.ok(m.wrapUntil !== null && m.wrapUntil <= at)
          Object.assign(m, { state: 'available', idleSince: m.wrapUntil, wrapUntil: null })
        }
        if (d.type !== 'assign') continue
        const m = model.get(d.agentId)!
        assert.equal(m.state, 'available', `${d.agentId} was ${m.state} when given ${d.callId}`)
        assert.equal(m.callId, null, 'no agent has two voice calls')
        const agent = agents.get(d.agentId)!
        // The requirements the decision names are the queue's, relaxed for the time in that queue.
        const entered = queueEnteredAt(config, d, calls.get(d.callId)!.enqueuedAt)
        const required = requirementsAt(queues.get(d.queueId)!, at - entered)
        assert.deepEqual(d.requirements, required)
        assert.ok(qualifies(agent, required), `${d.agentId} lacks a skill for ${d.callId}`)
        // Longest idle: no agent still free who qualifies was idle longer.
        for (const [id, other] of model) {
          if (other.state !== 'available' || id === d.agentId || decisions.some((x) => x.type === 'assign' && x.agentId === id)) continue
          if (!qualifies(agents.get(id)!, required)) continue
          assert.ok((other.idleSince ?? 0) > (m.idleSince ?? 0) || ((other.idleSince ?? 0) === (m.idleSince ?? 0) && id > d.agentId), `${id} was idle longer than ${d.agentId}`)
        }
        // Priority: a still-waiting call of higher effective priority could not use this agent.
        const mine = effective(d.callId, d.queueId, at)
        for (const w of waitingAfter) {
          if (effective(w.id, w.queueId, at) <= mine) continue
          assert.ok(!qualifies(agent, requirementsAt(queues.get(w.queueId)!, at - w.queueEnteredAt)), `${w.id} outranks ${d.callId} and ${d.agentId} could take it`)
        }
        Object.assign(m, { state: 'onCall', callId: d.callId, idleSince: null })
      }
      // Nothing idles while work it could do waits.
      for (const w of waitingAfter) {
        const required = requirementsAt(queues.get(w.queueId)!, at - w.queueEnteredAt)
        for (const [id, m] of model) assert.ok(!(m.state === 'available' && qualifies(agents.get(id)!, required)), `${id} idles while ${w.id} waits`)
      }
      for (const view of router.agentViews()) assert.equal(view.state, model.get(view.id)!.state)
    }

    for (const { advanceMs, op } of steps) {
      now += advanceMs
      check(router.tick(now), now)
      if (op.op === 'enqueue') {
        const id = `c${next++}`
        calls.set(id, { boost: op.boost, enqueuedAt: now })
        live.push(id)
        check(router.enqueue({ id, queueId: `q${op.queue}`, priorityBoost: op.boost }, now), now)
      } else if (op.op === 'state') {
        const id = `a${op.agent % config.agents.length}`
        const m = model.get(id)!
        if (m.state === 'onCall') {
          assert.throws(() => router.setAgentState(id, op.state, now))
          continue
        }
        if (m.state !== op.state) Object.assign(m, { state: op.state, idleSince: op.state === 'available' ? now : null, wrapUntil: null })
        check(router.setAgentState(id, op.state, now), now)
      } else if (op.op === 'end' && live.length) {
        const id = live[op.pick % live.length]
        const holder = [...model].find(([, m]) => m.callId === id)
        const waiting = router.waitingCalls().find((w) => w.id === id)
        const result = router.ended(id, now)
        if (holder) {
          const [agentId, m] = holder
          const wrap = agents.get(agentId)!.wrapUpSeconds
          Object.assign(m, wrap > 0 ? { state: 'wrapUp', wrapUntil: now + wrap * 1000, callId: null } : { state: 'available', idleSince: now, callId: null })
          assert.equal(result.outcome, 'completed')
        } else {
          assert.equal(result.outcome, waiting?.kind === 'callback' ? 'callbackKept' : 'abandoned')
        }
        if (result.outcome !== 'callbackKept') live.splice(live.indexOf(id), 1)
        check(result.decisions, now)
      } else if (op.op === 'callback') {
        const waiting = router.waitingCalls()
        if (waiting.length) check(router.requestCallback(waiting[op.pick % waiting.length].id, now), now)
      }
    }
  }), { numRuns: 400, seed: 8_011 })
})

/** When the call entered the queue named in the decision: its first queue plus the overflow delays on the way. */
function queueEnteredAt(config: AcdConfig, d: Extract<Decision, { type: 'assign' }>, enqueuedAt: number): number {
  let queue = config.queues.find((q) => q.id === d.originQueueId)!
  let entered = enqueuedAt
  while (queue.id !== d.queueId) {
    entered += queue.overflow!.afterSeconds * 1000
    queue = config.queues.find((q) => q.id === queue.overflow!.queueId)!
  }
  return entered
}

test('ACD router: the same inputs give the same decisions (deterministic)', () => {
  const run = () => {
    const router = new AcdRouter({
      queues: [{ id: 'q', priority: 0, requirements: [{ skill: 'en', minLevel: 2 }], serviceLevelSeconds: 20, overflow: null, relaxation: [{ afterSeconds: 10, skill: 'en', minLevel: 1 }], callbackAfterSeconds: 30 }],
      agents: [{ id: 'a', skills: { en: 1 }, wrapUpSeconds: 5 }, { id: 'b', skills: { en: 3 }, wrapUpSeconds: 0 }],
      agingSecondsPerPoint: 60,
    })
    const out: Decision[] = []
    out.push(...router.setAgentState('a', 'available', 0))
    out.push(...router.enqueue({ id: 'c1', queueId: 'q', priorityBoost: 0 }, 1000))
    out.push(...router.tick(11_000))
    out.push(...router.enqueue({ id: 'c2', queueId: 'q', priorityBoost: 0 }, 12_000))
    out.push(...router.tick(42_000))
    out.push(...router.ended('c1', 50_000).decisions)
    out.push(...router.tick(55_000))
    return out
  }
  const first = run()
  assert.deepEqual(first, run())
  // c1 waits until relaxation lets the level-1 agent take it; c2 is offered a callback, then served after a's wrap-up.
  assert.deepEqual(first.map((d) => d.type === 'assign' ? `${d.type}:${d.callId}->${d.agentId}@${d.at}` : `${d.type}@${d.at}`), [
    'assign:c1->a@11000', 'offerCallback@42000', 'agentAvailable@55000', 'assign:c2->a@55000',
  ])
})
