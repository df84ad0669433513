/**
 * Checks dashboard widgets for the caller before they are stored: the aggregate part through
 * the aggregate engine's own planner (same messages, pointers under `/widgets/<i>`), the rest
 * (type rules, grid, KPI options) here. A widget can therefore only hold what its author could
 * compute, and errors name the exact field.
 */
import type { AggregateRequest } from '../../../../contracts/analytics.js'
import { GRID_COLUMNS, MAX_FILTER_CHARS, type Widget, type WidgetDefinition } from '../../../../contracts/dashboards.js'
import { AppError, ProblemCollector } from '../../errors.js'
import { checkAggregate } from '../../engine/aggregate.js'
import type { FieldMeta, ObjectMeta } from '../../engine/metadata-types.js'
import type { RecordContext } from '../../engine/records.js'
import { visibleObject } from '../../engine/visibility.js'
import { newId } from '../../engine/ids.js'

/** How many group keys each widget type takes: [min, max]. */
const GROUP_KEYS: Record<WidgetDefinition['type'], [number, number]> = {
  kpi: [0, 0], bar: [1, 1], line: [1, 1], area: [1, 1], pie: [1, 1], funnel: [1, 1], table: [0, 2], pivot: [2, 2],
}
const SYSTEM_DATES = new Set(['createdAt', 'updatedAt'])

/** The field a KPI compares periods on: date or dateTime; `instant` when it is a dateTime. */
export function comparisonField(view: ObjectMeta, name: string): { instant: boolean } | null {
  if (SYSTEM_DATES.has(name)) return { instant: true }
  const field: FieldMeta | undefined = view.fieldsByName.get(name)
  if (!field || (field.type !== 'date' && field.type !== 'dateTime')) return null
  return { instant: field.type === 'dateTime' }
}

/**
 * The filter with its relative values filled in: `"$now"` (this instant, for dateTime fields)
 * and `"$today"` (today's date in the dashboard's zone, for date fields), so a saved widget
 * such as "overdue tasks" stays current.
 */
export function resolveFilter(filter: unknown, today: string, now = new Date()): unknown {
  if (Array.isArray(filter)) return filter.map((item) => resolveFilter(item, today, now))
  if (filter === '$now') return now.toISOString()
  if (filter === '$today') return today
  if (typeof filter !== 'object' || filter === null) return filter
  return Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, resolveFilter(value, today, now)]))
}

/** The aggregate request a widget stands for (before KPI periods and sorting). */
export function aggregateOf(widget: WidgetDefinition, timeZone: string, today: string): AggregateRequest {
  const filter = widget.filter === undefined || widget.filter === null ? undefined : resolveFilter(widget.filter, today)
  return { object: widget.object, measures: widget.measures, groupBy: widget.groupBy ?? [], timeZone, ...(filter !== undefined ? { filter } : {}) }
}

/** Runs `work`, moving an AppError's field problems (pointers prefixed) into `problems`. */
function collect(problems: ProblemCollector, prefix: string, work: () => void): void {
  try {
    work()
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.errors?.length) for (const e of error.errors) problems.add(`${prefix}${e.pointer}`, e.detail)
    else problems.add(prefix, error.message)
  }
}

function checkWidget(ctx: RecordContext, widget: WidgetDefinition, pointer: string, problems: ProblemCollector): void {
  const object = ctx.metadata.objects.get(widget.object)
  if (!object || !ctx.access.can(object.apiName, 'read')) return problems.add(`${pointer}/object`, `no object ${JSON.stringify(widget.object)} you may read`)
  const [min, max] = GROUP_KEYS[widget.type]
  const keys = widget.groupBy?.length ?? 0
  if (keys < min || keys > max) problems.add(`${pointer}/groupBy`, min === max ? `a ${widget.type} widget groups by exactly ${min} field${min === 1 ? '' : 's'}` : `a ${widget.type} widget groups by ${min} to ${max} fields`)
  if (widget.type !== 'table' && widget.measures.length > 1) problems.add(`${pointer}/measures`, `a ${widget.type} widget shows one measure`)
  if (widget.filter !== undefined && JSON.stringify(widget.filter).length > MAX_FILTER_CHARS) problems.add(`${pointer}/filter`, `must be at most ${MAX_FILTER_CHARS} characters as JSON`)
  if (widget.layout.x + widget.layout.w > GRID_COLUMNS) problems.add(`${pointer}/layout/w`, `x + w must be at most ${GRID_COLUMNS}`)
  collect(problems, pointer, () => checkAggregate(ctx, object, aggregateOf(widget, 'UTC', '2000-01-01')))
  const options = widget.options ?? {}
  if (widget.type !== 'kpi') {
    for (const key of ['compare', 'ratio', 'currency'] as const) if (options[key] !== undefined) problems.add(`${pointer}/options/${key}`, 'applies to kpi widgets only')
    return
  }
  const view = visibleObject(ctx.access, object)
  if (options.compare && !comparisonField(view, options.compare.field)) problems.add(`${pointer}/options/compare/field`, `${object.apiName} has no date or dateTime field ${JSON.stringify(options.compare.field)}`)
  if (options.ratio) {
    if (widget.measures[0]?.fn !== 'count') problems.add(`${pointer}/options/ratio`, 'a ratio divides counts: the measure must be count')
    collect(problems, `${pointer}/options/ratio`, () => checkAggregate(ctx, object, { object: object.apiName, measures: [{ fn: 'count' }], filter: resolveFilter(options.ratio!.filter, '2000-01-01') }))
  }
}

/** The widgets with ids, checked for the caller; throws 400 listing every problem. */
export function checkWidgets(ctx: RecordContext, widgets: WidgetDefinition[]): Widget[] {
  const problems = new ProblemCollector()
  const seen = new Set<string>()
  const withIds = widgets.map((widget, i) => {
    const pointer = `/widgets/${i}`
    if (widget.id !== undefined && seen.has(widget.id)) problems.add(`${pointer}/id`, 'appears twice')
    const id = widget.id ?? `w-${newId().slice(-12)}`
    seen.add(id)
    checkWidget(ctx, widget, pointer, problems)
    return { ...widget, title: widget.title.trim(), id }
  })
  problems.throwIfAny()
  return withIds
}
