import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js'
import type { FieldMeta } from '../metadata-types.js'
import { InvalidValue, type FieldTypeHandler, type ParseContext } from './field-type.js'
import { EQUALITY_OPERATORS, TEXT_OPERATORS, column, compareColumn } from './compare.js'
import { assertCleanText, singleColumnType } from './scalar.js'

const MAX_LIST_ITEMS = 100
const EMAIL_MAX = 254
const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/u

type Coerce = (field: FieldMeta, value: unknown, ctx: ParseContext) => string

/**
 * A value type that is stored in one text column, or — with `options.multiple` — as a JSON
 * array of such values (additional emails and phones, multi-select). A list filters with
 * `contains` (has this item) and `isNull` (empty).
 */
function listOrSingle(coerce: Coerce, schema: Record<string, unknown>, singleOperators: FieldTypeHandler['operators'], isList: (f: FieldMeta) => boolean): FieldTypeHandler {
  const single = singleColumnType({ kind: 'text', coerce, operators: singleOperators, searchable: true, schema: () => schema })
  const parseList = (field: FieldMeta, value: unknown, ctx: ParseContext): string[] | null => {
    if (value === null) return null
    if (!Array.isArray(value)) throw new InvalidValue('must be an array')
    if (value.length > MAX_LIST_ITEMS) throw new InvalidValue(`must have at most ${MAX_LIST_ITEMS} items`)
    const items = [...new Set(value.map((item, index) => {
      try {
        return coerce(field, item, ctx)
      } catch (error) {
        throw new InvalidValue(`item ${index} ${(error as Error).message}`)
      }
    }))]
    return items.length === 0 ? null : items
  }
  return {
    columns: (field) => [{ name: field.columnName!, kind: isList(field) ? 'json' : 'text' }],
    parse: (field, value, ctx) => isList(field)
      ? { [field.columnName!]: parseList(field, value, ctx) }
      : single.parse(field, value, ctx),
    format: (field, row) => (isList(field) ? (row[field.columnName!] ?? []) : (row[field.columnName!] ?? null)),
    operators: singleOperators,
    filter: (field, op, value, ctx) => {
      if (!isList(field)) return single.filter(field, op, value, ctx)
      const col = column(field.columnName!)
      if (op === 'contains') return ctx.dialect.jsonArrayHas(col, coerce(field, value, ctx.parse))
      if (op === 'isNull' || op === 'isNotNull') return compareColumn(col, op, value, (v) => v, ctx)
      throw new InvalidValue(`operator ${op} is not supported on a list; use contains, isNull or isNotNull`)
    },
    sortColumn: (field) => (isList(field) ? null : { name: field.columnName!, kind: 'text' }),
    searchText: (_field, value) => (Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : ''),
    jsonSchema: (field) => (isList(field) ? { type: 'array', items: schema, maxItems: MAX_LIST_ITEMS } : { ...schema, nullable: true }),
  }
}

const isMultiple = (field: FieldMeta) => field.options.multiple === true

export const emailType = listOrSingle((_field, value) => {
  if (typeof value !== 'string') throw new InvalidValue('must be a string')
  const email = value.trim()
  assertCleanText(email)
  if (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email)) throw new InvalidValue('must be an email address')
  const at = email.lastIndexOf('@')
  // The domain part is case-insensitive; the local part is kept as typed.
  return email.slice(0, at) + email.slice(at).toLowerCase()
}, { type: 'string', format: 'email', maxLength: EMAIL_MAX }, TEXT_OPERATORS, isMultiple)

const PHONE_MAX = 40

export function coercePhone(field: FieldMeta, value: unknown, ctx: ParseContext): string {
  if (typeof value !== 'string' || value.length > PHONE_MAX) throw new InvalidValue(`must be a phone number of at most ${PHONE_MAX} characters`)
  try {
    const country = (field.options.defaultCountry ?? ctx.defaultCountry) as CountryCode
    const phone = parsePhoneNumberWithError(value, { defaultCountry: country })
    if (!phone.isPossible()) throw new Error('impossible')
    return phone.number
  } catch {
    throw new InvalidValue('must be a phone number (international +… or national for the default country)')
  }
}

export const phoneType = listOrSingle(coercePhone, { type: 'string', description: 'E.164, e.g. +14155550100; national numbers use the default country' }, TEXT_OPERATORS, isMultiple)

function choiceOf(field: FieldMeta, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidValue('must be a string')
  const choices = field.options.choices ?? []
  if (!choices.some((c) => c.value === value)) {
    throw new InvalidValue(`must be one of: ${choices.map((c) => c.value).join(', ').slice(0, 300)}`)
  }
  return value
}

const selectSchema = (field: FieldMeta) => ({ type: 'string', enum: (field.options.choices ?? []).map((c) => c.value) })

export const selectType: FieldTypeHandler = {
  ...singleColumnType({ kind: 'text', coerce: choiceOf, operators: EQUALITY_OPERATORS, schema: selectSchema }),
}

export const multiSelectType: FieldTypeHandler = {
  ...listOrSingle((field, value) => choiceOf(field, value), { type: 'string' }, ['contains', 'isNull', 'isNotNull'], () => true),
  searchText: () => '',
  jsonSchema: (field) => ({ type: 'array', items: selectSchema(field), maxItems: MAX_LIST_ITEMS }),
}

