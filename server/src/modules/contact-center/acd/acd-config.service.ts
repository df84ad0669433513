/**
 * ACD configuration: skills, queues, agents (workspace members with skill levels) and routing
 * rules. Administrators change it; every write is validated whole (unknown skills, unknown
 * queues and overflow loops are refused with the field named) before anything is written.
 * After a change the runtime drops its router for the workspace, which reloads from the tables.
 */
import type { AcdQueueConfig, AcdRule, AcdSkill, AgentBody, QueueBody, RuleBody, SkillBody } from '../../../../../contracts/contact-center.js'
import { AppError, ProblemCollector, fieldError } from '../../../errors.js'
import { newId } from '../../../engine/ids.js'
import type { WorkspaceDb } from '../../../db/database.js'
import { findOverflowLoop } from './model.js'
import { listAgents, listQueues, listRules, listSkills, queueToRow } from './acd.repository.js'

export interface ConfigDeps {
  /** The workspace's store, for an administrator (throws forbidden otherwise). */
  adminStore(workspaceId: string, isAdmin: boolean): WorkspaceDb
  isMember(workspaceId: string, userId: string): Promise<boolean>
  /** Called after every change so the router reloads. */
  changed(workspaceId: string): void
  now(): number
}

function checkQueue(body: QueueBody, skills: Set<string>, queueIds: Set<string>, problems: ProblemCollector): void {
  body.requirements?.forEach((r, i) => { if (!skills.has(r.skill)) problems.add(`/requirements/${i}/skill`, `there is no skill ${JSON.stringify(r.skill)}`) })
  body.relaxation?.forEach((r, i) => { if (!skills.has(r.skill)) problems.add(`/relaxation/${i}/skill`, `there is no skill ${JSON.stringify(r.skill)}`) })
  if (body.overflow && !queueIds.has(body.overflow.queueId)) problems.add('/overflow/queueId', 'there is no such queue')
}

/** Reordered rules get positions this far apart, so a rule can later be put between two others. */
const RULE_POSITION_STEP = 10

async function checkRule(ws: WorkspaceDb, body: RuleBody): Promise<void> {
  if (body.queueId && !(await listQueues(ws.db, ws.dialect)).some((q) => q.id === body.queueId)) throw fieldError('/queueId', 'there is no such queue')
  if (!body.match.dialledNumber && !body.match.ivrChoice && !body.match.personField) throw fieldError('/match', 'give at least one condition')
}

const ruleOf = (id: string, body: RuleBody): AcdRule => ({
  id, name: body.name.trim(), position: body.position ?? 0, match: body.match, queueId: body.queueId ?? null, priorityBoost: body.priorityBoost ?? 0, enabled: body.enabled ?? true,
})

const ruleToRow = (rule: AcdRule, ws: WorkspaceDb) => ({
  name: rule.name, position: rule.position, match: ws.dialect.toDb('json', rule.match), queue_id: rule.queueId, priority_boost: rule.priorityBoost,
  enabled: ws.dialect.toDb('boolean', rule.enabled),
})

