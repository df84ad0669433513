import { sql } from 'kysely'
import type { FieldMeta } from '../metadata-types.js'
import { InvalidValue, type ColumnSpec, type FieldTypeHandler } from './field-type.js'
import { ORDERED_OPERATORS, TEXT_OPERATORS, column, compareColumn, escapeLike, textOperand } from './compare.js'
import { assertCleanText, coerceNumber } from './scalar.js'

/** Money is exact: stored as integer micro-units (1e-6) beside its ISO 4217 code. */
const MICROS_PER_UNIT = 1_000_000n
const MONEY_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,6}))?$/
const CURRENCY_PATTERN = /^[A-Z]{3}$/

export function parseMoney(value: unknown): bigint {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value
  const match = typeof text === 'string' ? MONEY_PATTERN.exec(text.trim()) : null
  if (!match) throw new InvalidValue('amount must be a decimal number with at most 13 digits and 6 decimals')
  const micros = BigInt(match[2]) * MICROS_PER_UNIT + BigInt((match[3] ?? '').padEnd(6, '0'))
  return match[1] ? -micros : micros
}

/** Formats micro-units as a decimal string with at least two decimals ("12.50", "0.125"). */
export function formatMoney(micros: bigint): string {
  const negative = micros < 0n
  const abs = negative ? -micros : micros
  const fraction = (abs % MICROS_PER_UNIT).toString().padStart(6, '0').replace(/0{1,4}$/, '')
  return `${negative ? '-' : ''}${abs / MICROS_PER_UNIT}.${fraction.padEnd(2, '0')}`
}

const amountColumn = (f: FieldMeta) => `${f.columnName}_amount`
const codeColumn = (f: FieldMeta) => `${f.columnName}_currency`

export const currencyType: FieldTypeHandler = {
  columns: (f) => [{ name: amountColumn(f), kind: 'bigint' }, { name: codeColumn(f), kind: 'text' }],
  parse(field, value, ctx) {
    if (value === null) return { [amountColumn(field)]: null, [codeColumn(field)]: null }
    if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidValue('must be an object {amount, currency}')
    const { amount, currency, ...rest } = value as Record<string, unknown>
    if (Object.keys(rest).length) throw new InvalidValue(`has unknown keys: ${Object.keys(rest).join(', ')}`)
    const code = currency ?? field.options.defaultCurrency ?? ctx.defaultCurrency
    if (typeof code !== 'string' || !CURRENCY_PATTERN.test(code)) throw new InvalidValue('currency must be an ISO 4217 code like EUR')
    return { [amountColumn(field)]: parseMoney(amount), [codeColumn(field)]: code }
  },
  format(field, row) {
    const micros = row[amountColumn(field)]
    if (micros === null || micros === undefined) return null
    return { amount: formatMoney(BigInt(micros as bigint)), currency: row[codeColumn(field)] }
  },
  operators: ORDERED_OPERATORS,
  filter: (field, op, value, ctx) =>
    compareColumn(column(amountColumn(field)), op, value, (v) => ctx.dialect.toDb('bigint', parseMoney(v)), ctx),
  sortColumn: (field) => ({ name: amountColumn(field), kind: 'bigint' }),
  searchText: () => '',
  jsonSchema: () => ({
    type: 'object', nullable: true, required: ['amount'],
    properties: { amount: { type: 'string', pattern: MONEY_PATTERN.source }, currency: { type: 'string', pattern: CURRENCY_PATTERN.source } },
  }),
}

/** Sub-fields reachable in filters as `amount.currency`, `address.city`, … */
export function compositeSubfield(field: FieldMeta, name: string): ColumnSpec | null {
  if (field.type === 'currency' && name === 'currency') return { name: codeColumn(field), kind: 'text' }
  if (field.type === 'address' && (ADDRESS_TEXT_PARTS as readonly string[]).includes(name)) return { name: `${field.columnName}_${name}`, kind: 'text' }
  if (field.type === 'address' && (name === 'lat' || name === 'lng')) return { name: `${field.columnName}_${name}`, kind: 'double' }
  return null
}

const ADDRESS_TEXT_PARTS = ['street', 'street2', 'city', 'postcode', 'region', 'country'] as const
const ADDRESS_PART_MAX = 200

