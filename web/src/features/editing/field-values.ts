/**
 * Between a field's API value and what its editor holds (a draft), and the checks the
 * metadata allows before anything is sent: required, min/max, length, choices, formats. The
 * server checks again; these only spare a round trip and say what is wrong in place. Switches
 * on the field type, never on an object's name.
 */
import type { TFunction } from 'i18next'
import type { FieldDescription } from '../../api/types.js'

export const DEFAULT_RATING_MAX = 5
const DEFAULT_TEXT_MAX = 1000
const LONG_TEXT_MAX = 100_000
const MONEY_PATTERN = /^-?\d{1,13}(?:\.\d{1,6})?$/
const CURRENCY_PATTERN = /^[A-Z]{3}$/
const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/u
const PHONE_PATTERN = /^\+?[0-9 ()./-]{5,30}$/
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export interface MoneyDraft { amount: string; currency: string }
export const ADDRESS_PARTS = ['street', 'street2', 'city', 'postcode', 'region', 'country'] as const
/** The text parts are edited; coordinates (from geocoding) ride along unchanged. */
export type AddressDraft = Record<(typeof ADDRESS_PARTS)[number], string> & { lat?: number; lng?: number }

/** What an editor holds for each field type; text-like types hold a string. */
export type Draft = string | boolean | number | null | string[] | MoneyDraft | AddressDraft

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string }

/** Multi-valued emails and phones are edited one per line. */
const isList = (field: FieldDescription) => field.options.multiple === true && field.type !== 'multiSelect'

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO instant as the `datetime-local` input wants it, in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

export function draftOf(field: FieldDescription, value: unknown): Draft {
  if (isList(field)) return Array.isArray(value) ? value.join('\n') : ''
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? String(value) : ''
    case 'currency': {
      const money = (value ?? {}) as Partial<MoneyDraft>
      return { amount: money.amount ?? '', currency: money.currency ?? field.options.defaultCurrency ?? '' }
    }
    case 'dateTime':
      return typeof value === 'string' ? toLocalInput(value) : ''
    case 'boolean':
      return value === true
    case 'select':
    case 'relation':
      return typeof value === 'string' ? value : null
    case 'multiSelect':
      return Array.isArray(value) ? value.map(String) : []
    case 'rating':
      return typeof value === 'number' ? value : null
    case 'address': {
      const address = (value ?? {}) as Partial<Record<string, unknown>>
      const draft = Object.fromEntries(ADDRESS_PARTS.map((part) => [part, typeof address[part] === 'string' ? address[part] : ''])) as unknown as AddressDraft
      if (typeof address.lat === 'number' && typeof address.lng === 'number') Object.assign(draft, { lat: address.lat, lng: address.lng })
      return draft
    }
    default:
      return typeof value === 'string' ? value : ''
  }
}

const fail = (error: string): Parsed => ({ ok: false, error })
const pass = (value: unknown): Parsed => ({ ok: true, value })

function parseText(field: FieldDescription, text: string, t: TFunction): Parsed {
  const max = field.options.maxLength ?? (field.type === 'longText' ? LONG_TEXT_MAX : DEFAULT_TEXT_MAX)
  if (text.length > max) return fail(t('record.validation.maxLength', { count: max }))
  const trimmed = text.trim()
  if (trimmed === '') return pass(null)
  switch (field.type) {
    case 'email':
      return EMAIL_PATTERN.test(trimmed) ? pass(trimmed) : fail(t('record.validation.email'))
    case 'phone':
      return PHONE_PATTERN.test(trimmed) ? pass(trimmed) : fail(t('record.validation.phone'))
    case 'url':
      try {
        const url = new URL(trimmed)
        return url.protocol === 'http:' || url.protocol === 'https:' ? pass(trimmed) : fail(t('record.validation.url'))
      } catch {
        return fail(t('record.validation.url'))
      }
    case 'date':
      return DATE_PATTERN.test(trimmed) ? pass(trimmed) : fail(t('record.validation.date'))
    case 'dateTime': {
      const date = new Date(trimmed)
      return Number.isNaN(date.getTime()) ? fail(t('record.validation.date')) : pass(date.toISOString())
    }
    default:
      return pass(trimmed)
  }
}

