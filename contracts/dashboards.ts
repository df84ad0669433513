import { Type, type Static, type TSchema } from 'typebox'
import { AggregateGroup, AggregateMeasure, BUCKETS, MAX_GROUP_KEYS, MAX_MEASURES, type Bucket } from './analytics.js'
import { API_NAME_PATTERN } from './field-types.js'

/**
 * Dashboards: named grids of widgets, private to their owner or shared with the workspace.
 * A widget is one aggregate request (object, measures, group-by, filter — the shapes of
 * `POST /api/v1/analytics/aggregate`) plus a chart type, a grid position and a few options.
 * Its data is computed per caller, so permissions and field-level security always apply.
 */
export const WIDGET_TYPES = ['kpi', 'bar', 'line', 'area', 'pie', 'funnel', 'table', 'pivot'] as const
export type WidgetType = (typeof WIDGET_TYPES)[number]
export const DASHBOARD_VISIBILITIES = ['private', 'shared'] as const
export type DashboardVisibility = (typeof DASHBOARD_VISIBILITIES)[number]
export const WIDGET_SORTS = ['key', 'valueDesc', 'valueAsc'] as const
export type WidgetSort = (typeof WIDGET_SORTS)[number]

export const GRID_COLUMNS = 12
export const MAX_WIDGETS = 24
export const MAX_WIDGET_ROWS = 1000
export const MAX_DASHBOARD_NAME = 120
export const MAX_FILTER_CHARS = 20_000

export const WidgetLayout = Type.Object({
  x: Type.Integer({ minimum: 0, maximum: GRID_COLUMNS - 1 }),
  y: Type.Integer({ minimum: 0, maximum: 1000 }),
  w: Type.Integer({ minimum: 1, maximum: GRID_COLUMNS }),
  h: Type.Integer({ minimum: 1, maximum: 12 }),
}, { additionalProperties: false, description: 'Grid cell: column x (0–11), row y, width w columns (x + w ≤ 12), height h rows' })
export type WidgetLayout = Static<typeof WidgetLayout>

export const WidgetOptions = Type.Object({
  sort: Type.Optional(Type.Unsafe<WidgetSort>({ type: 'string', enum: [...WIDGET_SORTS], description: 'Order of groups: by key (default) or by the first measure' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_WIDGET_ROWS, description: 'Most groups shown (after sorting)' })),
  compare: Type.Optional(Type.Object({
    field: Type.String({ pattern: API_NAME_PATTERN, description: 'A date or dateTime field (or createdAt) that places records in periods' }),
    period: Type.Unsafe<Bucket>({ type: 'string', enum: [...BUCKETS] }),
  }, { additionalProperties: false, description: 'KPI only: this period against the previous one' })),
  ratio: Type.Optional(Type.Object({
    filter: Type.Unsafe<unknown>({ description: 'Numerator filter; the KPI shows measure(filter ∧ this) / measure(filter) in %' }),
  }, { additionalProperties: false })),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'KPI of a currency measure: which currency (default: the workspace currency)' })),
}, { additionalProperties: false })
export type WidgetOptions = Static<typeof WidgetOptions>

export const WidgetDefinition = Type.Object({
  id: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Stable within the dashboard; assigned when missing' })),
  type: Type.Unsafe<WidgetType>({ type: 'string', enum: [...WIDGET_TYPES] }),
  title: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }),
  object: Type.String({ pattern: API_NAME_PATTERN }),
  measures: Type.Array(AggregateMeasure, { minItems: 1, maxItems: MAX_MEASURES }),
  groupBy: Type.Optional(Type.Array(AggregateGroup, { maxItems: MAX_GROUP_KEYS })),
  filter: Type.Optional(Type.Unsafe<unknown>({ description: 'The filter AST of record lists' })),
  layout: WidgetLayout,
  options: Type.Optional(WidgetOptions),
}, { additionalProperties: false })
export type WidgetDefinition = Static<typeof WidgetDefinition>
/** A stored widget always has its id. */
export type Widget = WidgetDefinition & { id: string }

const Name = Type.String({ minLength: 1, maxLength: MAX_DASHBOARD_NAME, pattern: '\\S' })
const Visibility = Type.Unsafe<DashboardVisibility>({ type: 'string', enum: [...DASHBOARD_VISIBILITIES] })
const TimeZone = Type.String({ maxLength: 64, description: 'IANA zone for date buckets and KPI periods (default UTC)' })
const Widgets = Type.Array(WidgetDefinition, { maxItems: MAX_WIDGETS })

