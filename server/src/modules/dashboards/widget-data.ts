/**
 * A widget's data for one caller: the aggregate engine's rows turned into columns (money
 * measures get one column per currency, exact decimal strings), sorted and cut as the widget
 * asks, each row with the records filter that shows exactly its records (drill-down). A KPI
 * runs the aggregate for this and the previous period (and, for a ratio, their numerators).
 */
import type { AggregateGroup, MoneyTotal } from '../../../../contracts/analytics.js'
import { MAX_GROUP_LIMIT, measureAlias } from '../../../../contracts/analytics.js'
import type { KpiValue, Widget, WidgetColumn, WidgetData, WidgetRow } from '../../../../contracts/dashboards.js'
import { aggregateRecords } from '../../engine/aggregate.js'
import { getObject } from '../../engine/metadata-store.js'
import type { RecordContext } from '../../engine/records.js'
import { visibleObject } from '../../engine/visibility.js'
import { formatMoney } from '../../engine/fields/composite.js'
import { isManyToOne } from '../../engine/fields/relation.js'
import { addUnits, periodAround, rangeFilter, todayIn } from './periods.js'
import { aggregateOf, comparisonField, resolveFilter } from './widget-check.js'

type Row = Record<string, unknown>
type Cell = WidgetRow['values'][number]

export interface DataOptions { timeZone: string; asOf?: string }

const todayOf = (options: DataOptions) => options.asOf ?? todayIn(options.timeZone)
const filterOf = (widget: Widget, options: DataOptions) => (widget.filter === undefined || widget.filter === null ? undefined : resolveFilter(widget.filter, todayOf(options)))

/** `a ∧ b`, leaving out whichever is absent. */
export function both(a: unknown, b: unknown): unknown {
  if (a === undefined || a === null) return b
  if (b === undefined || b === null) return a
  return { and: [a, b] }
}

const isMoney = (value: unknown): value is MoneyTotal[] => Array.isArray(value)

/** The value of a measure in one currency (money) or as is (numbers). */
function measureCell(value: unknown, currency: string | undefined): Cell {
  if (currency === undefined) return value === undefined ? null : (value as Cell)
  if (!isMoney(value)) return null
  return value.find((m) => m.currency === currency)?.amount ?? null
}

/** Records of one group: `isNull`, a bucket's date range, or equality. */
function groupCondition(group: AggregateGroup, value: unknown, instant: boolean, timeZone: string): unknown {
  if (value === null || value === undefined) return { field: group.field, op: 'isNull' }
  if (group.bucket && typeof value === 'string') return rangeFilter(group.field, instant, value, addUnits(value, group.bucket, 1), timeZone)
  return { field: group.field, op: 'eq', value }
}

function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return Number(a) - Number(b)
}

async function rowsOf(ctx: RecordContext, widget: Widget, options: DataOptions): Promise<Omit<WidgetData, 'kpi'>> {
  const object = getObject(ctx.metadata, widget.object)
  const view = visibleObject(ctx.access, object)
  const sort = widget.options?.sort ?? (widget.type === 'funnel' ? 'valueDesc' : 'key')
  const shown = widget.options?.limit ?? MAX_GROUP_LIMIT
  // Sorting by value needs every group first; by key the engine's own order and limit serve.
  const result = await aggregateRecords(ctx, object, { ...aggregateOf(widget, options.timeZone, todayOf(options)), limit: sort === 'key' ? shown : MAX_GROUP_LIMIT })
  const groups = widget.groupBy ?? []
  const currencies = (alias: string) => [...new Set(result.rows.flatMap((r) => (isMoney(r[alias]) ? r[alias].map((m) => m.currency) : [])))].sort()
  const columns: WidgetColumn[] = groups.map((g) => {
    const field = view.fieldsByName.get(g.field)
    return { key: g.field, kind: 'group', field: g.field, ...(g.bucket ? { bucket: g.bucket } : {}), ...(field && isManyToOne(field) ? { relation: true } : {}) }
  })
  for (const m of widget.measures) {
    const alias = measureAlias(m)
    const field = m.field ? view.fieldsByName.get(m.field) : undefined
    if (field?.type === 'currency' && m.fn !== 'count') {
      for (const currency of currencies(alias)) columns.push({ key: `${alias}:${currency}`, kind: 'measure', field: m.field!, fn: m.fn, currency })
    } else columns.push({ key: alias, kind: 'measure', field: m.field ?? null, fn: m.fn })
  }
  const instants = groups.map((g) => comparisonField(view, g.field)?.instant ?? false)
  let rows: WidgetRow[] = result.rows.map((row: Row) => ({
    values: [
      ...groups.map((g) => (row[g.field] ?? null) as Cell),
      ...columns.filter((c) => c.kind === 'measure').map((c) => measureCell(row[c.key.split(':')[0]], c.currency)),
    ],
    labels: groups.map((g, i) => (columns[i].relation ? ((row[`${g.field}.title`] as string | null) ?? null) : null)),
    filter: both(filterOf(widget, options), groups.length === 0 ? undefined : groups.length === 1
      ? groupCondition(groups[0], row[groups[0].field], instants[0], options.timeZone)
      : { and: groups.map((g, i) => groupCondition(g, row[g.field], instants[i], options.timeZone)) }),
  }))
  let truncated = result.truncated
  if (sort !== 'key') {
    const at = groups.length
    rows = [...rows].sort((a, b) => (sort === 'valueDesc' ? compareCells(b.values[at], a.values[at]) : compareCells(a.values[at], b.values[at])))
    if (rows.length > shown) {
      rows = rows.slice(0, shown)
      truncated = true
    }
  }
  return { widgetId: widget.id, type: widget.type, object: widget.object, columns, rows, truncated }
}

