/**
 * Rollups for dashboard widgets (docs/decisions/020-dashboard-rollups.md): each widget whose
 * shape a rollup can answer gets one declared — when its dashboard is saved, and lazily when a
 * dashboard (a default one included) is shown — unless a declared rollup already covers it.
 * Declaring is cheap and idempotent; the build runs in the background, and until it is ready
 * the aggregate engine runs the live query.
 */
import type { AggregateRequest } from '../../../../contracts/analytics.js'
import type { Widget } from '../../../../contracts/dashboards.js'
import type { RollupInfo, WidgetRollup } from '../../../../contracts/rollups.js'
import type { RecordContext } from '../../engine/records.js'
import { covers, rollupNeedOf, sumsOf, type RollupSpec } from '../../engine/rollups/rollup-shape.js'
import { declareRollup, ensureBuilt, listRollups, type StoredRollup } from '../../engine/rollups/rollup-store.js'
import { visibleObject } from '../../engine/visibility.js'
import { both } from './widget-data.js'
import { periodAround, rangeFilter } from './periods.js'
import { aggregateOf, comparisonField } from './widget-check.js'

/** The aggregate a widget runs most: its own, or for a KPI the current period's. */
function requestOf(ctx: RecordContext, widget: Widget, timeZone: string, today: string): AggregateRequest | null {
  const request = aggregateOf(widget, timeZone, today)
  const compare = widget.type === 'kpi' ? widget.options?.compare : undefined
  if (widget.options?.ratio) return null
  if (!compare) return request
  const object = ctx.metadata.objects.get(widget.object)!
  const instant = comparisonField(visibleObject(ctx.access, object), compare.field)?.instant ?? false
  const period = periodAround(today, compare.period)
  return { ...request, filter: both(request.filter, rangeFilter(compare.field, instant, period.from, period.to, timeZone)) }
}

/** The rollup shape a widget reads, or null when it runs live. */
function specOf(ctx: RecordContext, widget: Widget, timeZone: string, today: string): RollupSpec | null {
  const object = ctx.metadata.objects.get(widget.object)
  if (!object || !ctx.access.can(object.apiName, 'read')) return null
  const request = requestOf(ctx, widget, timeZone, today)
  return request ? rollupNeedOf(visibleObject(ctx.access, object), object, request, timeZone)?.spec ?? null : null
}

const usable = (r: StoredRollup) => r.status !== 'failed'

/** Declares (and queues the build of) the rollups these widgets need and do not have. */
export async function declareWidgetRollups(ctx: RecordContext, widgets: Widget[], timeZone: string, today: string): Promise<void> {
  const rollups = await listRollups(ctx.ws)
  for (const widget of widgets) {
    const spec = specOf(ctx, widget, timeZone, today)
    if (!spec) continue
    const covering = rollups.filter((r) => usable(r) && covers(r.spec, spec))
    if (covering.length > 0) {
      for (const r of covering) ensureBuilt(ctx.ws, r)
      continue
    }
    rollups.push(await declareRollup(ctx.ws, widget.object, spec))
  }
}

function infoOf(r: StoredRollup): RollupInfo {
  return {
    id: r.id, object: r.object, status: r.status, dimensions: r.spec.dims, sums: sumsOf(r.spec), day: r.spec.day ? { column: r.spec.day.column, timeZone: r.spec.day.timeZone } : null,
    rowCount: r.rowCount, sourceRows: r.sourceRows, buildMs: r.buildMs, error: r.error,
  }
}

/** Per widget, the rollup that answers it (the smallest ready one, else one on its way), or null. */
export async function widgetRollups(ctx: RecordContext, widgets: Widget[], timeZone: string, today: string): Promise<WidgetRollup[]> {
  const rollups = await listRollups(ctx.ws)
  return widgets.map((widget) => {
    const spec = specOf(ctx, widget, timeZone, today)
    const covering = spec ? rollups.filter((r) => usable(r) && covers(r.spec, spec)) : []
    const best = covering.filter((r) => r.status === 'ready').sort((a, b) => (a.rowCount ?? 0) - (b.rowCount ?? 0))[0] ?? covering[0]
    return { widgetId: widget.id, rollup: best ? infoOf(best) : null }
  })
}
