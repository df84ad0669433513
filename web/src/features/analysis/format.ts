/** Locale formatting for the analysis screens: numbers, percentages, money and months via Intl. */
import { formattersFor, intlLocaleOf } from '../../i18n/format.js'

export interface AnalysisFormat {
  number(value: number, digits?: number): string
  percent(share: number): string
  /** An exact decimal string, or a number rounded to the cent. */
  money(amount: string | number, currency: string): string
  /** 'YYYY-MM-DD' as a calendar day. */
  date(day: string): string
  /** 'YYYY-MM' as a short month and year (the Solar Hijri calendar in Persian). */
  month(month: string): string
}

const cache = new Map<string, AnalysisFormat>()

export function analysisFormat(language: string): AnalysisFormat {
  const cached = cache.get(language)
  if (cached) return cached
  const locale = intlLocaleOf(language)
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const numbers = new Map<number, Intl.NumberFormat>()
  const months = new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR-u-ca-persian' : locale, { year: 'numeric', month: 'short', timeZone: 'UTC' })
  const base = formattersFor(language)
  const format: AnalysisFormat = {
    number(value, digits = 0) {
      let f = numbers.get(digits)
      if (!f) numbers.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })))
      return f.format(value)
    },
    percent: (share) => percent.format(share),
    money: (amount, currency) => base.money(typeof amount === 'number' ? amount.toFixed(2) : amount, currency),
    date: (day) => base.date(day),
    month: (month) => months.format(new Date(`${month}-01T00:00:00Z`)),
  }
  cache.set(language, format)
  return format
}
