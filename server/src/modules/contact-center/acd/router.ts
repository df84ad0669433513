/**
 * @module acd/router
 * The ACD: a pure, deterministic, clock-injected router (no I/O, no timers of its own). Every
 * method takes `now` and returns the decisions it made; the service persists them and the
 * telephony system executes them, the simulator replays them against a simulated clock.
 *
 * Rules (docs/decisions/011-acd-routing.md):
 * - Waiting calls are served in order of effective priority = queue priority + boost +
 *   wait / agingSecondsPerPoint. Aging grows equally for every call, so the order is a static
 *   key (priority − enqueuedAt / aging): a sorted array, no re-sorting per tick.
 * - A call may go to an available agent who meets its queue's requirements as relaxed for the
 *   time it has spent in that queue; among those, the longest idle agent wins.
 * - Greedy in priority order: a lower-priority call is only served while a higher one waits
 *   when no free agent qualifies for the higher one.
 * - Voice capacity is one: an agent with a call is onCall, then wrapUp until the timer ends.
 */
import {
  qualifies, requirementsAt, type AcdAgent, type AcdConfig, type AcdQueue, type AgentState, type AgentView, type CallKind,
  type CallRequest, type ChosenState, type Decision, type WaitingCallView,
} from './model.js'

export class RouterError extends Error {
  constructor(readonly code: 'unknown-queue' | 'unknown-agent' | 'unknown-call' | 'duplicate-call' | 'agent-busy', message: string) {
    super(message)
  }
}

interface Waiting {
  id: string; queueId: string; originQueueId: string; kind: CallKind; enqueuedAt: number; queueEnteredAt: number
  priorityBoost: number; callbackOffered: boolean; seq: number
  /** Larger is served first; see the module comment. */
  key: number
}

/** A queue with its relaxation steps sorted by time and a small number for cheap keys. */
type RouterQueue = AcdQueue & { ordinal: number }
/** More relaxation steps than a queue may have (the API allows 20). */
const MAX_STEPS = 1024

interface AgentRuntime {
  config: AcdAgent; state: AgentState; since: number; callId: string | null; wrapUpUntil: number | null; idleSince: number | null
}

export class AcdRouter {
  private queues = new Map<string, RouterQueue>()
  /** Agents in wrap-up, so a tick does not walk every agent. */
  private wrapping = new Set<AgentRuntime>()
  private hasQueueTimers = false
  private agents = new Map<string, AgentRuntime>()
  /** Waiting calls, best first. */
  private waiting: Waiting[] = []
  private waitingById = new Map<string, Waiting>()
  /** Calls handed to an agent: call id → agent id. */
  private assigned = new Map<string, string>()
  /** Available agents, longest idle first. */
  private idle: AgentRuntime[] = []
  private agingMs = 60_000
  private seq = 0

  constructor(config: AcdConfig) {
    this.reconfigure(config)
  }

  /** Replaces queues and agents; runtime state of agents that remain is kept, new agents start offline. */
  reconfigure(config: AcdConfig, now = 0): void {
    // Steps sorted by time, so "how many steps apply" names the relaxed requirement set (see match).
    this.queues = new Map(config.queues.map((q, ordinal) => [q.id, { ...q, ordinal, relaxation: [...q.relaxation].sort((a, b) => a.afterSeconds - b.afterSeconds) }]))
    this.hasQueueTimers = config.queues.some((q) => q.overflow !== null || q.callbackAfterSeconds !== null)
    this.agingMs = config.agingSecondsPerPoint * 1000
    const previous = this.agents
    this.agents = new Map(config.agents.map((a) => {
      const old = previous.get(a.id)
      return [a.id, old ? { ...old, config: a } : { config: a, state: 'offline', since: now, callId: null, wrapUpUntil: null, idleSince: null }]
    }))
    this.idle = [...this.agents.values()].filter((a) => a.state === 'available').sort(byIdle)
    this.wrapping = new Set([...this.agents.values()].filter((a) => a.state === 'wrapUp'))
    for (const call of this.waiting) call.key = this.keyOf(call)
    this.waiting.sort(byKey)
  }

