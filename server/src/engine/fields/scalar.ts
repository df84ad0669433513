import type { FieldMeta } from '../metadata-types.js'
import type { ColumnKind } from '../../db/dialects/sql-dialect.js'
import { InvalidValue, type FieldTypeHandler, type ParseContext } from './field-type.js'
import { EQUALITY_OPERATORS, ORDERED_OPERATORS, TEXT_OPERATORS, column, compareColumn } from './compare.js'

const DEFAULT_TEXT_MAX = 1000
const LONG_TEXT_MAX = 100_000
const DEFAULT_RATING_MAX = 5

/** Rejects lone surrogates and control characters, which are never legitimate in CRM text. */
export function assertCleanText(value: string): void {
  if (!value.isWellFormed()) throw new InvalidValue('must be valid Unicode text')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) throw new InvalidValue('must not contain control characters')
}

/**
 * Builds a handler for a field stored in one column of `kind`, where `coerce` turns an API
 * value (or filter operand) into the column value. Used by every single-column type.
 */
export function singleColumnType(options: {
  kind: ColumnKind
  coerce: (field: FieldMeta, value: unknown, ctx: ParseContext) => unknown
  operators: FieldTypeHandler['operators']
  schema: (field: FieldMeta) => Record<string, unknown>
  searchable?: boolean
  format?: (value: unknown) => unknown
}): FieldTypeHandler {
  const { kind, coerce } = options
  return {
    columns: (field) => [{ name: field.columnName!, kind }],
    parse: (field, value, ctx) => ({ [field.columnName!]: value === null ? null : coerce(field, value, ctx) }),
    format: (field, row) => {
      const value = row[field.columnName!] ?? null
      return value === null || !options.format ? value : options.format(value)
    },
    operators: options.operators,
    filter: (field, op, value, ctx) =>
      compareColumn(column(field.columnName!), op, value, (v) => ctx.dialect.toDb(kind, coerce(field, v, ctx.parse)), ctx, field.columnName!),
    sortColumn: (field) => ({ name: field.columnName!, kind }),
    searchText: (_field, value) => (options.searchable && typeof value === 'string' ? value : ''),
    jsonSchema: (field) => ({ ...options.schema(field), nullable: true }),
  }
}

function coerceText(max: number) {
  return (field: FieldMeta, value: unknown): string | null => {
    if (typeof value !== 'string') throw new InvalidValue('must be a string')
    const limit = field.options.maxLength ?? max
    if (value.length > limit) throw new InvalidValue(`must be at most ${limit} characters`)
    assertCleanText(value)
    const trimmed = value.trim()
    return trimmed === '' ? null : trimmed
  }
}

export const textType = singleColumnType({
  kind: 'text',
  coerce: coerceText(DEFAULT_TEXT_MAX),
  operators: TEXT_OPERATORS,
  searchable: true,
  schema: (f) => ({ type: 'string', maxLength: f.options.maxLength ?? DEFAULT_TEXT_MAX }),
})

export const longTextType = singleColumnType({
  kind: 'text',
  coerce: coerceText(LONG_TEXT_MAX),
  operators: ['contains', 'startsWith', 'isNull', 'isNotNull'],
  searchable: true,
  schema: (f) => ({ type: 'string', maxLength: f.options.maxLength ?? LONG_TEXT_MAX }),
})

export function coerceNumber(field: FieldMeta, value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new InvalidValue('must be a finite number')
  if (field.options.min !== undefined && number < field.options.min) throw new InvalidValue(`must be ≥ ${field.options.min}`)
  if (field.options.max !== undefined && number > field.options.max) throw new InvalidValue(`must be ≤ ${field.options.max}`)
  return number
}

export const numberType = singleColumnType({
  kind: 'double',
  coerce: coerceNumber,
  operators: ORDERED_OPERATORS,
  schema: () => ({ type: 'number' }),
})

export const ratingType = singleColumnType({
  kind: 'integer',
  coerce: (field, value) => {
    const max = field.options.max ?? DEFAULT_RATING_MAX
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
      throw new InvalidValue(`must be an integer from 1 to ${max}`)
    }
    return value
  },
  operators: ORDERED_OPERATORS,
  schema: (f) => ({ type: 'integer', minimum: 1, maximum: f.options.max ?? DEFAULT_RATING_MAX }),
})

export const booleanType = singleColumnType({
  kind: 'boolean',
  coerce: (_field, value) => {
    if (typeof value !== 'boolean') throw new InvalidValue('must be true or false')
    return value
  },
  operators: ['eq', 'neq', 'isNull', 'isNotNull'],
  schema: () => ({ type: 'boolean' }),
})

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export function coerceDate(_field: FieldMeta, value: unknown): string {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null
  if (!match) throw new InvalidValue('must be a date YYYY-MM-DD')
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]))
  if (date.getUTCMonth() !== +match[2] - 1 || date.getUTCDate() !== +match[3]) throw new InvalidValue('is not a real date')
  return value as string
}

export const dateType = singleColumnType({
  kind: 'date',
  coerce: coerceDate,
  operators: ORDERED_OPERATORS,
  schema: () => ({ type: 'string', format: 'date' }),
})

const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** Stored as UTC ISO-8601 with milliseconds, so text order equals time order on SQLite. */
export function coerceDateTime(_field: FieldMeta, value: unknown): string {
  if (typeof value !== 'string' || !DATE_TIME_PATTERN.test(value)) throw new InvalidValue('must be an ISO 8601 date-time with a time zone')
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new InvalidValue('is not a real date-time')
  const year = date.getUTCFullYear()
  if (year < 1 || year > 9999) throw new InvalidValue('must be between years 1 and 9999')
  return date.toISOString()
}

export const dateTimeType = singleColumnType({
  kind: 'timestamp',
  coerce: coerceDateTime,
  operators: ORDERED_OPERATORS,
  schema: () => ({ type: 'string', format: 'date-time' }),
})

const URL_MAX = 2048

export const urlType = singleColumnType({
  kind: 'text',
  coerce: (_field, value) => {
    if (typeof value !== 'string' || value.length > URL_MAX) throw new InvalidValue(`must be a URL of at most ${URL_MAX} characters`)
    const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value.trim()) ? value.trim() : `https://${value.trim()}`
    let url: URL
    try {
      url = new URL(candidate)
    } catch {
      throw new InvalidValue('must be a valid URL')
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidValue('must be an http or https URL')
    if (!url.hostname.includes('.')) throw new InvalidValue('must have a domain name')
    return url.href
  },
  operators: TEXT_OPERATORS,
  searchable: true,
  schema: () => ({ type: 'string', format: 'uri', maxLength: URL_MAX }),
})

export { EQUALITY_OPERATORS }
