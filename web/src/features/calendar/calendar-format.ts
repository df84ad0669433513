/**
 * Labels of the calendar in the UI language: titles, weekday names, day numbers and times.
 * Persian uses the Solar Hijri calendar and Persian digits (`fa-IR-u-ca-persian`); the
 * formatters are cached per language because a month grid formats ~40 cells per render.
 */
import { addDays, calendarSystemOf, monthOf, type CalendarView } from './calendar-dates.js'

export interface CalendarFormat {
  title(view: CalendarView, date: Date, range: { start: Date; end: Date }): string
  weekday(date: Date): string
  weekdayLong(date: Date): string
  dayNumber(date: Date): string
  /** A whole day with its weekday, for accessible names and the create form. */
  fullDay(date: Date): string
  time(date: Date): string
  /** Day and time, for overdue tasks. */
  dayAndTime(date: Date): string
}

const cache = new Map<string, CalendarFormat>()

function createFormat(language: string): CalendarFormat {
  const system = calendarSystemOf(language)
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(system.locale, options)
  const month = format({ month: 'long', year: 'numeric' })
  const span = format({ day: 'numeric', month: 'short', year: 'numeric' })
  const full = format({ dateStyle: 'full' })
  const weekday = format({ weekday: 'short' })
  const weekdayLong = format({ weekday: 'long' })
  const dayNumber = format({ day: 'numeric' })
  const time = format({ hour: 'numeric', minute: '2-digit' })
  const dayAndTime = format({ dateStyle: 'medium', timeStyle: 'short' })
  return {
    title(view, date, range) {
      if (view === 'day') return full.format(date)
      if (view === 'week') return span.formatRange(range.start, addDays(range.end, -1))
      return month.format(monthOf(date, system).first)
    },
    weekday: (date) => weekday.format(date),
    weekdayLong: (date) => weekdayLong.format(date),
    dayNumber: (date) => dayNumber.format(date),
    fullDay: (date) => full.format(date),
    time: (date) => time.format(date),
    dayAndTime: (date) => dayAndTime.format(date),
  }
}

export function calendarFormatFor(language: string): CalendarFormat {
  let format = cache.get(language)
  if (!format) {
    format = createFormat(language)
    cache.set(language, format)
  }
  return format
}
