/**
 * Benchmark: ACD routing decisions with 500 agents, 50 skills and 200 waiting calls (issue 8).
 *
 *   npm run build && node dist/bench/routing.js      (BENCH_OPS=20000 BENCH_SEED=8011)
 *
 * A seeded skills matrix (each agent 3–6 of 50 skills at levels 1–10; 25 queues needing one or
 * two skills at levels 1–6, most with a relaxation step) is brought to steady state: every
 * agent on a call and 200 calls waiting. Each operation then ends a random agent's call (the
 * router looks for the best waiting call that agent may take) and queues a new call — into one
 * of that agent's queues if they found nothing (so they take it), else into a random queue —
 * so every agent stays busy and 200 calls stay waiting, as in a loaded centre. We time every router
 * call (the decision latency) and count the assignments per second of routing time.
 *
 * Baseline, same operation sequence over the same agent and call arrays: plain FIFO — the
 * oldest waiting call goes to the first free agent who has its skills, with no priority, aging,
 * relaxation, overflow, longest-idle ordering, states or decision records. Not part of
 * `npm run bench` (it needs no server or database).
 */
import { Mulberry32 } from '../server/src/modules/seed/demo-random.js'
import { qualifies, type AcdAgent, type AcdQueue, type SkillRequirement } from '../server/src/modules/contact-center/acd/model.js'
import { AcdRouter } from '../server/src/modules/contact-center/acd/router.js'
import { figure, fmtInt, log } from './support.js'

const AGENTS = 500
const SKILLS = 50
const QUEUES = 25
const WAITING = 200
const OPS = Number(process.env.BENCH_OPS ?? 20_000)
const SEED = Number(process.env.BENCH_SEED ?? 8011)

function build(rng: Mulberry32): { agents: AcdAgent[]; queues: AcdQueue[] } {
  const int = (lo: number, hi: number) => lo + Math.floor(rng.float() * (hi - lo + 1))
  const agents = Array.from({ length: AGENTS }, (_, i) => {
    const skills: Record<string, number> = {}
    for (let k = int(3, 6); k > 0; k--) skills[`s${int(0, SKILLS - 1)}`] = int(1, 10)
    return { id: `a${String(i).padStart(3, '0')}`, skills, wrapUpSeconds: 0 }
  })
  const queues = Array.from({ length: QUEUES }, (_, i) => {
    const requirements: SkillRequirement[] = [{ skill: `s${(i * 2) % SKILLS}`, minLevel: int(1, 6) }]
    if (rng.float() < 0.4) requirements.push({ skill: `s${(i * 2 + 1) % SKILLS}`, minLevel: int(1, 4) })
    const relaxation = rng.float() < 0.7 ? [{ afterSeconds: int(10, 60), skill: requirements[0].skill, minLevel: 1 }] : []
    return { id: `q${i}`, priority: int(0, 3), requirements, serviceLevelSeconds: 20, overflow: null, relaxation, callbackAfterSeconds: null }
  })
  // Every agent can serve some queue (and so every queue someone), as a real roster would.
  const grant = (agent: AcdAgent, queue: AcdQueue) => Object.assign(agent.skills, Object.fromEntries(queue.requirements.map((r) => [r.skill, 10])))
  agents.forEach((agent, i) => { if (!queues.some((q) => qualifies(agent, q.requirements))) grant(agent, queues[i % QUEUES]) })
  queues.forEach((queue, i) => { if (!agents.some((a) => qualifies(a, queue.requirements))) grant(agents[i], queue) })
  return { agents, queues }
}

interface Op { end: number; queue: number; boost: number; gapMs: number }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

/** The queue of the next call: one the freed agent serves when they are still idle, else any. */
function queueFor(op: Op, freed: AcdAgent | null, queues: AcdQueue[]): AcdQueue {
  if (!freed) return queues[op.queue]
  const mine = queues.filter((q) => qualifies(freed, q.requirements))
  return mine[op.queue % mine.length]
}