/** A KPI aggregate's raw measure: a number, or per-currency totals for money. */
async function kpiRaw(ctx: RecordContext, widget: Widget, filter: unknown, timeZone: string): Promise<unknown> {
  const object = getObject(ctx.metadata, widget.object)
  const measure = widget.measures[0]
  const result = await aggregateRecords(ctx, object, { object: widget.object, measures: [measure], timeZone, ...(filter !== undefined && filter !== null ? { filter } : {}) })
  return result.rows[0]?.[measureAlias(measure)] ?? null
}

/**
 * The currency a money KPI shows: the widget's own, else the workspace's default when any of
 * the figures has it, else the first code (alphabetically) that occurs.
 */
function kpiCurrency(widget: Widget, defaultCurrency: string, raws: unknown[]): string {
  if (widget.options?.currency) return widget.options.currency
  const codes = [...new Set(raws.flatMap((raw) => (isMoney(raw) ? raw.map((m) => m.currency) : [])))].sort()
  return codes.includes(defaultCurrency) || codes.length === 0 ? defaultCurrency : codes[0]
}

/** One figure: a count or number, or the currency's amount. A count or sum over nothing is zero. */
function kpiNumber(widget: Widget, raw: unknown, currency: string | null): number | string | null {
  const measure = widget.measures[0]
  const cell = measureCell(raw, currency ?? undefined)
  if (cell === null && (measure.fn === 'count' || measure.fn === 'sum')) return currency ? formatMoney(0n) : 0
  return typeof cell === 'boolean' ? null : cell
}

const percentChange = (current: number, previous: number) => (previous === 0 ? null : Math.round(((current - previous) / Math.abs(previous)) * 1e6) / 1e4)
/** A ratio in percent, to 4 decimals; null when nothing is counted. */
const percentOf = (part: number | string | null, whole: number | string | null) =>
  whole === null || Number(whole) === 0 ? null : Math.round((Number(part ?? 0) / Number(whole)) * 1e6) / 1e4

async function kpiOf(ctx: RecordContext, widget: Widget, options: DataOptions): Promise<KpiValue> {
  const object = getObject(ctx.metadata, widget.object)
  const view = visibleObject(ctx.access, object)
  const measure = widget.measures[0]
  const money = measure.field !== undefined && measure.fn !== 'count' && view.fieldsByName.get(measure.field)?.type === 'currency'
  const compare = widget.options?.compare
  const ratio = widget.options?.ratio
  const ratioFilter = ratio ? resolveFilter(ratio.filter, todayOf(options)) : undefined
  const widgetFilter = filterOf(widget, options)
  // Per period: the figure, and for a ratio the numerator beside it.
  const raws = async (filter: unknown) => Promise.all([
    kpiRaw(ctx, widget, filter, options.timeZone),
    ...(ratio ? [kpiRaw(ctx, widget, both(filter, ratioFilter), options.timeZone)] : []),
  ])
  const instant = compare ? comparisonField(view, compare.field)?.instant ?? false : false
  const period = compare ? periodAround(todayOf(options), compare.period) : null
  const currentFilter = period ? both(widgetFilter, rangeFilter(compare!.field, instant, period.from, period.to, options.timeZone)) : widgetFilter
  const previousFilter = period ? both(widgetFilter, rangeFilter(compare!.field, instant, period.previousFrom, period.previousTo, options.timeZone)) : undefined
  const [now, before] = await Promise.all([raws(currentFilter), period ? raws(previousFilter) : Promise.resolve(null)])
  const currency = money ? kpiCurrency(widget, ctx.parse.defaultCurrency, [...now, ...(before ?? [])]) : null
  const figure = (values: unknown[]) => {
    const [whole, part] = values.map((raw) => kpiNumber(widget, raw, currency))
    return ratio ? percentOf(part, whole) : whole
  }
  const current = figure(now)
  const previous = before ? figure(before) : null
  const change = !before ? null : ratio
    ? (current === null || previous === null ? null : Math.round((Number(current) - Number(previous)) * 1e4) / 1e4)
    : percentChange(Number(current ?? 0), Number(previous ?? 0))
  return { current, previous, change, currency, ratio: ratio !== undefined, period, filter: currentFilter ?? null }
}

/** The widget's data as `ctx`'s caller may see it. */
export async function widgetData(ctx: RecordContext, widget: Widget, options: DataOptions): Promise<WidgetData> {
  if (widget.type !== 'kpi') return rowsOf(ctx, widget, options)
  const kpi = await kpiOf(ctx, widget, options)
  return { widgetId: widget.id, type: widget.type, object: widget.object, columns: [], rows: [], truncated: false, kpi }
}
