/**
 * @module acd/service
 * Owns one AcdRouter per workspace, loaded from the ACD tables on first use, and keeps the
 * tables in step with it: every operation runs under the workspace's lock, applies the router
 * (pure), then writes the call rows, agent states and decisions in one transaction. If that
 * write fails the in-memory router is dropped and reloads from the tables, so memory never
 * runs ahead of the database.
 *
 * The telephony contract (docs/decisions/011-acd-routing.md): callQueued / callAnswered /
 * callEnded / callbackRequested take a workspace id (the caller authenticated the phone line)
 * and answer the router's decisions for the webhook response. Timers (wrap-up, overflow,
 * relaxation, callback offers) are applied by tickAll(), which the routes run every second;
 * decisions made there reach listeners (the wallboard stream, an adapter) through subscribe().
 */
import { EventEmitter } from 'node:events'
import type { AcdDecision, QueueCallBody } from '../../../../../contracts/contact-center.js'
import type { Database, WorkspaceDb } from '../../../db/database.js'
import { AppError, fieldError } from '../../../errors.js'
import { newId } from '../../../engine/ids.js'
import { agentRuntimeToRow, findCall, insertCall, listAgents, listQueues, listRules, waitingCalls, type CallRow } from './acd.repository.js'
import type { AgentView, ChosenState, Decision } from './model.js'
import { AcdRouter, RouterError } from './router.js'

export const AGING_SECONDS_PER_POINT = 60

export interface AcdRuntimeDeps {
  database: Database
  now(): number
  /** Reads fields of a person record for routing rules (system access; routing is not a user reading). */
  personAttributes(workspaceId: string, personId: string): Promise<Record<string, unknown> | null>
  /**
   * For callbacks that reached an agent: answers a function that creates the agent's task (a
   * `task` activity) inside the assignment's transaction. Prepared before the transaction
   * starts (SQLite has one connection, so nothing may be read outside it meanwhile).
   */
  prepareCallbackTask?(workspaceId: string): Promise<CallbackTaskMaker>
}

export type CallbackTaskMaker = (trx: WorkspaceDb['db'], call: CallRow, agentId: string, at: number) => Promise<string | null>

interface Loaded { router: AcdRouter; agents: Map<string, string> }

const ROUTER_ERRORS: Record<RouterError['code'], () => AppError> = {
  'unknown-queue': () => fieldError('/queueId', 'there is no such queue'),
  'unknown-agent': () => new AppError('not-found', 'This user is not an agent of the contact center'),
  'unknown-call': () => new AppError('not-found', 'No such call in the queue or with an agent'),
  'duplicate-call': () => fieldError('/callId', 'this call is already queued', 'conflict'),
  'agent-busy': () => new AppError('conflict', 'The agent is on a call; end it first'),
}

export function toApiDecision(d: Decision): AcdDecision {
  const at = new Date(d.at).toISOString()
  switch (d.type) {
    case 'assign': return { type: d.type, at, callId: d.callId, agentId: d.agentId, queueId: d.queueId, kind: d.kind, waitedSeconds: d.waitedMs / 1000 }
    case 'overflow': return { type: d.type, at, callId: d.callId, fromQueueId: d.fromQueueId, toQueueId: d.toQueueId }
    case 'offerCallback': return { type: d.type, at, callId: d.callId, queueId: d.queueId }
    case 'agentAvailable': return { type: d.type, at, agentId: d.agentId }
  }
}