  /** A new call joins its queue; answers the decisions made at `now` (perhaps its own assignment). */
  enqueue(call: CallRequest, now: number, options: { enqueuedAt?: number; kind?: CallKind } = {}): Decision[] {
    if (this.waitingById.has(call.id) || this.assigned.has(call.id)) throw new RouterError('duplicate-call', `call ${call.id} is already routed`)
    this.queue(call.queueId)
    const enqueuedAt = options.enqueuedAt ?? now
    const waiting: Waiting = {
      id: call.id, queueId: call.queueId, originQueueId: call.queueId, kind: options.kind ?? 'voice', enqueuedAt, queueEnteredAt: enqueuedAt,
      priorityBoost: call.priorityBoost, callbackOffered: false, seq: this.seq++, key: 0,
    }
    waiting.key = this.keyOf(waiting)
    this.insertWaiting(waiting)
    return this.tick(now)
  }

  /** An agent (or their supervisor) chooses a state. An agent on a call cannot leave it this way. */
  setAgentState(agentId: string, state: ChosenState, now: number): Decision[] {
    const agent = this.agent(agentId)
    if (agent.state === 'onCall') throw new RouterError('agent-busy', `agent ${agentId} is on a call`)
    if (agent.state !== state) {
      if (agent.state === 'available') this.idle.splice(this.idle.indexOf(agent), 1)
      this.wrapping.delete(agent)
      agent.state = state
      agent.since = now
      agent.wrapUpUntil = null
      agent.idleSince = state === 'available' ? now : null
      if (state === 'available') this.insertIdle(agent)
    }
    return this.tick(now)
  }

  /** The call ended (hung up or finished). A waiting voice call is abandoned; a waiting callback stays queued. */
  ended(callId: string, now: number): { outcome: 'abandoned' | 'completed' | 'callbackKept'; decisions: Decision[] } {
    const waiting = this.waitingById.get(callId)
    if (waiting) {
      if (waiting.kind === 'callback') return { outcome: 'callbackKept', decisions: this.tick(now) }
      this.removeWaiting(waiting)
      return { outcome: 'abandoned', decisions: this.tick(now) }
    }
    const agentId = this.assigned.get(callId)
    if (agentId === undefined) throw new RouterError('unknown-call', `call ${callId} is not waiting or with an agent`)
    this.assigned.delete(callId)
    const agent = this.agent(agentId)
    agent.callId = null
    agent.since = now
    if (agent.config.wrapUpSeconds > 0) {
      agent.state = 'wrapUp'
      agent.wrapUpUntil = now + agent.config.wrapUpSeconds * 1000
      this.wrapping.add(agent)
    } else {
      this.makeAvailable(agent, now)
    }
    return { outcome: 'completed', decisions: this.tick(now) }
  }

  /** A waiting caller leaves a callback request: the call keeps its place and is later offered as an outbound task. */
  requestCallback(callId: string, now: number): Decision[] {
    const waiting = this.waitingById.get(callId)
    if (!waiting) throw new RouterError('unknown-call', `call ${callId} is not waiting`)
    waiting.kind = 'callback'
    return this.tick(now)
  }

  /** A waiting call leaves the queue without being served (a callback cancelled or handled by hand). */
  withdraw(callId: string, now: number): Decision[] {
    const waiting = this.waitingById.get(callId)
    if (!waiting) throw new RouterError('unknown-call', `call ${callId} is not waiting`)
    this.removeWaiting(waiting)
    return this.tick(now)
  }