const addressColumns = (f: FieldMeta): ColumnSpec[] => [
  ...ADDRESS_TEXT_PARTS.map((part) => ({ name: `${f.columnName}_${part}`, kind: 'text' as const })),
  { name: `${f.columnName}_lat`, kind: 'double' },
  { name: `${f.columnName}_lng`, kind: 'double' },
]

function coerceCoordinate(value: unknown, limit: number, name: string): number | null {
  if (value === null || value === undefined) return null
  const number = coerceNumber({ options: {} } as FieldMeta, value)
  if (Math.abs(number) > limit) throw new InvalidValue(`${name} must be between -${limit} and ${limit}`)
  return number
}

export const addressType: FieldTypeHandler = {
  columns: addressColumns,
  parse(field, value) {
    const columns = Object.fromEntries(addressColumns(field).map((c) => [c.name, null])) as Record<string, unknown>
    if (value === null) return columns
    if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidValue('must be an object {street, city, postcode, region, country, lat, lng}')
    const input = value as Record<string, unknown>
    for (const key of Object.keys(input)) {
      if (![...ADDRESS_TEXT_PARTS, 'lat', 'lng'].includes(key)) throw new InvalidValue(`has unknown key ${key}`)
    }
    for (const part of ADDRESS_TEXT_PARTS) {
      const text = input[part]
      if (text === undefined || text === null) continue
      if (typeof text !== 'string' || text.length > ADDRESS_PART_MAX) throw new InvalidValue(`${part} must be a string of at most ${ADDRESS_PART_MAX} characters`)
      assertCleanText(text)
      columns[`${field.columnName}_${part}`] = text.trim() || null
    }
    const country = columns[`${field.columnName}_country`]
    if (typeof country === 'string') {
      if (!/^[A-Za-z]{2}$/.test(country)) throw new InvalidValue('country must be an ISO 3166 alpha-2 code like LT')
      columns[`${field.columnName}_country`] = country.toUpperCase()
    }
    columns[`${field.columnName}_lat`] = coerceCoordinate(input.lat, 90, 'lat')
    columns[`${field.columnName}_lng`] = coerceCoordinate(input.lng, 180, 'lng')
    return columns
  },
  format(field, row) {
    const entries = addressColumns(field).map((c) => [c.name.slice(field.columnName!.length + 1), row[c.name] ?? null] as const)
    return entries.every(([, v]) => v === null) ? null : Object.fromEntries(entries)
  },
  operators: ['contains', 'isNull', 'isNotNull'],
  filter(field, op, value, ctx) {
    const parts = ADDRESS_TEXT_PARTS.map((part) => column(`${field.columnName}_${part}`))
    if (op === 'contains') {
      const pattern = `%${escapeLike(textOperand(value).toLowerCase())}%`
      return sql<boolean>`(${sql.join(parts.map((p) => ctx.dialect.likeFolded(p, pattern)), sql` or `)})`
    }
    const allEmpty = sql<boolean>`(${sql.join(parts.map((p) => sql`${p} is null`), sql` and `)})`
    if (op === 'isNull') return allEmpty
    if (op === 'isNotNull') return sql<boolean>`not ${allEmpty}`
    throw new InvalidValue(`operator ${op} is not supported on an address; filter on address.city and the like`)
  },
  sortColumn: (field) => ({ name: `${field.columnName}_city`, kind: 'text' }),
  searchText: (_field, value) =>
    value && typeof value === 'object' ? ADDRESS_TEXT_PARTS.map((p) => (value as Record<string, unknown>)[p] ?? '').join(' ') : '',
  jsonSchema: () => ({
    type: 'object', nullable: true, additionalProperties: false,
    properties: {
      ...Object.fromEntries(ADDRESS_TEXT_PARTS.map((p) => [p, { type: 'string', maxLength: ADDRESS_PART_MAX, nullable: true }])),
      lat: { type: 'number', minimum: -90, maximum: 90, nullable: true },
      lng: { type: 'number', minimum: -180, maximum: 180, nullable: true },
    },
  }),
}

export const SUBFIELD_OPERATORS = { text: TEXT_OPERATORS, double: ORDERED_OPERATORS } as const
