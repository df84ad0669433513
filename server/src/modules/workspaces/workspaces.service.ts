/**
 * @module workspaces
 * Workspaces are the tenants. Creating one creates its storage (a file or a schema), its
 * standard objects through the metadata path, and a default sales pipeline.
 */
import type { Database } from '../../db/database.js'
import { AppError } from '../../errors.js'
import { newWorkspaceId } from '../../engine/ids.js'
import type { MetadataCache } from '../../engine/metadata-store.js'
import { getObject } from '../../engine/metadata-store.js'
import { createRecord, type RecordContext } from '../../engine/records.js'
import { SYSTEM_ACCESS, type AccessPolicy } from '../../engine/access.js'
import type { SchemaEditor } from '../../engine/schema-editor.js'
import type { CursorCodec } from '../../engine/sort-cursor.js'
import { ensureNameSortIndex } from '../../db/migrations/workspace/2026_11_30_0006_people_name_sort_index.js'
import { DEFAULT_PIPELINE, STANDARD_OBJECTS } from './standard-objects.js'

export interface Workspace {
  id: string
  name: string
  defaultCountry: string
  defaultCurrency: string
  locale: string
  createdAt: string
}

const rowToWorkspace = (row: Record<string, unknown>): Workspace => ({
  id: row.id as string,
  name: row.name as string,
  defaultCountry: row.default_country as string,
  defaultCurrency: row.default_currency as string,
  locale: row.locale as string,
  createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
})

export function createWorkspacesService(deps: {
  database: Database; schema: SchemaEditor; cache: MetadataCache; cursors: CursorCodec
  /** Creates the default roles in a new workspace's store. */
  createDefaultRoles: (workspaceId: string) => Promise<unknown>
}) {
  const { database } = deps
  const known = new Map<string, Workspace>()

  async function find(id: string): Promise<Workspace | undefined> {
    const cached = known.get(id)
    if (cached) return cached
    const row = await database.control.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return undefined
    const workspace = rowToWorkspace(row)
    known.set(id, workspace)
    return workspace
  }

  async function recordContext(workspace: Workspace, actor: string, access: AccessPolicy = SYSTEM_ACCESS): Promise<RecordContext> {
    const ws = database.workspace(workspace.id)
    return {
      ws,
      metadata: await deps.cache.get(ws),
      parse: { defaultCountry: workspace.defaultCountry, defaultCurrency: workspace.defaultCurrency },
      actor,
      cursors: deps.cursors,
      access,
    }
  }

  return {
    find,
    async get(id: string): Promise<Workspace> {
      const workspace = await find(id)
      if (!workspace) throw new AppError('not-found', 'Workspace not found')
      return workspace
    },
    async list(): Promise<Workspace[]> {
      const rows = await database.control.selectFrom('workspaces').selectAll().orderBy('created_at').execute()
      return rows.map(rowToWorkspace)
    },
    recordContext,
    async rename(id: string, name: string): Promise<Workspace> {
      await database.control.updateTable('workspaces').set({ name }).where('id', '=', id).execute()
      known.delete(id)
      return this.get(id)
    },
    /** Changes the name and regional defaults; unset keys keep their value. */
    async update(id: string, input: { name?: string; locale?: string; defaultCurrency?: string; defaultCountry?: string }): Promise<Workspace> {
      const changes = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.defaultCurrency !== undefined ? { default_currency: input.defaultCurrency } : {}),
        ...(input.defaultCountry !== undefined ? { default_country: input.defaultCountry } : {}),
      }
      if (Object.keys(changes).length > 0) await database.control.updateTable('workspaces').set(changes).where('id', '=', id).execute()
      known.delete(id)
      return this.get(id)
    },
    async create(input: { name: string; defaultCountry?: string; defaultCurrency?: string; locale?: string }): Promise<Workspace> {
      const id = newWorkspaceId()
      const createdAt = new Date().toISOString()
      await database.control.insertInto('workspaces').values({
        id, name: input.name, default_country: input.defaultCountry ?? 'US', default_currency: input.defaultCurrency ?? 'USD',
        locale: input.locale ?? 'en', created_at: createdAt,
      }).execute()
      try {
        const ws = await database.createWorkspaceStorage(id)
        await deps.createDefaultRoles(id)
        for (const { showsOnTimeline, labelFields, ...body } of STANDARD_OBJECTS) {
          await deps.schema.createObject(ws, body, { isStandard: true, showsOnTimeline, labelFields })
        }
        await ensureNameSortIndex(ws.db, ws.dialect)
        const workspace = (await find(id))!
        const ctx = await recordContext(workspace, 'system')
        await ws.db.transaction().execute(async (trx) => {
          const pipeline = await createRecord(ctx, trx, getObject(ctx.metadata, 'pipelines'), { name: DEFAULT_PIPELINE.name, position: 1 })
          for (const [index, stage] of DEFAULT_PIPELINE.stages.entries()) {
            await createRecord(ctx, trx, getObject(ctx.metadata, 'pipelineStages'), { ...stage, position: index + 1, pipeline: pipeline.id })
          }
        })
        return workspace
      } catch (error) {
        // A half-made workspace would confuse every later start; remove it whole.
        known.delete(id)
        await database.dropWorkspaceStorage(id).catch(() => {})
        await database.control.deleteFrom('workspaces').where('id', '=', id).execute()
        throw error
      }
    },
  }
}

export type WorkspacesService = ReturnType<typeof createWorkspacesService>
