/**
 * @module views
 * Saved list views. Everyone sees their own private views and the workspace's shared ones;
 * only the owner changes a private view, and the owner or an administrator a shared one.
 * A view someone may not see answers 404 (not 403), so ids are no existence oracle. Parts
 * are checked on write and projected for each reader on read (view-shape.ts).
 */
import type { CreateViewBody, SavedView, UpdateViewBody } from '../../../../contracts/views.js'
import { AppError } from '../../errors.js'
import { newId } from '../../engine/ids.js'
import { getObject } from '../../engine/metadata-store.js'
import type { RecordContext } from '../../engine/records.js'
import { requirePermission } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import { actorOf, type RecordsService } from '../records/records.service.js'
import { checkParts, projectParts } from './view-shape.js'
import { deleteView, findView, insertView, listViews, replaceView, type StoredView } from './views.repository.js'

const notFound = (id: string) => new AppError('not-found', `No view with id ${id.slice(0, 100)}`)

function versionConflict(view: StoredView): AppError {
  return new AppError('version-conflict', `This view is at version ${view.version}; read it again and retry`, { extensions: { currentVersion: view.version } })
}

export function createViewsService(deps: { records: RecordsService }) {
  const mayEdit = (ctx: RecordContext, owner: string, view: StoredView) =>
    view.ownerId === owner || (view.visibility === 'shared' && ctx.access.isAdmin)

  /** The view as the caller sees it, or null when its object is gone or unreadable to them. */
  function present(ctx: RecordContext, owner: string, view: StoredView): SavedView | null {
    const object = ctx.metadata.objects.get(view.object)
    if (!object || !ctx.access.can(object.apiName, 'read')) return null
    return { ...view, ...projectParts(ctx, object, view), editable: mayEdit(ctx, owner, view) }
  }

  /** A view the caller may see, with its context; 404 otherwise. */
  async function visible(principal: Principal, id: string) {
    const ctx = await deps.records.contextFor(principal)
    const owner = actorOf(principal)
    const view = await findView(ctx.ws.db, ctx.ws.dialect, id)
    if (!view || (view.visibility === 'private' && view.ownerId !== owner)) throw notFound(id)
    const shown = present(ctx, owner, view)
    if (!shown) throw notFound(id)
    return { ctx, owner, view, shown }
  }

  async function editable(principal: Principal, id: string, ifMatch: number | undefined) {
    const found = await visible(principal, id)
    if (!found.shown.editable) throw new AppError('forbidden', 'Only the owner or an administrator can change a shared view')
    if (ifMatch !== undefined && ifMatch !== found.view.version) throw versionConflict(found.view)
    return found
  }

  return {
    async list(principal: Principal, object?: string): Promise<SavedView[]> {
      const ctx = await deps.records.contextFor(principal)
      if (object !== undefined) requirePermission(ctx.access, getObject(ctx.metadata, object), 'read')
      const owner = actorOf(principal)
      const views = await listViews(ctx.ws.db, ctx.ws.dialect, owner, object)
      return views.map((view) => present(ctx, owner, view)).filter((view): view is SavedView => view !== null)
    },

    async get(principal: Principal, id: string): Promise<SavedView> {
      return (await visible(principal, id)).shown
    },

    async create(principal: Principal, body: CreateViewBody): Promise<SavedView> {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, body.object)
      requirePermission(ctx.access, object, 'read')
      const parts = { filter: body.filter ?? null, sort: body.sort ?? [], columns: body.columns ?? [] }
      checkParts(ctx, object, parts)
      const at = new Date().toISOString()
      const view: StoredView = {
        id: newId(), object: object.apiName, name: body.name.trim(), ...parts, visibility: body.visibility ?? 'private',
        ownerId: actorOf(principal), createdAt: at, updatedAt: at, version: 1,
      }
      await insertView(ctx.ws.db, ctx.ws.dialect, view)
      return present(ctx, view.ownerId, view)!
    },

    async update(principal: Principal, id: string, body: UpdateViewBody, ifMatch?: number): Promise<SavedView> {
      const { ctx, owner, view } = await editable(principal, id, ifMatch)
      const object = getObject(ctx.metadata, view.object)
      checkParts(ctx, object, body)
      const next: StoredView = {
        ...view,
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.filter !== undefined ? { filter: body.filter } : {}),
        ...(body.sort !== undefined ? { sort: body.sort } : {}),
        ...(body.columns !== undefined ? { columns: body.columns } : {}),
        ...(body.visibility !== undefined ? { visibility: body.visibility } : {}),
        updatedAt: new Date().toISOString(),
        version: view.version + 1,
      }
      if (!(await replaceView(ctx.ws.db, ctx.ws.dialect, next, view.version))) throw versionConflict(view)
      return present(ctx, owner, next)!
    },

    async remove(principal: Principal, id: string, ifMatch?: number): Promise<void> {
      const { ctx, view } = await editable(principal, id, ifMatch)
      if (!(await deleteView(ctx.ws.db, id, view.version))) throw versionConflict(view)
    },
  }
}

export type ViewsService = ReturnType<typeof createViewsService>