  /** Applies every timer due by `now` (wrap-up ends, overflow, callback offers), then matches calls to agents. */
  tick(now: number): Decision[] {
    const decisions: Decision[] = []
    for (const agent of [...this.wrapping]) {
      if (agent.wrapUpUntil !== null && agent.wrapUpUntil <= now) {
        this.makeAvailable(agent, agent.wrapUpUntil)
        decisions.push({ type: 'agentAvailable', at: now, agentId: agent.config.id })
      }
    }
    if (this.hasQueueTimers) this.applyQueueTimers(now, decisions)
    this.match(now, decisions)
    return decisions
  }

  /** The earliest time after `now` a timer falls due (so a driver knows when to tick next), or null. */
  nextDueAt(now: number): number | null {
    let next = Infinity
    for (const agent of this.wrapping) if (agent.wrapUpUntil !== null) next = Math.min(next, agent.wrapUpUntil)
    for (const call of this.waiting) {
      const queue = this.queue(call.queueId)
      if (queue.overflow) next = Math.min(next, call.queueEnteredAt + queue.overflow.afterSeconds * 1000)
      if (queue.callbackAfterSeconds !== null && !call.callbackOffered && call.kind === 'voice') next = Math.min(next, call.enqueuedAt + queue.callbackAfterSeconds * 1000)
      for (const step of queue.relaxation) {
        const due = call.queueEnteredAt + step.afterSeconds * 1000
        if (due > now) next = Math.min(next, due)
      }
    }
    return next === Infinity ? null : next
  }

  isWaiting(callId: string): boolean {
    return this.waitingById.has(callId)
  }

  /** Calls still waiting, best first. */
  waitingCalls(): WaitingCallView[] {
    return this.waiting.map(({ seq: _seq, key: _key, ...view }) => ({ ...view }))
  }

  agentViews(): AgentView[] {
    return [...this.agents.values()].map((a) => ({ id: a.config.id, state: a.state, since: a.since, callId: a.callId, wrapUpUntil: a.wrapUpUntil, idleSince: a.idleSince }))
  }

  effectivePriority(callId: string, now: number): number {
    const call = this.waitingById.get(callId)
    if (!call) throw new RouterError('unknown-call', `call ${callId} is not waiting`)
    return this.queue(call.queueId).priority + call.priorityBoost + (now - call.enqueuedAt) / this.agingMs
  }

  /** Restores an agent's state after a restart (the service reads it from the database). */
  restoreAgent(view: Pick<AgentView, 'id' | 'state' | 'since' | 'callId' | 'wrapUpUntil' | 'idleSince'>): void {
    const agent = this.agent(view.id)
    if (agent.state === 'available') this.idle.splice(this.idle.indexOf(agent), 1)
    Object.assign(agent, { state: view.state, since: view.since, callId: view.callId, wrapUpUntil: view.wrapUpUntil, idleSince: view.idleSince })
    if (view.callId !== null) this.assigned.set(view.callId, view.id)
    if (view.state === 'available') this.insertIdle(agent)
    if (view.state === 'wrapUp') this.wrapping.add(agent)
    else this.wrapping.delete(agent)
  }

  /** Restores a waiting call after a restart, without matching. */
  restoreWaiting(view: WaitingCallView): void {
    this.queue(view.queueId)
    const waiting: Waiting = { ...view, seq: this.seq++, key: 0 }
    waiting.key = this.keyOf(waiting)
    this.insertWaiting(waiting)
  }

  private applyQueueTimers(now: number, decisions: Decision[]): void {
    let moved = true
    while (moved) {
      moved = false
      for (const call of [...this.waiting]) {
        const queue = this.queue(call.queueId)
        if (queue.overflow && now - call.queueEnteredAt >= queue.overflow.afterSeconds * 1000) {
          this.removeWaiting(call)
          call.queueEnteredAt += queue.overflow.afterSeconds * 1000
          call.queueId = queue.overflow.queueId
          call.key = this.keyOf(call)
          this.insertWaiting(call)
          decisions.push({ type: 'overflow', at: now, callId: call.id, fromQueueId: queue.id, toQueueId: call.queueId })
          moved = true
        }
      }
    }
    for (const call of this.waiting) {
      const queue = this.queue(call.queueId)
      if (call.kind === 'voice' && !call.callbackOffered && queue.callbackAfterSeconds !== null && now - call.enqueuedAt >= queue.callbackAfterSeconds * 1000) {
        call.callbackOffered = true
        decisions.push({ type: 'offerCallback', at: now, callId: call.id, queueId: queue.id })
      }
    }
  }