export function createAcdConfigService(deps: ConfigDeps) {
  async function saveQueue(ws: WorkspaceDb, id: string, body: QueueBody, creating: boolean): Promise<AcdQueueConfig> {
    const [skills, queues] = await Promise.all([listSkills(ws.db), listQueues(ws.db, ws.dialect)])
    if (!creating && !queues.some((q) => q.id === id)) throw new AppError('not-found', `No queue with id ${id.slice(0, 100)}`)
    const problems = new ProblemCollector()
    checkQueue(body, new Set(skills.map((s) => s.key)), new Set([...queues.map((q) => q.id), id]), problems)
    problems.throwIfAny()
    const queue: AcdQueueConfig = {
      id, name: body.name.trim(), priority: body.priority ?? 0, requirements: body.requirements ?? [], serviceLevelSeconds: body.serviceLevelSeconds ?? 20,
      overflow: body.overflow ?? null, relaxation: [...(body.relaxation ?? [])].sort((a, b) => a.afterSeconds - b.afterSeconds),
      callbackAfterSeconds: body.callbackAfterSeconds ?? null,
    }
    const loop = findOverflowLoop([...queues.filter((q) => q.id !== id), queue])
    if (loop) throw fieldError('/overflow/queueId', `overflow would loop: ${loop.join(' → ')} → ${loop[0]}`)
    const row = queueToRow(queue, ws.dialect)
    if (creating) await ws.db.insertInto('acd_queues').values({ ...row, created_at: ws.dialect.toDb('timestamp', new Date(deps.now()).toISOString()) }).execute()
    else await ws.db.updateTable('acd_queues').set(row).where('id', '=', id).execute()
    return queue
  }

  const done = <T>(workspaceId: string, value: T): T => {
    deps.changed(workspaceId)
    return value
  }

  return {
    async listSkills(ws: WorkspaceDb): Promise<AcdSkill[]> {
      return listSkills(ws.db)
    },
    async createSkill(workspaceId: string, isAdmin: boolean, body: SkillBody): Promise<AcdSkill> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      if (await ws.db.selectFrom('acd_skills').select('key').where('key', '=', body.key).executeTakeFirst()) throw fieldError('/key', 'a skill with this key exists', 'conflict')
      await ws.db.insertInto('acd_skills').values({ key: body.key, name: body.name.trim(), created_at: ws.dialect.toDb('timestamp', new Date(deps.now()).toISOString()) }).execute()
      return { key: body.key, name: body.name.trim() }
    },
    async deleteSkill(workspaceId: string, isAdmin: boolean, key: string): Promise<void> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      const queues = await listQueues(ws.db, ws.dialect)
      const user = queues.find((q) => q.requirements.some((r) => r.skill === key) || q.relaxation.some((r) => r.skill === key))
      if (user) throw new AppError('conflict', `Queue ${user.name} requires this skill; change the queue first`)
      const result = await ws.db.deleteFrom('acd_skills').where('key', '=', key).executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) throw new AppError('not-found', 'No such skill')
      done(workspaceId, undefined)
    },

    listQueues: (ws: WorkspaceDb) => listQueues(ws.db, ws.dialect),
    async createQueue(workspaceId: string, isAdmin: boolean, body: QueueBody): Promise<AcdQueueConfig> {
      return done(workspaceId, await saveQueue(deps.adminStore(workspaceId, isAdmin), newId(), body, true))
    },
    async updateQueue(workspaceId: string, isAdmin: boolean, id: string, body: QueueBody): Promise<AcdQueueConfig> {
      return done(workspaceId, await saveQueue(deps.adminStore(workspaceId, isAdmin), id, body, false))
    },
    async deleteQueue(workspaceId: string, isAdmin: boolean, id: string): Promise<void> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      const queues = await listQueues(ws.db, ws.dialect)
      if (!queues.some((q) => q.id === id)) throw new AppError('not-found', 'No such queue')
      const feeder = queues.find((q) => q.overflow?.queueId === id)
      if (feeder) throw new AppError('conflict', `Queue ${feeder.name} overflows into this queue`)
      const live = await ws.db.selectFrom('acd_calls').select('id').where('queue_id', '=', id).where('status', 'in', ['waiting', 'assigned', 'answered']).executeTakeFirst()
      if (live) throw new AppError('conflict', 'Calls are waiting in or connected from this queue')
      await ws.db.deleteFrom('acd_rules').where('queue_id', '=', id).execute()
      await ws.db.deleteFrom('acd_queues').where('id', '=', id).execute()
      done(workspaceId, undefined)
    },

    async configureAgent(workspaceId: string, isAdmin: boolean, userId: string, body: AgentBody): Promise<void> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      if (!(await deps.isMember(workspaceId, userId))) throw fieldError('/params/userId', 'not a member of this workspace', 'not-found')
      const skills = new Set((await listSkills(ws.db)).map((s) => s.key))
      const problems = new ProblemCollector()
      for (const key of Object.keys(body.skills)) if (!skills.has(key)) problems.add(`/skills/${key}`, `there is no skill ${JSON.stringify(key)}`)
      problems.throwIfAny()
      const config = {
        skills: ws.dialect.toDb('json', body.skills), voice_capacity: 1, wrap_up_seconds: body.wrapUpSeconds ?? 0,
        is_supervisor: ws.dialect.toDb('boolean', body.isSupervisor ?? false),
      }
      const existing = await ws.db.selectFrom('acd_agents').select('user_id').where('user_id', '=', userId).executeTakeFirst()
      if (existing) await ws.db.updateTable('acd_agents').set(config).where('user_id', '=', userId).execute()
      else await ws.db.insertInto('acd_agents').values({ user_id: userId, ...config, state: 'offline', state_since: deps.now(), idle_since: null, wrap_up_until: null, call_id: null }).execute()
      done(workspaceId, undefined)
    },
    async removeAgent(workspaceId: string, isAdmin: boolean, userId: string): Promise<void> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      const agent = (await listAgents(ws.db, ws.dialect)).find((a) => a.userId === userId)
      if (!agent) throw new AppError('not-found', 'No such agent')
      if (agent.callId) throw new AppError('conflict', 'The agent is on a call')
      await ws.db.deleteFrom('acd_agents').where('user_id', '=', userId).execute()
      done(workspaceId, undefined)
    },

    listRules: (ws: WorkspaceDb) => listRules(ws.db, ws.dialect),
    async createRule(workspaceId: string, isAdmin: boolean, body: RuleBody): Promise<AcdRule> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      await checkRule(ws, body)
      const rule = ruleOf(newId(), body)
      await ws.db.insertInto('acd_rules').values({ id: rule.id, ...ruleToRow(rule, ws) }).execute()
      return rule
    },
    /** Replaces a rule whole (a missing position or enabled keeps the stored one). */
    async updateRule(workspaceId: string, isAdmin: boolean, id: string, body: RuleBody): Promise<AcdRule> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      const stored = (await listRules(ws.db, ws.dialect)).find((r) => r.id === id)
      if (!stored) throw new AppError('not-found', 'No such rule')
      await checkRule(ws, body)
      const rule = ruleOf(id, { ...body, position: body.position ?? stored.position, enabled: body.enabled ?? stored.enabled })
      await ws.db.updateTable('acd_rules').set(ruleToRow(rule, ws)).where('id', '=', id).execute()
      return rule
    },
    /** Puts the rules in the order given (every rule exactly once), in one transaction. */
    async reorderRules(workspaceId: string, isAdmin: boolean, ids: string[]): Promise<AcdRule[]> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      const stored = new Set((await listRules(ws.db, ws.dialect)).map((r) => r.id))
      const problems = new ProblemCollector()
      ids.forEach((id, i) => { if (!stored.has(id)) problems.add(`/ids/${i}`, 'there is no such rule') })
      if (ids.length !== stored.size) problems.add('/ids', `give every rule exactly once (${stored.size} rules)`)
      problems.throwIfAny()
      await ws.db.transaction().execute(async (trx) => {
        for (const [i, id] of ids.entries()) await trx.updateTable('acd_rules').set({ position: i * RULE_POSITION_STEP }).where('id', '=', id).execute()
      })
      return listRules(ws.db, ws.dialect)
    },
    async deleteRule(workspaceId: string, isAdmin: boolean, id: string): Promise<void> {
      const ws = deps.adminStore(workspaceId, isAdmin)
      const result = await ws.db.deleteFrom('acd_rules').where('id', '=', id).executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) throw new AppError('not-found', 'No such rule')
    },
  }
}

export type AcdConfigService = ReturnType<typeof createAcdConfigService>
