/**
 * @module ivr
 * IVR flows: every member may read flows and simulate them (agents test what callers hear);
 * only administrators change, publish or delete them. A save validates the whole graph
 * (ivr-graph.ts) and refuses with every problem pointing at its node. Publishing copies the
 * draft into an immutable numbered version; calls and exports use published versions only.
 * Self-service lookups read through the record engine as a service identity: a role (the
 * flow's `serviceRoleId`, else the workspace's "Read only" role), never as the caller.
 */
import type {
  CreateIvrFlowBody, IvrDefinition, IvrFlow, IvrFlowVersion, IvrSimulation, SimulateIvrBody, UpdateIvrFlowBody,
} from '../../../../contracts/contact-center-content.js'
import { AppError, fieldError } from '../../errors.js'
import { newId } from '../../engine/ids.js'
import type { RecordContext } from '../../engine/records.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import { actorOf, type RecordsService } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { validateIvrDefinition } from './ivr-graph.js'
import { parseInputs, runIvr } from './ivr-execute.js'
import { lookup, serviceContext } from './ivr-lookup.js'
import * as repo from './ivr.repository.js'

/** The format name adapters check before executing an exported flow. */
export const IVR_EXPORT_FORMAT = 'rapport-ivr/1'

const notFound = (id: string) => new AppError('not-found', `No IVR flow with id ${id.slice(0, 100)}`)
const adminOnly = () => new AppError('forbidden', 'Only administrators can change IVR flows')

export interface IvrDeps {
  records: RecordsService
  workspaces: WorkspacesService
  access: AccessService
}

