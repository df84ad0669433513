/**
 * @module dashboards
 * Dashboards of widgets over the aggregate engine. Everyone sees their own private dashboards
 * and the workspace's shared ones; only the owner changes a private one, the owner or an
 * administrator a shared one. A dashboard someone may not see answers 404 (no existence
 * oracle). Widgets are checked for their author on write and computed for each reader, so a
 * reader never gets figures over records or fields they could not aggregate themselves.
 */
import type { CreateDashboardBody, Dashboard, UpdateDashboardBody, Widget, WidgetData, WidgetResult } from '../../../../contracts/dashboards.js'
import { canonicalTimeZone } from '../../db/dialects/date-bucket.js'
import { SYSTEM_ACCESS } from '../../engine/access.js'
import { AppError, fieldError } from '../../errors.js'
import { newId } from '../../engine/ids.js'
import type { RecordContext } from '../../engine/records.js'
import type { Principal } from '../../http/auth.js'
import { actorOf, type RecordsService } from '../records/records.service.js'
import { DEFAULT_DASHBOARDS } from './default-dashboards.js'
import { claimDefault, deleteDashboard, findDashboard, hasAllDefaults, insertDashboard, listDashboards, replaceDashboard, type StoredDashboard } from './dashboards.repository.js'
import { checkWidgets } from './widget-check.js'
import { widgetCsv } from './widget-csv.js'
import { widgetData } from './widget-data.js'
import type { WidgetRollup } from '../../../../contracts/rollups.js'
import { todayIn } from './periods.js'
import { declareWidgetRollups, widgetRollups } from './widget-rollups.js'

const notFound = (id: string) => new AppError('not-found', `No dashboard with id ${id.slice(0, 100)}`)
const SYSTEM_OWNER = 'system'
/** Group keys whose values are member ids: answered with the members' names as labels. */
const MEMBER_FIELDS = new Set(['ownerId', 'createdBy'])

function versionConflict(d: StoredDashboard): AppError {
  return new AppError('version-conflict', `This dashboard is at version ${d.version}; read it again and retry`, { extensions: { currentVersion: d.version } })
}

function timeZoneOf(value: string | undefined, pointer: string): string {
  const zone = canonicalTimeZone(value ?? 'UTC')
  if (!zone) throw fieldError(pointer, 'must be an IANA time zone such as Europe/Vilnius')
  return zone
}

/** Replaces member ids in owner columns' labels with the members' names. */
async function labelMembers(ctx: RecordContext, data: WidgetData): Promise<void> {
  const columns = data.columns.map((c, i) => (c.kind === 'group' && c.field && MEMBER_FIELDS.has(c.field) ? i : -1)).filter((i) => i >= 0)
  if (columns.length === 0 || data.rows.length === 0) return
  const ids = [...new Set(data.rows.flatMap((row) => columns.map((i) => row.values[i]).filter((v): v is string => typeof v === 'string')))]
  if (ids.length === 0) return
  const members = await ctx.ws.db.selectFrom('members').select(['user_id', 'name']).where('user_id', 'in', ids).execute()
  const names = new Map(members.map((m) => [m.user_id as string, m.name as string]))
  for (const row of data.rows) for (const i of columns) row.labels[i] = typeof row.values[i] === 'string' ? names.get(row.values[i] as string) ?? null : null
}