function runRouter(agents: AcdAgent[], queues: AcdQueue[], ops: Op[]) {
  const byId = new Map(agents.map((a) => [a.id, a]))
  const router = new AcdRouter({ queues, agents, agingSecondsPerPoint: 60 })
  let now = 0
  let next = 0
  const busy: string[] = []
  const callOf = new Map<string, string>()
  const track = (ds: ReturnType<AcdRouter['tick']>) => {
    for (const d of ds) {
      if (d.type !== 'assign') continue
      busy.push(d.agentId)
      callOf.set(d.agentId, d.callId)
    }
    return ds
  }
  for (const a of agents) track(router.setAgentState(a.id, 'available', now))
  // Fill: a call for a queue each idle agent serves (someone takes it), then 200 that wait.
  for (let free = agents.find((a) => !busy.includes(a.id)); free; free = agents.find((a) => !busy.includes(a.id))) {
    track(router.enqueue({ id: `c${next++}`, queueId: queueFor({ end: 0, queue: next, boost: 0, gapMs: 0 }, free, queues).id, priorityBoost: 0 }, now))
  }
  while (router.waitingCalls().length < WAITING) track(router.enqueue({ id: `c${next++}`, queueId: queues[next % QUEUES].id, priorityBoost: 0 }, now))
  const latencies: number[] = []
  let assigns = 0
  let total = 0
  for (const op of ops) {
    now += op.gapMs
    const agentId = busy.splice(op.end % busy.length, 1)[0]
    const callId = callOf.get(agentId)!
    let t0 = process.hrtime.bigint()
    let ds = track(router.ended(callId, now).decisions)
    let dt = Number(process.hrtime.bigint() - t0) / 1e6
    latencies.push(dt)
    total += dt
    assigns += ds.filter((d) => d.type === 'assign').length
    const queue = queueFor(op, ds.some((d) => d.type === 'assign' && d.agentId === agentId) ? null : byId.get(agentId)!, queues)
    t0 = process.hrtime.bigint()
    ds = track(router.enqueue({ id: `c${next++}`, queueId: queue.id, priorityBoost: op.boost }, now))
    dt = Number(process.hrtime.bigint() - t0) / 1e6
    latencies.push(dt)
    total += dt
    assigns += ds.filter((d) => d.type === 'assign').length
  }
  return { latencies, assigns, total, waiting: router.waitingCalls().length }
}

/** The same operations over plain arrays: oldest call to the first free agent with its skills. */
function runFifo(agents: AcdAgent[], queues: AcdQueue[], ops: Op[]) {
  const waiting: { id: string; req: SkillRequirement[] }[] = []
  const idle: AcdAgent[] = [...agents]
  const callOf = new Map<string, string>()
  const busy: AcdAgent[] = []
  let next = 0
  let assigns = 0
  const match = () => {
    for (let i = 0; i < waiting.length && idle.length > 0; i++) {
      const k = idle.findIndex((a) => qualifies(a, waiting[i].req))
      if (k < 0) continue
      const [agent] = idle.splice(k, 1)
      callOf.set(agent.id, waiting[i].id)
      busy.push(agent)
      waiting.splice(i--, 1)
      assigns++
    }
  }
  while (idle.length > 0) {
    waiting.push({ id: `c${next++}`, req: queueFor({ end: 0, queue: next, boost: 0, gapMs: 0 }, idle[0], queues).requirements })
    match()
  }
  while (waiting.length < WAITING) waiting.push({ id: `c${next++}`, req: queues[next % QUEUES].requirements })
  assigns = 0
  const latencies: number[] = []
  let total = 0
  for (const op of ops) {
    let t0 = process.hrtime.bigint()
    const [agent] = busy.splice(op.end % busy.length, 1)
    callOf.delete(agent.id)
    idle.push(agent)
    match()
    const stillIdle = idle.includes(agent)
    let dt = Number(process.hrtime.bigint() - t0) / 1e6
    latencies.push(dt)
    total += dt
    t0 = process.hrtime.bigint()
    waiting.push({ id: `c${next++}`, req: queueFor(op, stillIdle ? agent : null, queues).requirements })
    match()
    dt = Number(process.hrtime.bigint() - t0) / 1e6
    latencies.push(dt)
    total += dt
  }
  return { latencies, assigns, total, waiting: waiting.length }
}

function main(): void {
  const rng = new Mulberry32(SEED)
  const { agents, queues } = build(rng)
  const ops: Op[] = Array.from({ length: OPS }, () => ({ end: Math.floor(rng.float() * 1e9), queue: Math.floor(rng.float() * QUEUES), boost: rng.float() < 0.1 ? 5 : 0, gapMs: Math.floor(rng.float() * 2000) }))
  log(`routing: ${AGENTS} agents, ${SKILLS} skills, ${QUEUES} queues, ${WAITING} calls waiting at the start, ${fmtInt(OPS)} × (end a call + queue a call), seed ${SEED}`)
  runRouter(agents, queues, ops.slice(0, 2000)) // warm the JIT
  runFifo(agents, queues, ops.slice(0, 2000))
  for (const [name, result] of [['Rapport AcdRouter', runRouter(agents, queues, ops)], ['plain FIFO baseline', runFifo(agents, queues, ops)]] as const) {
    const sorted = [...result.latencies].sort((a, b) => a - b)
    figure(`${name}: ${fmtInt((result.latencies.length / result.total) * 1000)} router calls/s, ${fmtInt((result.assigns / result.total) * 1000)} assignments/s; `
      + `decision latency p50 ${(percentile(sorted, 0.5) * 1000).toFixed(1)} µs, p99 ${(percentile(sorted, 0.99) * 1000).toFixed(1)} µs, max ${(sorted[sorted.length - 1] * 1000).toFixed(0)} µs; `
      + `${fmtInt(result.assigns)} assignments, ${result.waiting} calls waiting at the end`)
  }
}

main()
