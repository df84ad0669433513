/**
 * Wallboard and interval reports, computed from the live router (waiting calls, agent states)
 * and the recorded calls. Wait = time from queueing to the router's assignment (the moment the
 * call was offered to an agent), the same measure the simulator reports.
 */
import type { AcdAgentState, AcdQueueConfig, ReportInterval, ReportRow, Wallboard, WallboardQueue } from '../../../../../contracts/contact-center.js'
import { ACD_AGENT_STATES } from '../../../../../contracts/contact-center.js'
import type { CallRow } from './acd.repository.js'
import { qualifies, type AgentView, type WaitingCallView } from './model.js'

const DAY_MS = 86_400_000
export const INTERVAL_MS: Record<ReportInterval, number> = { '15m': 900_000, '30m': 1_800_000, hour: 3_600_000, day: DAY_MS }

interface Totals { offered: number; answered: number; abandoned: number; within: number; waitSum: number; handleSum: number; handled: number }
const emptyTotals = (): Totals => ({ offered: 0, answered: 0, abandoned: 0, within: 0, waitSum: 0, handleSum: 0, handled: 0 })

function add(totals: Totals, call: CallRow, slSeconds: number): void {
  totals.offered++
  if (call.assignedAt !== null) {
    const wait = call.assignedAt - call.enqueuedAt
    totals.answered++
    totals.waitSum += wait
    if (wait <= slSeconds * 1000) totals.within++
    if (call.answeredAt !== null && call.endedAt !== null) {
      totals.handled++
      totals.handleSum += call.endedAt - call.answeredAt
    }
  } else if (call.status === 'abandoned') totals.abandoned++
}

const share = (num: number, den: number) => (den > 0 ? num / den : null)

export function startOfUtcDay(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS
}

export function buildWallboard(input: {
  now: number; since: number; queues: AcdQueueConfig[]; waiting: WaitingCallView[]; agents: AgentView[]
  agentSkills: Map<string, Record<string, number>>; names: Map<string, string>; calls: CallRow[]
}): Wallboard {
  const queues: WallboardQueue[] = input.queues.map((queue) => {
    const waiting = input.waiting.filter((w) => w.queueId === queue.id)
    const totals = emptyTotals()
    for (const call of input.calls) if (call.originQueueId === queue.id) add(totals, call, queue.serviceLevelSeconds)
    const agents = Object.fromEntries(ACD_AGENT_STATES.map((s) => [s, 0])) as Record<AcdAgentState, number>
    for (const agent of input.agents) {
      if (qualifies({ id: agent.id, skills: input.agentSkills.get(agent.id) ?? {}, wrapUpSeconds: 0 }, queue.requirements)) agents[agent.state]++
    }
    const working = agents.onCall + agents.wrapUp
    return {
      id: queue.id, name: queue.name, serviceLevelSeconds: queue.serviceLevelSeconds,
      waiting: waiting.filter((w) => w.kind === 'voice').length, callbacksWaiting: waiting.filter((w) => w.kind === 'callback').length,
      longestWaitSeconds: waiting.reduce((m, w) => Math.max(m, (input.now - w.enqueuedAt) / 1000), 0),
      offered: totals.offered, answered: totals.answered, abandoned: totals.abandoned,
      serviceLevel: share(totals.within, totals.answered + totals.abandoned),
      asaSeconds: totals.answered ? totals.waitSum / totals.answered / 1000 : null,
      abandonmentRate: share(totals.abandoned, totals.answered + totals.abandoned),
      occupancy: share(working, working + agents.available),
      agents,
    }
  })
  return {
    at: new Date(input.now).toISOString(), since: new Date(input.since).toISOString(), queues,
    agents: input.agents.map((a) => ({ userId: a.id, name: input.names.get(a.id) ?? a.id, state: a.state, since: new Date(a.since).toISOString() })),
  }
}

/** One row per interval and queue (or agent) that had calls. */
export function buildReport(input: { calls: CallRow[]; interval: ReportInterval; by: 'queue' | 'agent'; queues: AcdQueueConfig[]; names: Map<string, string> }): ReportRow[] {
  const size = INTERVAL_MS[input.interval]
  const queues = new Map(input.queues.map((q) => [q.id, q]))
  const groups = new Map<string, { start: number; key: string; totals: Totals }>()
  for (const call of input.calls) {
    const key = input.by === 'queue' ? call.originQueueId : call.agentId
    if (key === null) continue
    const start = Math.floor(call.enqueuedAt / size) * size
    const id = `${start}|${key}`
    let group = groups.get(id)
    if (!group) groups.set(id, (group = { start, key, totals: emptyTotals() }))
    add(group.totals, call, queues.get(call.originQueueId)?.serviceLevelSeconds ?? 20)
  }
  return [...groups.values()].sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1)).map(({ start, key, totals }) => ({
    start: new Date(start).toISOString(), key, name: input.by === 'queue' ? (queues.get(key)?.name ?? key) : (input.names.get(key) ?? key),
    offered: totals.offered, answered: totals.answered, abandoned: totals.abandoned, withinServiceLevel: totals.within,
    serviceLevel: share(totals.within, totals.answered + totals.abandoned), asaSeconds: totals.answered ? totals.waitSum / totals.answered / 1000 : null,
    abandonmentRate: share(totals.abandoned, totals.answered + totals.abandoned), averageHandleSeconds: totals.handled ? totals.handleSum / totals.handled / 1000 : null,
  }))
}
