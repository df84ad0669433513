/**
 * @module agent scripts
 * Branching call scripts attached to queues (by key) or call reasons. Members read scripts and
 * run them; only administrators change them. A run replays the agent's answers through the
 * script (script-graph.ts) and stores them with the outcome, linked to a `call` activity the
 * caller may update — the answers show on that activity through GET /script-runs.
 */
import type { AgentScript, CreateScriptBody, ScriptRun, ScriptRunBody, UpdateScriptBody } from '../../../../contracts/contact-center-content.js'
import { AppError, fieldError } from '../../errors.js'
import { newId } from '../../engine/ids.js'
import { getObject } from '../../engine/metadata-store.js'
import { getRecord, type RecordContext } from '../../engine/records.js'
import { requirePermission } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import { actorOf, type RecordsService } from '../records/records.service.js'
import { replayRun, validateScriptDefinition } from './script-graph.js'
import * as repo from './scripts.repository.js'

const notFound = (id: string) => new AppError('not-found', `No script with id ${id.slice(0, 100)}`)
const adminOnly = () => new AppError('forbidden', 'Only administrators can change agent scripts')

export function createScriptsService(deps: { records: RecordsService }) {
  const present = (ctx: RecordContext, script: repo.StoredScript): AgentScript => ({ ...script, editable: ctx.access.isAdmin })

  async function load(principal: Principal, id: string) {
    const ctx = await deps.records.contextFor(principal)
    const script = await repo.findScript(ctx.ws.db, ctx.ws.dialect, id)
    if (!script) throw notFound(id)
    return { ctx, script }
  }

  /** The activity a run is saved on: one the caller can read and update, of type call. */
  async function callActivity(ctx: RecordContext, activityId: string) {
    const activities = getObject(ctx.metadata, 'activities')
    requirePermission(ctx.access, activities, 'update')
    const activity = await getRecord(ctx, ctx.ws.db, activities, activityId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'record-not-found') throw fieldError('/activityId', 'no activity with this id that you can see', 'record-not-found')
      throw error
    })
    if (activity.type !== 'call') throw fieldError('/activityId', 'answers are saved on call activities; this activity is not a call')
    return activity
  }

  return {
    async list(principal: Principal, filter: { queue?: string; callReason?: string }): Promise<AgentScript[]> {
      const ctx = await deps.records.contextFor(principal)
      return (await repo.listScripts(ctx.ws.db, ctx.ws.dialect))
        .filter((s) => (filter.queue === undefined || s.queues.includes(filter.queue)) && (filter.callReason === undefined || s.callReasons.includes(filter.callReason)))
        .map((s) => present(ctx, s))
    },

    async get(principal: Principal, id: string): Promise<AgentScript> {
      const { ctx, script } = await load(principal, id)
      return present(ctx, script)
    },

    async create(principal: Principal, body: CreateScriptBody): Promise<AgentScript> {
      const ctx = await deps.records.contextFor(principal)
      if (!ctx.access.isAdmin) throw adminOnly()
      validateScriptDefinition(body.definition)
      const at = new Date().toISOString()
      const script: repo.StoredScript = {
        id: newId(), name: body.name.trim(), queues: body.queues ?? [], callReasons: body.callReasons ?? [], definition: body.definition,
        revision: 1, createdAt: at, updatedAt: at,
      }
      await repo.insertScript(ctx.ws.db, ctx.ws.dialect, script)
      return present(ctx, script)
    },

    async update(principal: Principal, id: string, body: UpdateScriptBody, ifMatch?: number): Promise<AgentScript> {
      const { ctx, script } = await load(principal, id)
      if (!ctx.access.isAdmin) throw adminOnly()
      if (ifMatch !== undefined && ifMatch !== script.revision) throw new AppError('version-conflict', `This script is at revision ${script.revision}; read it again and retry`)
      if (body.definition) validateScriptDefinition(body.definition)
      const next: repo.StoredScript = {
        ...script, name: body.name?.trim() ?? script.name, queues: body.queues ?? script.queues, callReasons: body.callReasons ?? script.callReasons,
        definition: body.definition ?? script.definition, revision: script.revision + 1, updatedAt: new Date().toISOString(),
      }
      if (!(await repo.replaceScript(ctx.ws.db, ctx.ws.dialect, next, script.revision))) throw new AppError('version-conflict', 'The script changed meanwhile; read it again and retry')
      return present(ctx, next)
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const { ctx } = await load(principal, id)
      if (!ctx.access.isAdmin) throw adminOnly()
      await repo.deleteScript(ctx.ws.db, id)
    },

    /** Replays and stores a run; nothing is stored when an answer does not fit. */
    async run(principal: Principal, id: string, body: ScriptRunBody): Promise<ScriptRun> {
      const { ctx, script } = await load(principal, id)
      const replayed = replayRun(script.definition, body.answers)
      const activity = await callActivity(ctx, body.activityId)
      const run: ScriptRun = {
        id: newId(), scriptId: script.id, scriptName: script.name, scriptRevision: script.revision, activityId: activity.id,
        answers: replayed.answers, outcome: replayed.outcome, createdBy: actorOf(principal), createdAt: new Date().toISOString(),
      }
      await repo.insertRun(ctx.ws.db, ctx.ws.dialect, run)
      return run
    },

    /** Runs saved on an activity the caller can read. */
    async runsOf(principal: Principal, activityId: string): Promise<ScriptRun[]> {
      const ctx = await deps.records.contextFor(principal)
      const activities = getObject(ctx.metadata, 'activities')
      await getRecord(ctx, ctx.ws.db, activities, activityId, { fields: ['type'] })
      return repo.listRuns(ctx.ws.db, ctx.ws.dialect, activityId)
    },
  }
}

export type ScriptsService = ReturnType<typeof createScriptsService>
