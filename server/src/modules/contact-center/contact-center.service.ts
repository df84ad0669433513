/**
 * @module contact-center/service
 * The contact center's front door for routes and other modules: permissions (administrators
 * configure; supervisors — administrators or agents flagged isSupervisor — see every agent,
 * the wallboard and reports and control calls; an agent sets their own state), the ACD
 * runtime, and the wallboard. The telephony module calls `telephony.*` with the workspace it
 * authenticated (docs/decisions/011-acd-routing.md).
 */
import type { AcdAgentInfo, AgentBody, QueueBody, QueueCallBody, ReportInterval, RuleBody, SkillBody } from '../../../../contracts/contact-center.js'
import type { Database } from '../../db/database.js'
import { AppError, fieldError } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import { getRecord } from '../../engine/records.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import type { RecordsService } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { createAcdConfigService } from './acd/acd-config.service.js'
import { callsBetween, listAgents, listQueues } from './acd/acd.repository.js'
import { createAcdRuntime, toApiDecision } from './acd/acd.service.js'
import type { ChosenState, Decision } from './acd/model.js'
import { buildReport, buildWallboard, startOfUtcDay } from './acd/wallboard.js'
import type { AgentEndpointBody, CallbackView } from '../../../../contracts/contact-center-telephony.js'
import type { CallPlacement } from '../telephony/call-routing-port.js'
import { checkEndpoint, deleteEndpoint, endpointOf, listEndpoints, saveEndpoint } from './acd/agent-endpoints.js'
import { createCallbackTask, listCallbacks } from './callbacks.js'
import { findCall } from './acd/acd.repository.js'

const TICK_MS = 1000
const MAX_REPORT_DAYS = 93

