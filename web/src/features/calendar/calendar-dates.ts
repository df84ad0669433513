/**
 * Calendar arithmetic in the browser's time zone, per UI language: which day a week starts on
 * (Sunday in English, Monday in Russian and Lithuanian, Saturday in Persian) and where a month
 * begins and ends (Gregorian months, or Solar Hijri months in Persian, found through Intl's
 * Persian calendar rather than a hand-written conversion). Days are local midnights; adding
 * days goes through the Date constructor so daylight-saving shifts never skip or repeat a day.
 */
export type CalendarView = 'day' | 'week' | 'month'
export const CALENDAR_VIEWS: readonly CalendarView[] = ['day', 'week', 'month']

export interface CalendarSystem {
  /** Intl locale for labels: `fa-IR-u-ca-persian` in Persian. */
  locale: string
  /** First day of the week as Date#getDay() numbers it (0 = Sunday … 6 = Saturday). */
  weekStartsOn: number
  /** Months follow the Solar Hijri calendar. */
  persian: boolean
}

const SYSTEMS: Record<string, CalendarSystem> = {
  en: { locale: 'en', weekStartsOn: 0, persian: false },
  ru: { locale: 'ru', weekStartsOn: 1, persian: false },
  lt: { locale: 'lt', weekStartsOn: 1, persian: false },
  fa: { locale: 'fa-IR-u-ca-persian', weekStartsOn: 6, persian: true },
}

export const calendarSystemOf = (language: string): CalendarSystem => SYSTEMS[language] ?? SYSTEMS.en

const DAYS_IN_WEEK = 7

export const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate())
export const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days)
export const isSameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/** `YYYY-MM-DD` of the local day: the URL's `date` parameter and the key activities group by. */
export function dayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The local day a `YYYY-MM-DD` names, or undefined for anything else. */
export function parseDayKey(key: string | null | undefined): Date | undefined {
  const match = key ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(key) : null
  if (!match) return undefined
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return dayKey(date) === key ? date : undefined
}

export function startOfWeek(date: Date, system: CalendarSystem): Date {
  const day = startOfDay(date)
  return addDays(day, -((day.getDay() - system.weekStartsOn + DAYS_IN_WEEK) % DAYS_IN_WEEK))
}

// Latin digits, so the day of the Persian month can be read as a number.
const persianParts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric', day: 'numeric' })
function persianDate(date: Date): { month: number; day: number } {
  const parts = persianParts.formatToParts(date)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { month: part('month'), day: part('day') }
}

/** First and last day of the month (Gregorian or Solar Hijri) that `date` falls in. */
export function monthOf(date: Date, system: CalendarSystem): { first: Date; last: Date } {
  const day = startOfDay(date)
  if (!system.persian) return { first: new Date(day.getFullYear(), day.getMonth(), 1), last: new Date(day.getFullYear(), day.getMonth() + 1, 0) }
  const { month, day: dayOfMonth } = persianDate(day)
  const first = addDays(day, 1 - dayOfMonth)
  let last = first
  // Solar Hijri months have 29 to 31 days: walk to the last day still in this month.
  while (persianDate(addDays(last, 1)).month === month) last = addDays(last, 1)
  return { first, last }
}

/** The days a view shows, [start, end): a day, a week, or the whole weeks around a month. */
export function rangeOf(view: CalendarView, date: Date, system: CalendarSystem): { start: Date; end: Date } {
  if (view === 'day') return { start: startOfDay(date), end: addDays(date, 1) }
  if (view === 'week') {
    const start = startOfWeek(date, system)
    return { start, end: addDays(start, DAYS_IN_WEEK) }
  }
  const { first, last } = monthOf(date, system)
  return { start: startOfWeek(first, system), end: addDays(startOfWeek(last, system), DAYS_IN_WEEK) }
}

/** The date the previous / next button moves to. */
export function stepDate(view: CalendarView, date: Date, direction: 1 | -1, system: CalendarSystem): Date {
  if (view === 'day') return addDays(date, direction)
  if (view === 'week') return addDays(date, direction * DAYS_IN_WEEK)
  const { first, last } = monthOf(date, system)
  return direction === 1 ? addDays(last, 1) : monthOf(addDays(first, -1), system).first
}

export function daysBetween(start: Date, end: Date): Date[] {
  const days: Date[] = []
  for (let day = start; day < end; day = addDays(day, 1)) days.push(day)
  return days
}