function parseNumber(field: FieldDescription, text: string, t: TFunction): Parsed {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return pass(null)
  const number = Number(trimmed)
  if (!Number.isFinite(number)) return fail(t('record.validation.number'))
  if (field.options.decimals === 0 && !Number.isInteger(number)) return fail(t('record.validation.integer'))
  if (field.options.min !== undefined && number < field.options.min) return fail(t('record.validation.min', { min: field.options.min }))
  if (field.options.max !== undefined && number > field.options.max) return fail(t('record.validation.max', { max: field.options.max }))
  return pass(number)
}

function parseMoney(draft: MoneyDraft, t: TFunction): Parsed {
  const amount = draft.amount.trim().replace(',', '.')
  if (amount === '') return pass(null)
  if (!MONEY_PATTERN.test(amount)) return fail(t('record.validation.amount'))
  const currency = draft.currency.trim().toUpperCase()
  if (!CURRENCY_PATTERN.test(currency)) return fail(t('record.validation.currency'))
  return pass({ amount, currency })
}

function parseAddress(draft: AddressDraft, t: TFunction): Parsed {
  const parts = Object.fromEntries(ADDRESS_PARTS.map((part) => [part, draft[part].trim()]).filter(([, text]) => text !== ''))
  if (Object.keys(parts).length === 0) return pass(null)
  if (parts.country !== undefined && !/^[A-Za-z]{2}$/.test(parts.country)) return fail(t('record.validation.country'))
  if (parts.country) parts.country = parts.country.toUpperCase()
  return pass(draft.lat !== undefined && draft.lng !== undefined ? { ...parts, lat: draft.lat, lng: draft.lng } : parts)
}

function parseByType(field: FieldDescription, draft: Draft, t: TFunction): Parsed {
  if (isList(field)) {
    const items = String(draft).split('\n').map((line) => line.trim()).filter(Boolean)
    for (const item of items) {
      const one = parseText(field, item, t)
      if (!one.ok) return one
    }
    return pass(items.length ? items : null)
  }
  switch (field.type) {
    case 'number':
      return parseNumber(field, String(draft), t)
    case 'currency':
      return parseMoney(draft as MoneyDraft, t)
    case 'boolean':
      return pass(draft === true)
    case 'select':
      if (draft === null || draft === '') return pass(null)
      return field.options.choices?.some((choice) => choice.value === draft) === false ? fail(t('record.validation.choice')) : pass(draft)
    case 'multiSelect': {
      const values = draft as string[]
      const known = new Set(field.options.choices?.map((choice) => choice.value))
      if (field.options.choices && values.some((value) => !known.has(value))) return fail(t('record.validation.choice'))
      return pass(values.length ? values : null)
    }
    case 'rating': {
      const max = field.options.max ?? DEFAULT_RATING_MAX
      if (draft === null || draft === 0) return pass(null)
      return typeof draft === 'number' && Number.isInteger(draft) && draft >= 1 && draft <= max ? pass(draft) : fail(t('record.validation.rating', { max }))
    }
    case 'address':
      return parseAddress(draft as AddressDraft, t)
    case 'relation':
      return pass(draft === '' ? null : draft)
    default:
      return parseText(field, String(draft ?? ''), t)
  }
}

/** The API value for a draft, or the first problem with it. */
export function parseDraft(field: FieldDescription, draft: Draft, t: TFunction): Parsed {
  const parsed = parseByType(field, draft, t)
  if (parsed.ok && field.required && parsed.value === null) return fail(t('record.validation.required'))
  return parsed
}

/** Whether two API values are the same (field-wise comparison for the conflict dialog). */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Types whose editor saves as soon as a value is picked: there is nothing more to type. */
export const isCommittedOnChange = (field: FieldDescription) => ['select', 'relation', 'boolean', 'rating'].includes(field.type)
