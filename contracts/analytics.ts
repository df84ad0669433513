import { Type, type Static } from 'typebox'
import { API_NAME_PATTERN } from './field-types.js'

/**
 * `POST /api/v1/analytics/aggregate`: group an object's visible records and measure them in SQL.
 *
 * Each answer row has one key per group (the field's API name, or `amount.currency` style
 * paths) and one per measure, named by `measureAlias`: `count`, `count_<field>` (non-empty
 * values), `sum_<field>`, `avg_<field>`, `min_<field>`, `max_<field>`, `countDistinct_<field>`.
 * A to-one relation group holds the related id, plus `<field>.title` with the related record's
 * title (null when the caller cannot read it). Date buckets hold the ISO date of the bucket's
 * first day in `timeZone` (weeks start on Monday). Money is exact: a measure of a currency field
 * is a list `[{currency, amount}]` (one entry per currency code, amounts as decimal strings).
 */
export const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const
export type Bucket = (typeof BUCKETS)[number]
export const MEASURE_FUNCTIONS = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct'] as const
export type MeasureFunction = (typeof MEASURE_FUNCTIONS)[number]

export const MAX_GROUP_KEYS = 2
export const MAX_MEASURES = 10
export const DEFAULT_GROUP_LIMIT = 200
export const MAX_GROUP_LIMIT = 1000

/** A field, or one part of a composite field (`amount.currency`, `address.country`). */
const FIELD_PATH_PATTERN = `${API_NAME_PATTERN.slice(0, -1)}(\\.${API_NAME_PATTERN.slice(1, -1)})?$`

export const AggregateGroup = Type.Object({
  field: Type.String({ pattern: FIELD_PATH_PATTERN, description: 'A field API name (or a composite part such as address.country)' }),
  bucket: Type.Optional(Type.Unsafe<Bucket>({ type: 'string', enum: [...BUCKETS], description: 'Calendar bucket for date and dateTime fields' })),
}, { additionalProperties: false })
export type AggregateGroup = Static<typeof AggregateGroup>

export const AggregateMeasure = Type.Object({
  fn: Type.Unsafe<MeasureFunction>({ type: 'string', enum: [...MEASURE_FUNCTIONS] }),
  field: Type.Optional(Type.String({ pattern: FIELD_PATH_PATTERN, description: 'Required except for count (count without a field counts records)' })),
}, { additionalProperties: false })
export type AggregateMeasure = Static<typeof AggregateMeasure>

export const AggregateRequest = Type.Object({
  object: Type.String({ pattern: API_NAME_PATTERN, description: 'Plural API name of the object' }),
  filter: Type.Optional(Type.Unknown({ description: 'The filter AST of record lists' })),
  groupBy: Type.Optional(Type.Array(AggregateGroup, { maxItems: MAX_GROUP_KEYS })),
  measures: Type.Array(AggregateMeasure, { minItems: 1, maxItems: MAX_MEASURES }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_GROUP_LIMIT, default: DEFAULT_GROUP_LIMIT, description: 'Most groups answered' })),
  timeZone: Type.Optional(Type.String({ maxLength: 64, default: 'UTC', description: 'IANA time zone for date buckets of dateTime fields' })),
}, { additionalProperties: false })
export type AggregateRequest = Static<typeof AggregateRequest>

/** An exact per-currency amount, the value of a currency measure. */
export const MoneyTotal = Type.Object({ currency: Type.String(), amount: Type.String() })
export type MoneyTotal = Static<typeof MoneyTotal>

export const AggregateResponse = Type.Object({
  rows: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'Groups ordered by their keys (empty values first)' }),
  truncated: Type.Boolean({ description: 'True when there were more groups than limit' }),
})
export type AggregateResponse = Static<typeof AggregateResponse>

/** The key a measure has in answer rows. */
export const measureAlias = (measure: { fn: MeasureFunction; field?: string }): string =>
  measure.field === undefined ? measure.fn : `${measure.fn}_${measure.field}`
