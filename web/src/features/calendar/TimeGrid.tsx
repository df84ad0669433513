/**
 * The day and week views: one column per day, one row per hour. Activities sit in the hour
 * they are due; a click on the empty part of an hour starts a new activity at that time. The
 * grid opens scrolled to the start of a working day.
 */
import { UnstyledButton } from '@mantine/core'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ActivityChip } from './ActivityChip.js'
import { dayKey, daysBetween, isSameDay } from './calendar-dates.js'
import type { GridProps } from './MonthGrid.js'

const HOURS = Array.from({ length: 24 }, (_, hour) => hour)
const FIRST_VISIBLE_HOUR = 7

export function TimeGrid({ start, end, byDay, format, onCreate, onOpenDay }: Omit<GridProps, 'inRange'>) {
  const { t } = useTranslation()
  const days = daysBetween(start, end)
  const today = new Date()
  const scrollTo = useRef<HTMLTableRowElement>(null)
  useEffect(() => {
    const row = scrollTo.current
    const scroller = row?.closest('.calendar-scroll')
    if (row && scroller) scroller.scrollTop = row.offsetTop - (row.closest('table')?.tHead?.offsetHeight ?? 0)
  }, [])
  const at = (day: Date, hour: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour)
  const inHour = (day: Date, hour: number) => (byDay.get(dayKey(day)) ?? []).filter((activity) => activity.dueAt.getHours() === hour)

  return (
    <table className="calendar-table calendar-time" data-days={days.length}
      aria-label={t(days.length === 1 ? 'calendar.dayGrid' : 'calendar.weekGrid')}>
      <thead>
        <tr>
          <td className="calendar-hour-corner" />
          {days.map((day) => (
            <th key={dayKey(day)} scope="col" data-today={isSameDay(day, today) || undefined}>
              <UnstyledButton className="calendar-day-heading" aria-label={format.fullDay(day)}
                aria-current={isSameDay(day, today) ? 'date' : undefined} onClick={() => onOpenDay(day)}>
                <span className="calendar-weekday">{format.weekday(day)}</span>
                <span className="calendar-day-number">{format.dayNumber(day)}</span>
              </UnstyledButton>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {HOURS.map((hour) => (
          <tr key={hour} ref={hour === FIRST_VISIBLE_HOUR ? scrollTo : undefined}>
            <th scope="row" className="calendar-hour">{format.time(at(start, hour))}</th>
            {days.map((day) => (
              <td key={dayKey(day)} className="calendar-cell" data-day={dayKey(day)} data-hour={hour}>
                <button type="button" className="calendar-slot" tabIndex={-1}
                  aria-label={t('calendar.newAt', { day: format.fullDay(day), time: format.time(at(day, hour)) })}
                  onClick={() => onCreate(at(day, hour))} />
                <div className="calendar-cell-items">
                  {inHour(day, hour).map((activity) => <ActivityChip key={activity.id} activity={activity} format={format} />)}
                </div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