export const CreateDashboardBody = Type.Object({
  name: Name,
  visibility: Type.Optional(Visibility),
  timeZone: Type.Optional(TimeZone),
  widgets: Type.Optional(Widgets),
}, { additionalProperties: false })
export type CreateDashboardBody = Static<typeof CreateDashboardBody>

export const UpdateDashboardBody = Type.Object({
  name: Type.Optional(Name),
  visibility: Type.Optional(Visibility),
  timeZone: Type.Optional(TimeZone),
  widgets: Type.Optional(Widgets),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateDashboardBody = Static<typeof UpdateDashboardBody>

export interface Dashboard {
  id: string
  name: string
  visibility: DashboardVisibility
  ownerId: string
  timeZone: string
  widgets: Widget[]
  /** `sales` or `service` for the workspace's default dashboards, otherwise null. */
  defaultKey: string | null
  createdAt: string
  updatedAt: string
  version: number
  /** Whether the caller may change or delete it (owner, or an administrator for a shared one). */
  editable: boolean
}

/** `?asOf=YYYY-MM-DD` fixes "today" for KPI periods; `?timeZone=` overrides the dashboard's zone. */
export const WidgetDataQuery = Type.Object({
  asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  timeZone: Type.Optional(TimeZone),
}, { additionalProperties: false })
export type WidgetDataQuery = Static<typeof WidgetDataQuery>

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const BucketSchema = Type.Unsafe<Bucket>({ type: 'string', enum: [...BUCKETS] })

/** One column of a widget's answer: a group key, or a measure (one column per currency for money). */
export const WidgetColumn = Type.Object({
  key: Type.String(),
  kind: Type.Unsafe<'group' | 'measure'>({ type: 'string', enum: ['group', 'measure'] }),
  field: Nullable(Type.String()),
  bucket: Type.Optional(BucketSchema),
  fn: Type.Optional(AggregateMeasure.properties.fn),
  currency: Type.Optional(Type.String()),
  relation: Type.Optional(Type.Boolean({ description: "A to-one relation group: `labels` hold the related records' titles" })),
})
export type WidgetColumn = Static<typeof WidgetColumn>

export const WidgetRow = Type.Object({
  values: Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), { description: 'Group values then measure values (numbers; money as exact decimal strings)' }),
  labels: Type.Array(Nullable(Type.String()), { description: "Per group column: a relation's title, otherwise null" }),
  filter: Type.Unknown({ description: "The records list filter that shows exactly this row's records (drill-down)" }),
})
export type WidgetRow = Static<typeof WidgetRow>

const KpiNumber = Type.Union([Type.Number(), Type.String(), Type.Null()])
export const KpiValue = Type.Object({
  current: KpiNumber,
  previous: KpiNumber,
  change: Type.Union([Type.Number(), Type.Null()], { description: 'Percent change from previous to current (percentage points for a ratio); null without a base' }),
  currency: Nullable(Type.String()),
  ratio: Type.Boolean(),
  period: Nullable(Type.Object({ from: Type.String(), to: Type.String(), previousFrom: Type.String(), previousTo: Type.String() })),
  filter: Type.Unknown({ description: "Filter for the current period's records" }),
})
export type KpiValue = Static<typeof KpiValue>

export const WidgetData = Type.Object({
  widgetId: Type.String(),
  type: Type.Unsafe<WidgetType>({ type: 'string', enum: [...WIDGET_TYPES] }),
  object: Type.String(),
  columns: Type.Array(WidgetColumn),
  rows: Type.Array(WidgetRow),
  truncated: Type.Boolean(),
  kpi: Type.Optional(KpiValue),
})
export type WidgetData = Static<typeof WidgetData>

const WidgetProblem = Type.Object({
  status: Type.Integer(), code: Type.String(), detail: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), detail: Type.String() }))),
})
/** One widget of a batch: its data, or the problem that stopped it (the others still answer). */
export const WidgetResult = Type.Union([
  Type.Object({ widgetId: Type.String(), data: WidgetData }),
  Type.Object({ widgetId: Type.String(), error: WidgetProblem }),
])
export type WidgetResult = Static<typeof WidgetResult>