export function createContactCenterService(deps: { database: Database; records: RecordsService; access: AccessService; workspaces: WorkspacesService; now?: () => number }) {
  const now = deps.now ?? Date.now
  const runtime = createAcdRuntime({
    database: deps.database, now,
    async personAttributes(workspaceId, personId) {
      const ctx = await deps.workspaces.recordContext(await deps.workspaces.get(workspaceId), 'system')
      try {
        return await getRecord(ctx, ctx.ws.db, getObject(ctx.metadata, 'people'), personId)
      } catch (error) {
        if (error instanceof AppError && error.status === 404) return null
        throw error
      }
    },
    async prepareCallbackTask(workspaceId) {
      const ctx = await deps.workspaces.recordContext(await deps.workspaces.get(workspaceId), 'system')
      return (trx, call, agentId, at) => createCallbackTask(ctx, trx, call, agentId, at)
    },
  })
  const config = createAcdConfigService({
    now,
    adminStore(workspaceId, isAdmin) {
      if (!isAdmin) throw new AppError('forbidden', 'Only an administrator configures the contact center')
      return deps.database.workspace(workspaceId)
    },
    isMember: async (workspaceId, userId) => (await deps.access.roleOfMember(workspaceId, userId)) !== undefined,
    changed: (workspaceId) => void runtime.reload(workspaceId),
  })
  const timer = setInterval(() => void runtime.tickAll(), TICK_MS)
  timer.unref()

  const ws = (p: Principal) => deps.database.workspace(p.workspaceId)
  const isAdmin = async (p: Principal) => (await deps.records.contextFor(p)).access.isAdmin
  async function isSupervisor(p: Principal): Promise<boolean> {
    if (await isAdmin(p)) return true
    if (!p.userId) return false
    return (await listAgents(ws(p).db, ws(p).dialect)).some((a) => a.userId === p.userId && a.isSupervisor)
  }
  async function requireSupervisor(p: Principal): Promise<void> {
    if (!(await isSupervisor(p))) throw new AppError('forbidden', 'Only a supervisor or an administrator may do this')
  }
  const decisions = (list: Decision[]) => list.map(toApiDecision)

  async function agents(p: Principal): Promise<AcdAgentInfo[]> {
    const store = ws(p)
    const [rows, members, snap] = await Promise.all([listAgents(store.db, store.dialect), deps.access.listMembers(p.workspaceId), runtime.snapshot(p.workspaceId)])
    const names = new Map(members.map((m) => [m.userId, m.name]))
    return rows.map((row) => {
      const live = snap.agents.find((v) => v.id === row.userId)
      return {
        userId: row.userId, name: names.get(row.userId) ?? row.userId, skills: row.skills, capacity: { voice: 1 as const }, wrapUpSeconds: row.wrapUpSeconds,
        isSupervisor: row.isSupervisor, state: live?.state ?? row.state, since: new Date(live?.since ?? row.since).toISOString(), callId: live?.callId ?? null,
        wrapUpUntil: live?.wrapUpUntil ? new Date(live.wrapUpUntil).toISOString() : null,
      }
    })
  }

  const telephony = {
    async callQueued(workspaceId: string, body: QueueCallBody) {
      const result = await runtime.callQueued(workspaceId, body)
      return { ...result, decisions: decisions(result.decisions) }
    },
    async callAnswered(workspaceId: string, callId: string) {
      return { decisions: decisions((await runtime.callAnswered(workspaceId, callId)).decisions) }
    },
    async callEnded(workspaceId: string, callId: string, reason: string | null = null) {
      const result = await runtime.callEnded(workspaceId, callId, reason)
      return { outcome: result.outcome, decisions: decisions(result.decisions) }
    },
    async callbackRequested(workspaceId: string, callId: string) {
      return { decisions: decisions((await runtime.callbackRequested(workspaceId, callId)).decisions) }
    },
    /** Where the call is now and how to reach its agent (read after the router's commit). */
    async placement(workspaceId: string, callId: string): Promise<CallPlacement | null> {
      const store = deps.database.workspace(workspaceId)
      const call = await findCall(store.db, store.dialect, callId)
      if (!call) return null
      const [queue, endpoint] = await Promise.all([
        store.db.selectFrom('acd_queues').select(['name', 'priority']).where('id', '=', call.queueId).executeTakeFirst(),
        call.agentId ? endpointOf(store.db, call.agentId) : undefined,
      ])
      return {
        status: call.status, kind: call.kind, queueId: call.queueId, queueName: queue?.name ?? call.queueId, priority: Number(queue?.priority ?? 0) + call.priorityBoost,
        callbackOffered: call.callbackOffered, agentId: call.agentId, endpoint: endpoint ? { kind: endpoint.kind, address: endpoint.address } : null,
      }
    },
  }

  return {
    telephony,
    stop: () => clearInterval(timer),
    subscribe: runtime.subscribe,

    listSkills: (p: Principal) => config.listSkills(ws(p)),
    createSkill: async (p: Principal, body: SkillBody) => config.createSkill(p.workspaceId, await isAdmin(p), body),
    deleteSkill: async (p: Principal, key: string) => config.deleteSkill(p.workspaceId, await isAdmin(p), key),
    listQueues: (p: Principal) => config.listQueues(ws(p)),
    createQueue: async (p: Principal, body: QueueBody) => config.createQueue(p.workspaceId, await isAdmin(p), body),
    updateQueue: async (p: Principal, id: string, body: QueueBody) => config.updateQueue(p.workspaceId, await isAdmin(p), id, body),
    deleteQueue: async (p: Principal, id: string) => config.deleteQueue(p.workspaceId, await isAdmin(p), id),
    listRules: (p: Principal) => config.listRules(ws(p)),
    createRule: async (p: Principal, body: RuleBody) => config.createRule(p.workspaceId, await isAdmin(p), body),
    deleteRule: async (p: Principal, id: string) => config.deleteRule(p.workspaceId, await isAdmin(p), id),
    updateRule: async (p: Principal, id: string, body: RuleBody) => config.updateRule(p.workspaceId, await isAdmin(p), id, body),
    reorderRules: async (p: Principal, ids: string[]) => config.reorderRules(p.workspaceId, await isAdmin(p), ids),
    configureAgent: async (p: Principal, userId: string, body: AgentBody) => {
      await config.configureAgent(p.workspaceId, await isAdmin(p), userId, body)
      return (await agents(p)).find((a) => a.userId === userId)!
    },
    removeAgent: async (p: Principal, userId: string) => config.removeAgent(p.workspaceId, await isAdmin(p), userId),

    async listAgents(p: Principal) {
      await requireSupervisor(p)
      return agents(p)
    },
    async me(p: Principal): Promise<AcdAgentInfo> {
      const mine = (await agents(p)).find((a) => a.userId === p.userId)
      if (!mine) throw new AppError('not-found', 'You are not an agent of the contact center')
      return mine
    },
    /** `userId` null: the caller themselves. Anyone else's state only a supervisor sets. */
    async setState(p: Principal, userId: string | null, state: ChosenState) {
      const target = userId ?? p.userId
      if (!target) throw new AppError('forbidden', 'An API key without a user is not an agent')
      if (target !== p.userId) await requireSupervisor(p)
      const result = await runtime.setAgentState(p.workspaceId, target, state)
      return { agent: (await agents(p)).find((a) => a.userId === target)!, decisions: decisions(result.decisions) }
    },

    async queueState(p: Principal) {
      await requireSupervisor(p)
      const snap = await runtime.snapshot(p.workspaceId)
      return snap.waiting.map((w) => ({
        callId: w.id, queueId: w.queueId, originQueueId: w.originQueueId, kind: w.kind, enqueuedAt: new Date(w.enqueuedAt).toISOString(),
        waitSeconds: (snap.now - w.enqueuedAt) / 1000, effectivePriority: snap.effective(w.id), callbackOffered: w.callbackOffered,
      }))
    },

    async wallboard(p: Principal) {
      await requireSupervisor(p)
      const store = ws(p)
      const snap = await runtime.snapshot(p.workspaceId)
      const since = startOfUtcDay(snap.now)
      const [queues, agentRows, members, calls] = await Promise.all([
        listQueues(store.db, store.dialect), listAgents(store.db, store.dialect), deps.access.listMembers(p.workspaceId), callsBetween(store.db, store.dialect, since, snap.now + 1),
      ])
      return buildWallboard({
        now: snap.now, since, queues, waiting: snap.waiting, agents: snap.agents, calls,
        agentSkills: new Map(agentRows.map((a) => [a.userId, a.skills])), names: new Map(members.map((m) => [m.userId, m.name])),
      })
    },

    async report(p: Principal, query: { interval: ReportInterval; by: 'queue' | 'agent'; from: string; to: string }) {
      await requireSupervisor(p)
      const from = Date.parse(query.from)
      const to = Date.parse(query.to)
      if (Number.isNaN(from)) throw fieldError('/query/from', 'must be a date-time')
      if (Number.isNaN(to) || to <= from) throw fieldError('/query/to', 'must be a date-time after from')
      if (to - from > MAX_REPORT_DAYS * 86_400_000) throw fieldError('/query/to', `a report covers at most ${MAX_REPORT_DAYS} days`)
      const store = ws(p)
      const [queues, members, calls] = await Promise.all([listQueues(store.db, store.dialect), deps.access.listMembers(p.workspaceId), callsBetween(store.db, store.dialect, from, to)])
      return buildReport({ calls, interval: query.interval, by: query.by, queues, names: new Map(members.map((m) => [m.userId, m.name])) })
    },

    async decisions(p: Principal, callId: string) {
      await requireSupervisor(p)
      if (!(await ws(p).db.selectFrom('acd_calls').select('id').where('id', '=', callId).executeTakeFirst())) throw new AppError('not-found', 'No such call')
      const rows = await ws(p).db.selectFrom('acd_decisions').select(['detail']).where('call_id', '=', callId).orderBy('at').orderBy('id').execute()
      return rows.map((r) => ws(p).dialect.fromDb('json', r.detail))
    },

    listEndpoints: async (p: Principal) => {
      await requireSupervisor(p)
      return listEndpoints(ws(p).db)
    },
    async setEndpoint(p: Principal, userId: string, body: AgentEndpointBody) {
      if (!(await isAdmin(p))) throw new AppError('forbidden', 'Only an administrator configures the contact center')
      const clean = checkEndpoint(body)
      if (!(await listAgents(ws(p).db, ws(p).dialect)).some((a) => a.userId === userId)) throw new AppError('not-found', 'This user is not an agent of the contact center')
      await saveEndpoint(ws(p).db, userId, clean, new Date(now()).toISOString())
      return (await endpointOf(ws(p).db, userId))!
    },
    async removeEndpoint(p: Principal, userId: string) {
      if (!(await isAdmin(p))) throw new AppError('forbidden', 'Only an administrator configures the contact center')
      if (!(await deleteEndpoint(ws(p).db, userId))) throw new AppError('not-found', 'This agent has no telephony endpoint')
    },

    /** Supervisors see every callback; an agent sees the callbacks handed to them. */
    async callbacks(p: Principal, filter: 'open' | 'closed' | 'all', limit: number): Promise<CallbackView[]> {
      const supervisor = await isSupervisor(p)
      if (!supervisor && !p.userId) throw new AppError('forbidden', 'Only a supervisor or an agent may list callbacks')
      return listCallbacks(ws(p), filter, limit, supervisor ? null : p.userId)
    },
    /** Completes (the agent called back) or cancels a callback; the agent it was handed to or a supervisor. */
    async closeCallback(p: Principal, callId: string, status: 'ended' | 'cancelled') {
      const call = await findCall(ws(p).db, ws(p).dialect, callId)
      if (!call || call.kind !== 'callback') throw new AppError('not-found', 'No such callback')
      if (!(await isSupervisor(p)) && (call.agentId === null || call.agentId !== p.userId)) throw new AppError('not-found', 'No such callback')
      const result = await runtime.closeCallback(p.workspaceId, callId, status, p.userId ?? null)
      return { callback: (await listCallbacks(ws(p), 'all', 1, null, callId))[0], decisions: decisions(result.decisions) }
    },

    /** Call control over HTTP for supervisors and integrations without the telephony module. */
    async control<T>(p: Principal, work: (workspaceId: string) => Promise<T>): Promise<T> {
      await requireSupervisor(p)
      return work(p.workspaceId)
    },
  }
}

export type ContactCenterService = ReturnType<typeof createContactCenterService>