export function createIvrService(deps: IvrDeps) {
  function present(ctx: RecordContext, flow: repo.StoredFlow): IvrFlow {
    return {
      id: flow.id, name: flow.name, definition: flow.definition, revision: flow.revision, publishedVersion: flow.publishedVersion,
      draftChanged: flow.publishedRevision !== flow.revision, createdAt: flow.createdAt, updatedAt: flow.updatedAt, editable: ctx.access.isAdmin,
    }
  }

  async function load(principal: Principal, id: string) {
    const ctx = await deps.records.contextFor(principal)
    const flow = await repo.findFlow(ctx.ws.db, ctx.ws.dialect, id)
    if (!flow) throw notFound(id)
    return { ctx, flow }
  }

  async function checkDefinition(ctx: RecordContext, principal: Principal, definition: IvrDefinition): Promise<void> {
    validateIvrDefinition(definition, (name) => {
      const object = ctx.metadata.objects.get(name)
      return object ? new Set(object.fields.map((f) => f.apiName)) : undefined
    })
    if (definition.serviceRoleId !== undefined) {
      const role = (await deps.access.listRoles(principal.workspaceId)).find((r) => r.id === definition.serviceRoleId)
      if (!role) throw fieldError('/definition/serviceRoleId', 'no such role in this workspace')
      if (role.isAdmin) throw fieldError('/definition/serviceRoleId', 'self-service lookups may not read as an administrator; pick a narrower role')
    }
  }

  async function getVersion(principal: Principal, id: string, version: number) {
    const { ctx, flow } = await load(principal, id)
    const found = await repo.findVersion(ctx.ws.db, ctx.ws.dialect, id, version)
    if (!found) throw new AppError('not-found', `Flow "${flow.name}" has no published version ${version}`)
    return { flow, found }
  }

  return {
    async list(principal: Principal): Promise<IvrFlow[]> {
      const ctx = await deps.records.contextFor(principal)
      return (await repo.listFlows(ctx.ws.db, ctx.ws.dialect)).map((flow) => present(ctx, flow))
    },

    async get(principal: Principal, id: string): Promise<IvrFlow> {
      const { ctx, flow } = await load(principal, id)
      return present(ctx, flow)
    },

    async create(principal: Principal, body: CreateIvrFlowBody): Promise<IvrFlow> {
      const ctx = await deps.records.contextFor(principal)
      if (!ctx.access.isAdmin) throw adminOnly()
      await checkDefinition(ctx, principal, body.definition)
      const at = new Date().toISOString()
      const flow: repo.StoredFlow = {
        id: newId(), name: body.name.trim(), definition: body.definition, revision: 1, publishedVersion: null, publishedRevision: null,
        createdBy: actorOf(principal), createdAt: at, updatedAt: at,
      }
      await repo.insertFlow(ctx.ws.db, ctx.ws.dialect, flow)
      return present(ctx, flow)
    },

    async update(principal: Principal, id: string, body: UpdateIvrFlowBody, ifMatch?: number): Promise<IvrFlow> {
      const { ctx, flow } = await load(principal, id)
      if (!ctx.access.isAdmin) throw adminOnly()
      if (ifMatch !== undefined && ifMatch !== flow.revision) throw new AppError('version-conflict', `This flow is at revision ${flow.revision}; read it again and retry`)
      if (body.definition) await checkDefinition(ctx, principal, body.definition)
      const next: repo.StoredFlow = {
        ...flow, name: body.name?.trim() ?? flow.name, definition: body.definition ?? flow.definition,
        revision: flow.revision + 1, updatedAt: new Date().toISOString(),
      }
      if (!(await repo.replaceDraft(ctx.ws.db, ctx.ws.dialect, next, flow.revision))) throw new AppError('version-conflict', 'The flow changed meanwhile; read it again and retry')
      return present(ctx, next)
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const { ctx } = await load(principal, id)
      if (!ctx.access.isAdmin) throw adminOnly()
      await ctx.ws.db.transaction().execute((trx) => repo.deleteFlow(trx, id))
    },

    /** Publishes the current draft as the next version (refused when the draft no longer validates). */
    async publish(principal: Principal, id: string): Promise<IvrFlowVersion> {
      const { ctx, flow } = await load(principal, id)
      if (!ctx.access.isAdmin) throw adminOnly()
      await checkDefinition(ctx, principal, flow.definition)
      const version: repo.StoredVersion = {
        flowId: flow.id, version: (flow.publishedVersion ?? 0) + 1, definition: flow.definition,
        publishedBy: actorOf(principal), publishedAt: new Date().toISOString(),
      }
      const done = await ctx.ws.db.transaction().execute((trx) => repo.publishVersion(trx, ctx.ws.dialect, flow, version))
      if (!done) throw new AppError('version-conflict', 'The flow changed while it was being published; try again')
      return version
    },

    async versions(principal: Principal, id: string): Promise<IvrFlowVersion[]> {
      const { ctx } = await load(principal, id)
      return repo.listVersions(ctx.ws.db, ctx.ws.dialect, id)
    },

    async version(principal: Principal, id: string, version: number): Promise<IvrFlowVersion> {
      return (await getVersion(principal, id, version)).found
    },

    /** The JSON an adapter executes: the version's graph plus what it needs to run it alone. */
    async export(principal: Principal, id: string, version: number) {
      const { flow, found } = await getVersion(principal, id, version)
      const { serviceRoleId: _internal, ...graph } = found.definition
      return {
        format: IVR_EXPORT_FORMAT, flowId: id, name: flow.name, version: found.version, publishedAt: found.publishedAt,
        defaultMenuRetries: 2, ...graph,
      }
    },

    async simulate(principal: Principal, id: string, body: SimulateIvrBody): Promise<IvrSimulation> {
      const { ctx, flow } = await load(principal, id)
      let definition = flow.definition
      let version: number | 'draft' = 'draft'
      if (!body.draft) {
        if (flow.publishedVersion === null) throw new AppError('conflict', `Flow "${flow.name}" is not published yet; publish it or simulate the draft`)
        definition = (await repo.findVersion(ctx.ws.db, ctx.ws.dialect, id, flow.publishedVersion))!.definition
        version = flow.publishedVersion
      } else {
        await checkDefinition(ctx, principal, definition)
      }
      const language = body.language && definition.languages.includes(body.language) ? body.language : definition.languages[0]
      const service = await serviceContext(deps, principal.workspaceId, id, definition)
      const at = body.at ? new Date(body.at) : new Date()
      const result = await runIvr(definition, parseInputs(body.digits), { at, language, lookup: (node, entered) => lookup(service, node, entered) })
      return { version, ...result }
    },
  }
}

export type IvrService = ReturnType<typeof createIvrService>
