/**
 * The month view: whole weeks around the month as a table (so right-to-left pages read it from
 * the right). A day shows its first few activities; its number opens the day view, and a click
 * on the empty part of a day starts a new activity there.
 */
import { UnstyledButton } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Activity } from './activities.js'
import { ActivityChip } from './ActivityChip.js'
import { addDays, dayKey, daysBetween, isSameDay } from './calendar-dates.js'
import type { CalendarFormat } from './calendar-format.js'

const VISIBLE_PER_DAY = 3
const DAYS_IN_WEEK = 7
/** New activities made from a month cell start at this hour. */
export const DEFAULT_HOUR = 9

export interface GridProps {
  start: Date
  end: Date
  byDay: ReadonlyMap<string, Activity[]>
  format: CalendarFormat
  /** Days outside the month (or none): shown dimmed. */
  inRange?: (day: Date) => boolean
  onCreate(at: Date): void
  onOpenDay(day: Date): void
}

export function MonthGrid({ start, end, byDay, format, inRange, onCreate, onOpenDay }: GridProps) {
  const { t } = useTranslation()
  const days = daysBetween(start, end)
  const weeks = Array.from({ length: days.length / DAYS_IN_WEEK }, (_, i) => days.slice(i * DAYS_IN_WEEK, (i + 1) * DAYS_IN_WEEK))
  const today = new Date()
  return (
    <table className="calendar-table calendar-month" aria-label={t('calendar.monthGrid')}>
      <thead>
        <tr>
          {weeks[0].map((day) => <th key={day.getDay()} scope="col" abbr={format.weekdayLong(day)}>{format.weekday(day)}</th>)}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={dayKey(week[0])}>
            {week.map((day) => {
              const activities = byDay.get(dayKey(day)) ?? []
              const hidden = activities.length - VISIBLE_PER_DAY
              return (
                <td key={dayKey(day)} className="calendar-cell" data-day={dayKey(day)}
                  data-outside={inRange && !inRange(day) ? true : undefined} data-today={isSameDay(day, today) || undefined}>
                  <button type="button" className="calendar-slot" tabIndex={-1}
                    aria-label={t('calendar.newOn', { day: format.fullDay(day) })}
                    onClick={() => onCreate(new Date(day.getFullYear(), day.getMonth(), day.getDate(), DEFAULT_HOUR))} />
                  <UnstyledButton className="calendar-day-number" aria-label={format.fullDay(day)}
                    aria-current={isSameDay(day, today) ? 'date' : undefined} onClick={() => onOpenDay(day)}>
                    {format.dayNumber(day)}
                  </UnstyledButton>
                  <div className="calendar-cell-items">
                    {activities.slice(0, VISIBLE_PER_DAY).map((activity) => <ActivityChip key={activity.id} activity={activity} format={format} />)}
                    {hidden > 0 ? (
                      <UnstyledButton className="calendar-more" onClick={() => onOpenDay(day)}>
                        {t('calendar.more', { count: hidden })}
                      </UnstyledButton>
                    ) : null}
                  </div>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export const isWithinMonth = ({ first, last }: { first: Date; last: Date }) => (day: Date) => day >= first && day < addDays(last, 1)
