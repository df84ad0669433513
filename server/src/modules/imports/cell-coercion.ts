/**
 * Spreadsheet text → API values, per field type, with the workspace's locale conventions:
 * "1 234,56" and "1.234,56" are numbers, "31.12.2025" is a date, Persian digits are digits,
 * select values match case- and accent-insensitively. The record engine validates the result.
 */
import type { FieldMeta } from '../../engine/metadata-types.js'
import { normaliseHeader } from './header-mapping.js'

export class CellError extends Error {}

const PERSIAN_ZERO = 0x06f0
const ARABIC_ZERO = 0x0660

/** ۱۲۳ and ١٢٣ → 123; the Arabic decimal and thousands signs → . and space. */
export function westernDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - PERSIAN_ZERO))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - ARABIC_ZERO))
    .replace(/\u066b/g, '.').replace(/\u066c/g, ' ')
}

/**
 * A locale-formatted number as a plain decimal string. With both separators the last one is
 * the decimal mark; a lone separator followed by exactly three digits (repeated) groups
 * thousands unless the locale writes decimals with it.
 */
export function parseLocaleNumber(raw: string, decimalComma: boolean): string {
  let text = westernDigits(raw).replace(/[\s\u00a0\u202f\u2009']/g, '').replace(/^\+/, '')
  const negative = /^[-−]/.test(text)
  text = text.replace(/^[-−]/, '')
  const lastComma = text.lastIndexOf(',')
  const lastDot = text.lastIndexOf('.')
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.'
    const group = decimal === ',' ? '.' : ','
    text = text.split(group).join('').replace(decimal, '.')
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.'
    const parts = text.split(sep)
    const grouping = parts.length > 2 || (parts[1]?.length === 3 && (sep === ',') !== decimalComma && parts[0] !== '0')
    text = grouping ? parts.join('') : parts.join('.')
  }
  if (!/^\d+(\.\d+)?$/.test(text)) throw new CellError('is not a number')
  return (negative ? '-' : '') + text
}

const pad = (n: number) => String(n).padStart(2, '0')

function realDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new CellError('is not a real date')
  return `${year}-${pad(month)}-${pad(day)}`
}

const PERSIAN_PARTS = new Intl.DateTimeFormat('en-u-ca-persian', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' })
const DAY_MS = 86_400_000
/** Solar Hijri years in CRM data: a year below this in a Persian workspace is not Gregorian. */
const LAST_SOLAR_HIJRI_YEAR = 1700
const SOLAR_HIJRI_EPOCH_OFFSET = 621

/**
 * A Solar Hijri date as ISO Gregorian. The month lengths give a guess within a few days of
 * Farvardin 1 ≈ 20 March; ICU's Persian calendar (the one the web app formats with) confirms it.
 */
export function solarHijriToIso(year: number, month: number, day: number): string {
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new CellError('is not a real date')
  const offset = (month <= 6 ? (month - 1) * 31 : 186 + (month - 7) * 30) + day - 1
  const guess = Date.UTC(year + SOLAR_HIJRI_EPOCH_OFFSET, 2, 20) + offset * DAY_MS
  for (const delta of [0, -1, 1, -2, 2, -3, 3]) {
    const date = new Date(guess + delta * DAY_MS)
    const parts = Object.fromEntries(PERSIAN_PARTS.formatToParts(date).map((p) => [p.type, p.value]))
    if (+parts.year === year && +parts.month === month && +parts.day === day) return date.toISOString().slice(0, 10)
  }
  throw new CellError('is not a real date')
}

/** ISO (2025-12-31, with an optional time) or day-first (31.12.2025, 31/12/2025, 31-12-2025); US month-first for en. */
export function parseLocaleDate(raw: string, monthFirst: boolean, solarHijri = false): string {
  const text = westernDigits(raw).trim()
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(text)
  if (ymd && solarHijri && +ymd[1] < LAST_SOLAR_HIJRI_YEAR) return solarHijriToIso(+ymd[1], +ymd[2], +ymd[3])
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text)
  if (iso) return realDate(+iso[1], +iso[2], +iso[3])
  const local = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text)
  if (local) {
    const [a, b] = [+local[1], +local[2]]
    return monthFirst && text.includes('/') ? realDate(+local[3], a, b) : realDate(+local[3], b, a)
  }
  throw new CellError('is not a date (use YYYY-MM-DD or DD.MM.YYYY)')
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'да', 'д', 'بله', 'آری', 'taip', 't'])
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'нет', 'н', 'خیر', 'نه', 'ne', 'f'])

function parseBoolean(raw: string): boolean {
  const word = westernDigits(raw).trim().toLowerCase()
  if (TRUE_WORDS.has(word)) return true
  if (FALSE_WORDS.has(word)) return false
  throw new CellError('is not yes/no')
}

export function matchChoice(field: FieldMeta, raw: string): string {
  const wanted = normaliseHeader(raw)
  const choice = (field.options.choices ?? []).find((c) => normaliseHeader(c.value) === wanted || normaliseHeader(c.label ?? '') === wanted)
  if (!choice) throw new CellError(`is not one of the options (${(field.options.choices ?? []).map((c) => c.value).join(', ').slice(0, 200)})`)
  return choice.value
}

export const splitList = (raw: string) => raw.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean)

export interface CoercionLocale {
  decimalComma: boolean
  monthFirst: boolean
  /** Persian workspaces: 1403/01/01 is a Solar Hijri date. */
  solarHijri: boolean
}

export function localeConventions(locale: string): CoercionLocale {
  const language = locale.toLowerCase().split(/[-_]/)[0]
  return { decimalComma: language !== 'en' && language !== 'fa', monthFirst: locale.toLowerCase() === 'en-us', solarHijri: language === 'fa' }
}

/**
 * One cell as the API value for `field`, or undefined for an empty cell (the field is left as
 * it is). Relations are resolved by the caller, which can look records up.
 */
export function coerceCell(field: FieldMeta, raw: string, locale: CoercionLocale): unknown {
  const text = raw.trim()
  if (text === '') return undefined
  const isList = field.options.multiple === true
  switch (field.type) {
    case 'number': return Number(parseLocaleNumber(text, locale.decimalComma))
    case 'rating': return Number(parseLocaleNumber(text, locale.decimalComma))
    case 'currency': return { amount: parseLocaleNumber(text, locale.decimalComma) }
    case 'date': return parseLocaleDate(text, locale.monthFirst, locale.solarHijri)
    case 'dateTime': return /T\d/.test(text) ? text : `${parseLocaleDate(text, locale.monthFirst, locale.solarHijri)}T00:00:00Z`
    case 'boolean': return parseBoolean(text)
    case 'select': return matchChoice(field, text)
    case 'multiSelect': return splitList(text).map((v) => matchChoice(field, v))
    case 'email': return isList ? splitList(text) : text
    case 'phone': return isList ? splitList(text).map(westernDigits) : westernDigits(text)
    default: return raw
  }
}
