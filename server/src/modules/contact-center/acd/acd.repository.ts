/**
 * Rows of the ACD tables (migration 0011). Configuration is read whole (a workspace has tens of
 * queues and hundreds of agents); runtime rows are written as the router changes them.
 */
import type { Kysely } from 'kysely'
import type { AcdQueueConfig, AcdRule, AcdSkill } from '../../../../../contracts/contact-center.js'
import type { SqlDialect } from '../../../db/dialects/sql-dialect.js'
import type { AgentState, AgentView, CallKind, WaitingCallView } from './model.js'

export interface AgentRow {
  userId: string; skills: Record<string, number>; wrapUpSeconds: number; isSupervisor: boolean
  state: AgentState; since: number; idleSince: number | null; wrapUpUntil: number | null; callId: string | null
}
export interface CallRow {
  id: string; originQueueId: string; queueId: string; kind: CallKind; status: 'waiting' | 'assigned' | 'answered' | 'ended' | 'abandoned' | 'cancelled'
  priorityBoost: number; personId: string | null; dialledNumber: string | null; ivrChoice: string | null; agentId: string | null
  callbackOffered: boolean; enqueuedAt: number; queueEnteredAt: number; assignedAt: number | null; answeredAt: number | null; endedAt: number | null; endReason: string | null
  /** The `task` activity of a callback offered to an agent. */
  taskId?: string | null
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

export async function listSkills(db: Kysely<any>): Promise<AcdSkill[]> {
  return (await db.selectFrom('acd_skills').select(['key', 'name']).orderBy('key').execute()) as AcdSkill[]
}

export async function listQueues(db: Kysely<any>, dialect: SqlDialect): Promise<AcdQueueConfig[]> {
  const rows = await db.selectFrom('acd_queues').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => ({
    id: r.id, name: r.name, priority: Number(r.priority), requirements: dialect.fromDb('json', r.requirements) as AcdQueueConfig['requirements'],
    serviceLevelSeconds: Number(r.service_level_seconds),
    overflow: r.overflow_queue_id ? { queueId: r.overflow_queue_id, afterSeconds: Number(r.overflow_after_seconds) } : null,
    relaxation: dialect.fromDb('json', r.relaxation) as AcdQueueConfig['relaxation'], callbackAfterSeconds: num(r.callback_after_seconds),
  }))
}

export function queueToRow(queue: AcdQueueConfig, dialect: SqlDialect): Record<string, unknown> {
  return {
    id: queue.id, name: queue.name, priority: queue.priority, requirements: dialect.toDb('json', queue.requirements),
    service_level_seconds: queue.serviceLevelSeconds, overflow_queue_id: queue.overflow?.queueId ?? null,
    overflow_after_seconds: queue.overflow?.afterSeconds ?? null, relaxation: dialect.toDb('json', queue.relaxation),
    callback_after_seconds: queue.callbackAfterSeconds,
  }
}

export async function listAgents(db: Kysely<any>, dialect: SqlDialect): Promise<AgentRow[]> {
  const rows = await db.selectFrom('acd_agents').selectAll().orderBy('user_id').execute()
  return rows.map((r) => ({
    userId: r.user_id, skills: dialect.fromDb('json', r.skills) as Record<string, number>, wrapUpSeconds: Number(r.wrap_up_seconds),
    isSupervisor: dialect.fromDb('boolean', r.is_supervisor) === true, state: r.state as AgentState, since: Number(r.state_since),
    idleSince: num(r.idle_since), wrapUpUntil: num(r.wrap_up_until), callId: r.call_id ?? null,
  }))
}

export function agentRuntimeToRow(view: AgentView): Record<string, unknown> {
  return { state: view.state, state_since: view.since, idle_since: view.idleSince, wrap_up_until: view.wrapUpUntil, call_id: view.callId }
}

export async function listRules(db: Kysely<any>, dialect: SqlDialect): Promise<AcdRule[]> {
  const rows = await db.selectFrom('acd_rules').selectAll().orderBy('position').orderBy('id').execute()
  return rows.map((r) => ({
    id: r.id, name: r.name, position: Number(r.position), match: dialect.fromDb('json', r.match) as AcdRule['match'],
    queueId: r.queue_id ?? null, priorityBoost: Number(r.priority_boost), enabled: dialect.fromDb('boolean', r.enabled) === true,
  }))
}

function callFromRow(r: Record<string, any>, dialect: SqlDialect): CallRow {
  return {
    id: r.id, originQueueId: r.origin_queue_id, queueId: r.queue_id, kind: r.kind, status: r.status, priorityBoost: Number(r.priority_boost),
    personId: r.person_id ?? null, dialledNumber: r.dialled_number ?? null, ivrChoice: r.ivr_choice ?? null, agentId: r.agent_id ?? null,
    callbackOffered: dialect.fromDb('boolean', r.callback_offered) === true, enqueuedAt: Number(r.enqueued_at), queueEnteredAt: Number(r.queue_entered_at),
    assignedAt: num(r.assigned_at), answeredAt: num(r.answered_at), endedAt: num(r.ended_at), endReason: r.end_reason ?? null,
    taskId: r.task_id ?? null,
  }
}

export async function findCall(db: Kysely<any>, dialect: SqlDialect, id: string): Promise<CallRow | undefined> {
  const row = await db.selectFrom('acd_calls').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? callFromRow(row, dialect) : undefined
}

export async function waitingCalls(db: Kysely<any>, dialect: SqlDialect): Promise<WaitingCallView[]> {
  const rows = await db.selectFrom('acd_calls').selectAll().where('status', '=', 'waiting').execute()
  return rows.map((r) => ({
    id: r.id, queueId: r.queue_id, originQueueId: r.origin_queue_id, kind: r.kind, enqueuedAt: Number(r.enqueued_at),
    queueEnteredAt: Number(r.queue_entered_at), priorityBoost: Number(r.priority_boost), callbackOffered: dialect.fromDb('boolean', r.callback_offered) === true,
  }))
}

/** Calls queued in [from, to), for the wallboard and reports. */
export async function callsBetween(db: Kysely<any>, dialect: SqlDialect, from: number, to: number): Promise<CallRow[]> {
  const rows = await db.selectFrom('acd_calls').selectAll().where('enqueued_at', '>=', from).where('enqueued_at', '<', to).orderBy('enqueued_at').execute()
  return rows.map((r) => callFromRow(r, dialect))
}

export async function insertCall(db: Kysely<any>, dialect: SqlDialect, call: CallRow): Promise<void> {
  await db.insertInto('acd_calls').values({
    id: call.id, origin_queue_id: call.originQueueId, queue_id: call.queueId, kind: call.kind, status: call.status, priority_boost: call.priorityBoost,
    person_id: call.personId, dialled_number: call.dialledNumber, ivr_choice: call.ivrChoice, agent_id: call.agentId,
    callback_offered: dialect.toDb('boolean', call.callbackOffered), enqueued_at: call.enqueuedAt, queue_entered_at: call.queueEnteredAt,
    assigned_at: null, answered_at: null, ended_at: null, end_reason: null,
  }).execute()
}
