import { Type, type Static } from 'typebox'

/**
 * The ACD's API shapes (docs/decisions/011-acd-routing.md): skills, queues, agents, routing
 * rules, agent states, call control and the wallboard. Shared by the server's route schemas
 * and the web client.
 */
export const ACD_AGENT_STATES = ['available', 'onCall', 'wrapUp', 'break', 'offline'] as const
export type AcdAgentState = (typeof ACD_AGENT_STATES)[number]
export const ACD_CHOSEN_STATES = ['available', 'break', 'offline'] as const
export const REPORT_INTERVALS = ['15m', '30m', 'hour', 'day'] as const
export type ReportInterval = (typeof REPORT_INTERVALS)[number]

const MAX_SECONDS = 86_400
const Seconds = Type.Integer({ minimum: 1, maximum: MAX_SECONDS })
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
const Id = Type.String({ minLength: 1, maxLength: 100 })
export const SKILL_KEY_PATTERN = '^[a-z][a-z0-9_-]{0,39}$'
const SkillKey = Type.String({ pattern: SKILL_KEY_PATTERN })
const Level = Type.Integer({ minimum: 1, maximum: 10 })

export const SkillBody = Type.Object({ key: SkillKey, name: Name }, { additionalProperties: false })
export type SkillBody = Static<typeof SkillBody>

export const QueueBody = Type.Object({
  name: Name,
  priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  requirements: Type.Optional(Type.Array(Type.Object({ skill: Type.String({ maxLength: 40 }), minLevel: Level }, { additionalProperties: false }), { maxItems: 20 })),
  serviceLevelSeconds: Type.Optional(Seconds),
  overflow: Type.Optional(Type.Union([Type.Object({ queueId: Id, afterSeconds: Seconds }, { additionalProperties: false }), Type.Null()])),
  relaxation: Type.Optional(Type.Array(Type.Object({
    afterSeconds: Seconds, skill: Type.String({ maxLength: 40 }), minLevel: Type.Union([Level, Type.Null()]),
  }, { additionalProperties: false }), { maxItems: 20 })),
  callbackAfterSeconds: Type.Optional(Type.Union([Seconds, Type.Null()])),
}, { additionalProperties: false })
export type QueueBody = Static<typeof QueueBody>

export const AgentBody = Type.Object({
  skills: Type.Record(Type.String({ maxLength: 40 }), Level, { maxProperties: 100 }),
  wrapUpSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
  /** Voice capacity is one call at a time; the field exists so clients can see it. */
  capacity: Type.Optional(Type.Object({ voice: Type.Literal(1) }, { additionalProperties: false })),
  isSupervisor: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
export type AgentBody = Static<typeof AgentBody>

export const AgentStateBody = Type.Object({
  state: Type.Unsafe<(typeof ACD_CHOSEN_STATES)[number]>({ type: 'string', enum: [...ACD_CHOSEN_STATES] }),
}, { additionalProperties: false })

export const RuleBody = Type.Object({
  name: Name,
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  match: Type.Object({
    dialledNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    ivrChoice: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** A field of the caller's person record and the values that match, e.g. abcClass in [A]. */
    personField: Type.Optional(Type.Object({ field: Type.String({ maxLength: 100 }), values: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false })),
  }, { additionalProperties: false }),
  queueId: Type.Optional(Type.Union([Id, Type.Null()])),
  priorityBoost: Type.Optional(Type.Integer({ minimum: -100, maximum: 100 })),
  /** A disabled rule is kept but skipped when calls are routed (default true). */
  enabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
export type RuleBody = Static<typeof RuleBody>

/** Every rule's id once, first rule first: positions become 0, 10, 20, … in this order. */
export const RuleOrderBody = Type.Object({
  ids: Type.Array(Id, { maxItems: 1000, uniqueItems: true }),
}, { additionalProperties: false })
export type RuleOrderBody = Static<typeof RuleOrderBody>

export const QueueCallBody = Type.Object({
  callId: Type.String({ minLength: 1, maxLength: 200 }),
  queueId: Type.Optional(Id),
  dialledNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  ivrChoice: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  personId: Type.Optional(Id),
  /** Added to the routing rules' boost (an IVR queue node's priority). */
  priorityBoost: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
}, { additionalProperties: false })
export type QueueCallBody = Static<typeof QueueCallBody>

export interface AcdSkill { key: string; name: string }
export interface AcdQueueConfig {
  id: string; name: string; priority: number; requirements: { skill: string; minLevel: number }[]; serviceLevelSeconds: number
  overflow: { queueId: string; afterSeconds: number } | null; relaxation: { afterSeconds: number; skill: string; minLevel: number | null }[]
  callbackAfterSeconds: number | null
}
export interface AcdAgentInfo {
  userId: string; name: string; skills: Record<string, number>; capacity: { voice: 1 }; wrapUpSeconds: number; isSupervisor: boolean
  state: AcdAgentState; since: string; callId: string | null; wrapUpUntil: string | null
}
export interface AcdRule { id: string; name: string; position: number; match: RuleBody['match']; queueId: string | null; priorityBoost: number; enabled: boolean }

/** One router decision as returned to the caller (times ISO). */
export interface AcdDecision {
  type: 'assign' | 'overflow' | 'offerCallback' | 'agentAvailable'
  at: string; callId?: string; agentId?: string; queueId?: string; fromQueueId?: string; toQueueId?: string; kind?: 'voice' | 'callback'; waitedSeconds?: number
}

const Rate = Type.Union([Type.Number(), Type.Null()])
export const WallboardQueue = Type.Object({
  id: Type.String(), name: Type.String(), serviceLevelSeconds: Type.Integer(),
  waiting: Type.Integer(), longestWaitSeconds: Type.Number(), callbacksWaiting: Type.Integer(),
  offered: Type.Integer(), answered: Type.Integer(), abandoned: Type.Integer(),
  serviceLevel: Type.Union([Type.Number(), Type.Null()], { description: 'Share of answered + abandoned calls answered within the threshold; null before the first call' }),
  asaSeconds: Rate,
  abandonmentRate: Rate,
  occupancy: Type.Union([Type.Number(), Type.Null()], { description: 'Qualified agents on a call or in wrap-up over those logged in and not on break; null when none is' }),
  agents: Type.Object({ available: Type.Integer(), onCall: Type.Integer(), wrapUp: Type.Integer(), break: Type.Integer(), offline: Type.Integer() }),
})
export type WallboardQueue = Static<typeof WallboardQueue>
const AgentStateSchema = Type.Unsafe<AcdAgentState>({ type: 'string', enum: [...ACD_AGENT_STATES] })
/** GET /api/v1/contact-center/wallboard's answer (its `data`), also each event of its stream. */
export const Wallboard = Type.Object({
  at: Type.String({ format: 'date-time' }),
  since: Type.String({ format: 'date-time', description: 'Counts cover calls queued since this moment (start of the UTC day)' }),
  queues: Type.Array(WallboardQueue),
  agents: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), state: AgentStateSchema, since: Type.String() })),
})
export type Wallboard = Static<typeof Wallboard>

export interface ReportRow {
  start: string; key: string; name: string
  offered: number; answered: number; abandoned: number; withinServiceLevel: number
  serviceLevel: number | null; asaSeconds: number | null; abandonmentRate: number | null; averageHandleSeconds: number | null
}