  private match(now: number, decisions: Decision[]): void {
    if (this.idle.length === 0 || this.waiting.length === 0) return
    const served = new Set<Waiting>()
    // Free agents only leave during a pass, so a requirement set no free agent met stays unmet.
    const unmet = new Set<number>()
    for (const call of this.waiting) {
      const queue = this.queue(call.queueId)
      const waited = now - call.queueEnteredAt
      const key = queue.ordinal * MAX_STEPS + appliedSteps(queue, waited)
      if (unmet.has(key)) continue
      const requirements = requirementsAt(queue, waited)
      const index = this.idle.findIndex((agent) => qualifies(agent.config, requirements))
      if (index < 0) {
        unmet.add(key)
        continue
      }
      const [agent] = this.idle.splice(index, 1)
      agent.state = 'onCall'
      agent.since = now
      agent.callId = call.id
      agent.idleSince = null
      this.assigned.set(call.id, agent.config.id)
      served.add(call)
      decisions.push({
        type: 'assign', at: now, callId: call.id, agentId: agent.config.id, queueId: call.queueId, originQueueId: call.originQueueId,
        kind: call.kind, waitedMs: now - call.enqueuedAt, requirements,
      })
      if (this.idle.length === 0) break
    }
    if (served.size === 0) return
    this.waiting = this.waiting.filter((call) => !served.has(call))
    for (const call of served) this.waitingById.delete(call.id)
  }

  private makeAvailable(agent: AgentRuntime, at: number): void {
    this.wrapping.delete(agent)
    agent.state = 'available'
    agent.since = at
    agent.wrapUpUntil = null
    agent.idleSince = at
    this.insertIdle(agent)
  }

  private keyOf(call: Waiting): number {
    return this.queue(call.queueId).priority + call.priorityBoost - call.enqueuedAt / this.agingMs
  }

  private insertWaiting(call: Waiting): void {
    this.waiting.splice(upperBound(this.waiting, call, byKey), 0, call)
    this.waitingById.set(call.id, call)
  }

  private removeWaiting(call: Waiting): void {
    this.waiting.splice(this.waiting.indexOf(call), 1)
    this.waitingById.delete(call.id)
  }

  private insertIdle(agent: AgentRuntime): void {
    this.idle.splice(upperBound(this.idle, agent, byIdle), 0, agent)
  }

  private queue(id: string): RouterQueue {
    const queue = this.queues.get(id)
    if (!queue) throw new RouterError('unknown-queue', `no queue ${id}`)
    return queue
  }

  private agent(id: string): AgentRuntime {
    const agent = this.agents.get(id)
    if (!agent) throw new RouterError('unknown-agent', `no agent ${id}`)
    return agent
  }
}

/** How many of the queue's (time-sorted) relaxation steps apply after `waitedMs`. */
function appliedSteps(queue: AcdQueue, waitedMs: number): number {
  let count = 0
  while (count < queue.relaxation.length && queue.relaxation[count].afterSeconds * 1000 <= waitedMs) count++
  return count
}

const byKey = (a: Waiting, b: Waiting) => b.key - a.key || a.enqueuedAt - b.enqueuedAt || a.seq - b.seq
const byIdle = (a: AgentRuntime, b: AgentRuntime) => (a.idleSince ?? 0) - (b.idleSince ?? 0) || (a.config.id < b.config.id ? -1 : a.config.id > b.config.id ? 1 : 0)

/** First index whose item sorts after `item` (stable insertion). */
function upperBound<T>(items: T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compare(items[mid], item) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