export function createAcdRuntime(deps: AcdRuntimeDeps) {
  const loaded = new Map<string, Loaded>()
  const locks = new Map<string, Promise<unknown>>()
  const events = new EventEmitter()
  events.setMaxListeners(0)

  async function load(ws: WorkspaceDb): Promise<Loaded> {
    const found = loaded.get(ws.workspaceId)
    if (found) return found
    const [queues, agents, waiting] = await Promise.all([listQueues(ws.db, ws.dialect), listAgents(ws.db, ws.dialect), waitingCalls(ws.db, ws.dialect)])
    const router = new AcdRouter({
      queues, agents: agents.map((a) => ({ id: a.userId, skills: a.skills, wrapUpSeconds: a.wrapUpSeconds })), agingSecondsPerPoint: AGING_SECONDS_PER_POINT,
    })
    for (const a of agents) router.restoreAgent({ id: a.userId, state: a.state, since: a.since, callId: a.callId, wrapUpUntil: a.wrapUpUntil, idleSince: a.idleSince })
    for (const call of waiting) router.restoreWaiting(call)
    const entry = { router, agents: new Map(agents.map((a) => [a.userId, JSON.stringify(agentRuntimeToRow(router.agentViews().find((v) => v.id === a.userId)!))])) }
    loaded.set(ws.workspaceId, entry)
    return entry
  }

  /** Runs `work` alone for this workspace (operations on one router never interleave). */
  function locked<T>(workspaceId: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(workspaceId) ?? Promise.resolve()
    const run = previous.then(work, work)
    locks.set(workspaceId, run.catch(() => undefined))
    return run
  }

  /** Applies `step` to the router and persists what changed; `extra` writes the operation's own call row changes. */
  async function operate<T extends { decisions: Decision[] }>(
    workspaceId: string, step: (router: AcdRouter, now: number, ws: WorkspaceDb) => Promise<{ result: T; write?: (db: WorkspaceDb['db']) => Promise<void> }>,
  ): Promise<T> {
    return locked(workspaceId, async () => {
      const ws = deps.database.workspace(workspaceId)
      const entry = await load(ws)
      const now = deps.now()
      let outcome: Awaited<ReturnType<typeof step>>
      try {
        outcome = await step(entry.router, now, ws)
      } catch (error) {
        if (error instanceof RouterError) throw ROUTER_ERRORS[error.code]()
        throw error
      }
      const changedAgents = entry.router.agentViews().filter((v) => entry.agents.get(v.id) !== JSON.stringify(agentRuntimeToRow(v)))
      // A quiet tick changes nothing: no transaction every second per workspace.
      if (!outcome.write && outcome.result.decisions.length === 0 && changedAgents.length === 0) return outcome.result
      const needsTask = outcome.result.decisions.some((d) => d.type === 'assign' && d.kind === 'callback')
      try {
        const makeTask = needsTask && deps.prepareCallbackTask ? await deps.prepareCallbackTask(workspaceId) : null
        await ws.db.transaction().execute(async (trx) => {
          await outcome.write?.(trx)
          await persistDecisions(trx, ws, entry.router, outcome.result.decisions, makeTask)
          for (const view of changedAgents) await trx.updateTable('acd_agents').set(agentRuntimeToRow(view)).where('user_id', '=', view.id).execute()
        })
      } catch (error) {
        loaded.delete(workspaceId)
        throw error
      }
      for (const view of changedAgents) entry.agents.set(view.id, JSON.stringify(agentRuntimeToRow(view)))
      if (outcome.result.decisions.length || outcome.write || changedAgents.length) events.emit(workspaceId, outcome.result.decisions)
      return outcome.result
    })
  }

  async function persistDecisions(trx: WorkspaceDb['db'], ws: WorkspaceDb, router: AcdRouter, decisions: Decision[], makeTask: CallbackTaskMaker | null): Promise<void> {
    const waiting = new Map(router.waitingCalls().map((w) => [w.id, w]))
    for (const d of decisions) {
      const callId = 'callId' in d ? d.callId : null
      const agentId = 'agentId' in d ? d.agentId : null
      const queueId = d.type === 'overflow' ? d.toQueueId : 'queueId' in d ? d.queueId : null
      await trx.insertInto('acd_decisions').values({ id: newId(), at: d.at, type: d.type, call_id: callId, agent_id: agentId, queue_id: queueId, detail: ws.dialect.toDb('json', toApiDecision(d)) }).execute()
      if (d.type === 'assign') {
        await trx.updateTable('acd_calls').set({ status: 'assigned', agent_id: d.agentId, assigned_at: d.at, queue_id: d.queueId }).where('id', '=', d.callId).execute()
        if (d.kind === 'callback' && makeTask) {
          const call = await findCall(trx, ws.dialect, d.callId)
          const taskId = call ? await makeTask(trx, call, d.agentId, d.at) : null
          if (taskId) await trx.updateTable('acd_calls').set({ task_id: taskId }).where('id', '=', d.callId).execute()
        }
      }
      if (d.type === 'overflow') {
        const call = waiting.get(d.callId)
        await trx.updateTable('acd_calls').set({ queue_id: d.toQueueId, ...(call ? { queue_entered_at: call.queueEnteredAt } : {}) }).where('id', '=', d.callId).execute()
      }
      if (d.type === 'offerCallback') await trx.updateTable('acd_calls').set({ callback_offered: ws.dialect.toDb('boolean', true) }).where('id', '=', d.callId).execute()
    }
  }

  /** The queue and priority boost the routing rules give a call (first matching rule with a queue; boosts add up). */
  async function route(ws: WorkspaceDb, body: QueueCallBody): Promise<{ queueId: string; boost: number }> {
    const rules = await listRules(ws.db, ws.dialect)
    const person = body.personId ? await deps.personAttributes(ws.workspaceId, body.personId) : null
    if (body.personId && !person) throw fieldError('/personId', 'there is no such person')
    let queueId = body.queueId ?? null
    let boost = body.priorityBoost ?? 0
    for (const rule of rules) {
      if (!rule.enabled) continue
      const m = rule.match
      if (m.dialledNumber !== undefined && m.dialledNumber !== body.dialledNumber) continue
      if (m.ivrChoice !== undefined && m.ivrChoice !== body.ivrChoice) continue
      if (m.personField && !(person && m.personField.values.includes(String(person[m.personField.field] ?? '')))) continue
      boost += rule.priorityBoost
      queueId ??= rule.queueId
    }
    if (!queueId) throw fieldError('/queueId', 'give a queue: no routing rule chose one for this call')
    return { queueId, boost }
  }

  return {
    subscribe(workspaceId: string, listener: (decisions: Decision[]) => void): () => void {
      events.on(workspaceId, listener)
      return () => events.off(workspaceId, listener)
    },
    /** Drops the workspace's router after a configuration change (waits for operations in flight). */
    reload(workspaceId: string): Promise<void> {
      return locked(workspaceId, async () => {
        loaded.delete(workspaceId)
        events.emit(workspaceId, [])
      })
    },

    async snapshot(workspaceId: string, now = deps.now()) {
      return locked(workspaceId, async () => {
        const entry = await load(deps.database.workspace(workspaceId))
        return { now, waiting: entry.router.waitingCalls(), agents: entry.router.agentViews(), effective: (id: string) => entry.router.effectivePriority(id, now) }
      })
    },

    callQueued(workspaceId: string, body: QueueCallBody) {
      return operate(workspaceId, async (router, now, ws) => {
        if (await findCall(ws.db, ws.dialect, body.callId)) throw fieldError('/callId', 'this call was already queued', 'conflict')
        const { queueId, boost } = await route(ws, body)
        const decisions = router.enqueue({ id: body.callId, queueId, priorityBoost: boost }, now)
        const row: CallRow = {
          id: body.callId, originQueueId: queueId, queueId, kind: 'voice', status: 'waiting', priorityBoost: boost, personId: body.personId ?? null,
          dialledNumber: body.dialledNumber ?? null, ivrChoice: body.ivrChoice ?? null, agentId: null, callbackOffered: false,
          enqueuedAt: now, queueEnteredAt: now, assignedAt: null, answeredAt: null, endedAt: null, endReason: null,
        }
        // The call row goes first: the decisions' updates apply to it.
        return { result: { callId: body.callId, queueId, priorityBoost: boost, decisions }, write: (db) => insertCall(db, ws.dialect, row) }
      })
    },

    callAnswered(workspaceId: string, callId: string) {
      return operate(workspaceId, async (router, now, ws) => {
        const call = await findCall(ws.db, ws.dialect, callId)
        if (!call) throw ROUTER_ERRORS['unknown-call']()
        if (call.status !== 'assigned') throw new AppError('conflict', `Call ${callId.slice(0, 200)} is not with an agent waiting to answer`)
        return { result: { decisions: router.tick(now) }, write: async (db) => { await db.updateTable('acd_calls').set({ status: 'answered', answered_at: now }).where('id', '=', callId).execute() } }
      })
    },

    callEnded(workspaceId: string, callId: string, reason: string | null) {
      return operate(workspaceId, async (router, now) => {
        const { outcome, decisions } = router.ended(callId, now)
        const write = async (db: WorkspaceDb['db']) => {
          if (outcome === 'callbackKept') return
          await db.updateTable('acd_calls').set({ status: outcome === 'abandoned' ? 'abandoned' : 'ended', ended_at: now, end_reason: reason }).where('id', '=', callId).execute()
        }
        return { result: { outcome, decisions }, write }
      })
    },

    callbackRequested(workspaceId: string, callId: string) {
      return operate(workspaceId, async (router, now) => ({
        result: { decisions: router.requestCallback(callId, now) },
        write: async (db) => { await db.updateTable('acd_calls').set({ kind: 'callback' }).where('id', '=', callId).execute() },
      }))
    },

    /**
     * Closes a callback by hand: a waiting one leaves the queue, one with an agent frees the
     * agent (wrap-up as after any call). `status` is what the row records.
     */
    closeCallback(workspaceId: string, callId: string, status: 'ended' | 'cancelled', by: string | null) {
      return operate(workspaceId, async (router, now, ws) => {
        const call = await findCall(ws.db, ws.dialect, callId)
        if (!call || call.kind !== 'callback') throw new AppError('not-found', 'No such callback')
        if (!['waiting', 'assigned', 'answered'].includes(call.status)) throw new AppError('conflict', `This callback is already ${call.status}`)
        const decisions = call.status === 'waiting' ? router.withdraw(callId, now) : router.ended(callId, now).decisions
        const write = async (db: WorkspaceDb['db']) => {
          await db.updateTable('acd_calls').set({ status, ended_at: now, end_reason: status === 'cancelled' ? 'callbackCancelled' : 'callbackCompleted', handled_by: by }).where('id', '=', callId).execute()
        }
        return { result: { decisions }, write }
      })
    },

    setAgentState(workspaceId: string, userId: string, state: ChosenState) {
      return operate(workspaceId, async (router, now) => ({ result: { decisions: router.setAgentState(userId, state, now) } }))
    },

    /** Applies due timers in every loaded workspace; decisions go to subscribers. */
    async tickAll(): Promise<void> {
      for (const workspaceId of [...loaded.keys()]) {
        await operate(workspaceId, async (router, now) => ({ result: { decisions: router.tick(now) } })).catch(() => undefined)
      }
    },

    agentView(views: AgentView[], userId: string): AgentView | undefined {
      return views.find((v) => v.id === userId)
    },
  }
}

export type AcdRuntime = ReturnType<typeof createAcdRuntime>
