/**
 * The routing model shared by the ACD router, its service, the simulator and the tests: queue
 * and agent configuration, agent states and the decisions the router returns. Times are
 * milliseconds on the caller's clock (epoch ms in the service, simulated ms in the simulator).
 */

export const AGENT_STATES = ['available', 'onCall', 'wrapUp', 'break', 'offline'] as const
export type AgentState = (typeof AGENT_STATES)[number]
/** The states an agent (or a supervisor for them) may choose; onCall and wrapUp come from calls. */
export const CHOSEN_STATES = ['available', 'break', 'offline'] as const
export type ChosenState = (typeof CHOSEN_STATES)[number]

export interface SkillRequirement { skill: string; minLevel: number }
/** After `afterSeconds` in the queue, the requirement on `skill` becomes `minLevel` (null: dropped). */
export interface RelaxationStep { afterSeconds: number; skill: string; minLevel: number | null }

export interface AcdQueue {
  id: string
  /** Added to every call's priority in this queue. */
  priority: number
  requirements: SkillRequirement[]
  serviceLevelSeconds: number
  overflow: { queueId: string; afterSeconds: number } | null
  relaxation: RelaxationStep[]
  /** After this many seconds of waiting the caller is offered a callback (null: never). */
  callbackAfterSeconds: number | null
}

export interface AcdAgent {
  id: string
  /** Skill key → level (1–10). */
  skills: Record<string, number>
  wrapUpSeconds: number
}

export interface AcdConfig {
  queues: AcdQueue[]
  agents: AcdAgent[]
  /** Waiting this many seconds adds one point of effective priority (aging). */
  agingSecondsPerPoint: number
}

export type CallKind = 'voice' | 'callback'

export interface CallRequest {
  id: string
  queueId: string
  /** From routing rules (customer value, dialled number, IVR choice). */
  priorityBoost: number
}

export type Decision =
  | { type: 'assign'; at: number; callId: string; agentId: string; queueId: string; originQueueId: string; kind: CallKind; waitedMs: number; requirements: SkillRequirement[] }
  | { type: 'overflow'; at: number; callId: string; fromQueueId: string; toQueueId: string }
  | { type: 'offerCallback'; at: number; callId: string; queueId: string }
  | { type: 'agentAvailable'; at: number; agentId: string }

export interface WaitingCallView {
  id: string; queueId: string; originQueueId: string; kind: CallKind; enqueuedAt: number; queueEnteredAt: number
  priorityBoost: number; callbackOffered: boolean
}

export interface AgentView {
  id: string; state: AgentState; since: number; callId: string | null; wrapUpUntil: number | null
  /** When the agent last became available (the longest-idle tie-break). */
  idleSince: number | null
}

/** The requirements of `queue` for a call that has waited `waitedMs` in it: relaxation steps applied in order. */
export function requirementsAt(queue: AcdQueue, waitedMs: number): SkillRequirement[] {
  if (queue.relaxation.every((step) => step.afterSeconds * 1000 > waitedMs)) return queue.requirements
  const levels = new Map(queue.requirements.map((r) => [r.skill, r.minLevel as number | null]))
  for (const step of queue.relaxation) {
    if (step.afterSeconds * 1000 <= waitedMs) levels.set(step.skill, step.minLevel)
  }
  return [...levels].filter((entry): entry is [string, number] => entry[1] !== null).map(([skill, minLevel]) => ({ skill, minLevel }))
}

export function qualifies(agent: AcdAgent, requirements: SkillRequirement[]): boolean {
  for (const r of requirements) if ((agent.skills[r.skill] ?? 0) < r.minLevel) return false
  return true
}

/** Queue ids on an overflow chain that comes back to itself, or null. */
export function findOverflowLoop(queues: Pick<AcdQueue, 'id' | 'overflow'>[]): string[] | null {
  const byId = new Map(queues.map((q) => [q.id, q]))
  for (const start of queues) {
    const seen: string[] = []
    let current: Pick<AcdQueue, 'id' | 'overflow'> | undefined = start
    while (current?.overflow) {
      if (seen.includes(current.id)) return seen.slice(seen.indexOf(current.id))
      seen.push(current.id)
      current = byId.get(current.overflow.queueId)
    }
  }
  return null
}