export function createDashboardsService(deps: { records: RecordsService }) {
  const mayEdit = (ctx: RecordContext, owner: string, d: StoredDashboard) =>
    d.ownerId === owner || (d.visibility === 'shared' && ctx.access.isAdmin)
  const present = (ctx: RecordContext, owner: string, d: StoredDashboard): Dashboard => ({ ...d, editable: mayEdit(ctx, owner, d) })

  /** Creates the default dashboards a workspace has not had yet (once each, ever). */
  async function ensureDefaults(ctx: RecordContext): Promise<void> {
    const keys = DEFAULT_DASHBOARDS.map((d) => d.key)
    if (await hasAllDefaults(ctx.ws.db, keys)) return
    const system = { ...ctx, access: SYSTEM_ACCESS }
    await ctx.ws.db.transaction().execute(async (trx) => {
      for (const [index, preset] of DEFAULT_DASHBOARDS.entries()) {
        if (!(await claimDefault(trx, ctx.ws.dialect, preset.key))) continue
        const widgets = preset.widgets.flatMap((w) => {
          try {
            return checkWidgets(system, [w])
          } catch {
            return []
          }
        })
        // Distinct creation instants keep the defaults in their order.
        const at = new Date(Date.now() + index).toISOString()
        await insertDashboard(trx, ctx.ws.dialect, {
          id: newId(), name: preset.name, visibility: 'shared', ownerId: SYSTEM_OWNER, timeZone: 'UTC', widgets,
          defaultKey: preset.key, createdAt: at, updatedAt: at, version: 1,
        })
      }
    })
  }

  async function visible(principal: Principal, id: string) {
    const ctx = await deps.records.contextFor(principal)
    await ensureDefaults(ctx)
    const owner = actorOf(principal)
    const dashboard = await findDashboard(ctx.ws.db, ctx.ws.dialect, id)
    if (!dashboard || (dashboard.visibility === 'private' && dashboard.ownerId !== owner)) throw notFound(id)
    return { ctx, owner, dashboard }
  }

  async function editable(principal: Principal, id: string, ifMatch: number | undefined) {
    const found = await visible(principal, id)
    if (!mayEdit(found.ctx, found.owner, found.dashboard)) throw new AppError('forbidden', 'Only the owner or an administrator can change a shared dashboard')
    if (ifMatch !== undefined && ifMatch !== found.dashboard.version) throw versionConflict(found.dashboard)
    return found
  }

  function findWidget(d: StoredDashboard, widgetId: string): Widget {
    const widget = d.widgets.find((w) => w.id === widgetId)
    if (!widget) throw new AppError('not-found', `No widget ${widgetId.slice(0, 100)} on this dashboard`)
    return widget
  }

  /** Declares the rollups `widgets` need; a failure there never fails the dashboard itself. */
  async function declareRollups(ctx: RecordContext, d: StoredDashboard, widgets: Widget[], query: { asOf?: string; timeZone?: string } = {}): Promise<void> {
    const zone = canonicalTimeZone(query.timeZone ?? d.timeZone)
    if (!zone) return
    try {
      await declareWidgetRollups(ctx, widgets, zone, query.asOf ?? todayIn(zone))
    } catch {
      // Without a rollup the widgets run as live queries, which is slower but just as exact.
    }
  }

  async function dataOf(ctx: RecordContext, d: StoredDashboard, widget: Widget, query: { asOf?: string; timeZone?: string }): Promise<WidgetData> {
    const data = await widgetData(ctx, widget, { timeZone: timeZoneOf(query.timeZone ?? d.timeZone, '/querystring/timeZone'), asOf: query.asOf })
    await labelMembers(ctx, data)
    return data
  }

  return {
    ensureDefaults,

    async list(principal: Principal): Promise<Dashboard[]> {
      const ctx = await deps.records.contextFor(principal)
      await ensureDefaults(ctx)
      const owner = actorOf(principal)
      return (await listDashboards(ctx.ws.db, ctx.ws.dialect, owner)).map((d) => present(ctx, owner, d))
    },

    async get(principal: Principal, id: string): Promise<Dashboard> {
      const { ctx, owner, dashboard } = await visible(principal, id)
      return present(ctx, owner, dashboard)
    },

    async create(principal: Principal, body: CreateDashboardBody): Promise<Dashboard> {
      const ctx = await deps.records.contextFor(principal)
      const widgets = checkWidgets(ctx, body.widgets ?? [])
      const at = new Date().toISOString()
      const dashboard: StoredDashboard = {
        id: newId(), name: body.name.trim(), visibility: body.visibility ?? 'private', ownerId: actorOf(principal),
        timeZone: timeZoneOf(body.timeZone, '/timeZone'), widgets, defaultKey: null, createdAt: at, updatedAt: at, version: 1,
      }
      await insertDashboard(ctx.ws.db, ctx.ws.dialect, dashboard)
      await declareRollups(ctx, dashboard, widgets)
      return present(ctx, dashboard.ownerId, dashboard)
    },

    async update(principal: Principal, id: string, body: UpdateDashboardBody, ifMatch?: number): Promise<Dashboard> {
      const { ctx, owner, dashboard } = await editable(principal, id, ifMatch)
      const next: StoredDashboard = {
        ...dashboard,
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.visibility !== undefined ? { visibility: body.visibility } : {}),
        ...(body.timeZone !== undefined ? { timeZone: timeZoneOf(body.timeZone, '/timeZone') } : {}),
        ...(body.widgets !== undefined ? { widgets: checkWidgets(ctx, body.widgets) } : {}),
        updatedAt: new Date().toISOString(),
        version: dashboard.version + 1,
      }
      if (!(await replaceDashboard(ctx.ws.db, ctx.ws.dialect, next, dashboard.version))) throw versionConflict(dashboard)
      await declareRollups(ctx, next, next.widgets)
      return present(ctx, owner, next)
    },

    async remove(principal: Principal, id: string, ifMatch?: number): Promise<void> {
      const { ctx, dashboard } = await editable(principal, id, ifMatch)
      if (!(await deleteDashboard(ctx.ws.db, id, dashboard.version))) throw versionConflict(dashboard)
    },

    async widgetData(principal: Principal, id: string, widgetId: string, query: { asOf?: string; timeZone?: string }): Promise<WidgetData> {
      const { ctx, dashboard } = await visible(principal, id)
      const widget = findWidget(dashboard, widgetId)
      await declareRollups(ctx, dashboard, [widget], query)
      return dataOf(ctx, dashboard, widget, query)
    },

    /** Every widget's data, computed concurrently; a widget the caller cannot compute carries its problem. */
    async dashboardData(principal: Principal, id: string, query: { asOf?: string; timeZone?: string }): Promise<WidgetResult[]> {
      const { ctx, dashboard } = await visible(principal, id)
      timeZoneOf(query.timeZone ?? dashboard.timeZone, '/querystring/timeZone')
      await declareRollups(ctx, dashboard, dashboard.widgets, query)
      return Promise.all(dashboard.widgets.map(async (widget): Promise<WidgetResult> => {
        try {
          return { widgetId: widget.id, data: await dataOf(ctx, dashboard, widget, query) }
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          return { widgetId: widget.id, error: { status: error.status, code: error.code, detail: error.message, ...(error.errors ? { errors: error.errors } : {}) } }
        }
      }))
    },

    /** Per widget, the rollup answering it and its build status (none: the widget runs live). */
    async rollups(principal: Principal, id: string, query: { asOf?: string; timeZone?: string }): Promise<WidgetRollup[]> {
      const { ctx, dashboard } = await visible(principal, id)
      const zone = timeZoneOf(query.timeZone ?? dashboard.timeZone, '/querystring/timeZone')
      return widgetRollups(ctx, dashboard.widgets, zone, query.asOf ?? todayIn(zone))
    },

    async widgetCsv(principal: Principal, id: string, widgetId: string, query: { asOf?: string; timeZone?: string }): Promise<{ csv: string; filename: string }> {
      const { ctx, dashboard } = await visible(principal, id)
      const widget = findWidget(dashboard, widgetId)
      const data = await dataOf(ctx, dashboard, widget, query)
      return { csv: widgetCsv(data), filename: `${widget.id}.csv` }
    },
  }
}

export type DashboardsService = ReturnType<typeof createDashboardsService>
