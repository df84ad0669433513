/**
 * Intl formatting per UI language. Persian shows Persian digits and the Solar Hijri calendar
 * ('fa-IR-u-ca-persian'); the others use their own conventions. Formatters are cached: a
 * table formats thousands of cells per scroll.
 */
const INTL_LOCALES: Record<string, string> = { en: 'en', ru: 'ru', lt: 'lt', fa: 'fa-IR' }
const DATE_LOCALES: Record<string, string> = { en: 'en', ru: 'ru', lt: 'lt', fa: 'fa-IR-u-ca-persian' }

export const intlLocaleOf = (language: string) => INTL_LOCALES[language] ?? language
const dateLocaleOf = (language: string) => DATE_LOCALES[language] ?? language

export interface Formatters {
  number(value: number): string
  /** Exact decimal strings (money) are formatted without passing through a binary float. */
  money(amount: string, currency: string): string
  /** `YYYY-MM-DD`: a calendar day, shown without a time-zone shift. */
  date(value: string): string
  dateTime(value: string): string
  list(values: string[]): string
  /** ISO 3166 alpha-2 code → the country's name in this language. */
  region(code: string): string
}

const cache = new Map<string, Formatters>()

function safeDate(value: string): Date | null {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

function createFormatters(language: string): Formatters {
  const locale = intlLocaleOf(language)
  const numbers = new Intl.NumberFormat(locale)
  const days = new Intl.DateTimeFormat(dateLocaleOf(language), { dateStyle: 'medium', timeZone: 'UTC' })
  const moments = new Intl.DateTimeFormat(dateLocaleOf(language), { dateStyle: 'medium', timeStyle: 'short' })
  const lists = new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' })
  const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' })
  const moneyFormats = new Map<string, Intl.NumberFormat>()
  return {
    number: (value) => numbers.format(value),
    money(amount, currency) {
      let format = moneyFormats.get(currency)
      if (!format) {
        try {
          format = new Intl.NumberFormat(locale, { style: 'currency', currency })
        } catch {
          return `${amount} ${currency}`
        }
        moneyFormats.set(currency, format)
      }
      // Intl.NumberFormat formats decimal strings exactly (ES2023 "string numeric literal").
      return format.format(amount as unknown as number)
    },
    date(value) {
      const date = safeDate(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
      return date ? days.format(date) : value
    },
    dateTime(value) {
      const date = safeDate(value)
      return date ? moments.format(date) : value
    },
    list: (values) => lists.format(values),
    region(code) {
      try {
        return regions.of(code) ?? code
      } catch {
        return code
      }
    },
  }
}

export function formattersFor(language: string): Formatters {
  let formatters = cache.get(language)
  if (!formatters) {
    formatters = createFormatters(language)
    cache.set(language, formatters)
  }
  return formatters
}
