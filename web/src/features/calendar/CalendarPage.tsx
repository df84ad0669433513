/**
 * /calendar: activities by due time in a day, week or month view. The view and the day live in
 * the URL (`?view=month&date=2026-11-30`, always a Gregorian ISO day) so a reload or a shared
 * link shows the same page; what a week or month is follows the UI language (calendar-dates.ts).
 */
import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate, useLocation } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useMe } from '../auth/session.js'
import { ActivityCreateModal } from './ActivityCreateModal.js'
import { CALENDAR_VIEWS, calendarSystemOf, dayKey, monthOf, parseDayKey, rangeOf, startOfDay, stepDate, type CalendarView } from './calendar-dates.js'
import { calendarFormatFor } from './calendar-format.js'
import { MAX_VIEW_ACTIVITIES } from './activities.js'
import { isWithinMonth, MonthGrid } from './MonthGrid.js'
import { TimeGrid } from './TimeGrid.js'
import { useCalendarActivities } from './useCalendarActivities.js'
import './calendar.css'

const DEFAULT_VIEW: CalendarView = 'week'

/** `owner=me` shows only the signed-in person's activities. */
export const calendarPath = (view: CalendarView, date: Date, onlyMine = false) =>
  `/calendar?view=${view}&date=${dayKey(date)}${onlyMine ? '&owner=me' : ''}`

/** The "New activity" button proposes the next full hour (on the day shown). */
const LAST_HOUR = 23
const nextHour = () => Math.min(LAST_HOUR, new Date().getHours() + 1)

const isView = (value: string | null): value is CalendarView => CALENDAR_VIEWS.some((view) => view === value)

export function CalendarPage() {
  const { t, i18n } = useTranslation()
  const { search } = useLocation()
  const viewParam = search.get('view')
  const view = isView(viewParam) ? viewParam : DEFAULT_VIEW
  const date = parseDayKey(search.get('date')) ?? startOfDay(new Date())
  const system = calendarSystemOf(i18n.language)
  const format = calendarFormatFor(i18n.language)
  const { start, end } = rangeOf(view, date, system)
  const userId = useMe().data?.user?.id
  const onlyMine = search.get('owner') === 'me' && userId !== undefined
  const activities = useCalendarActivities(start, end, onlyMine ? userId : undefined)
  const [creatingAt, setCreatingAt] = useState<Date | null>(null)

  const go = (nextView: CalendarView, nextDate: Date, mine = onlyMine) => navigate(calendarPath(nextView, nextDate, mine), { replace: true })
  const grid = { start, end, byDay: activities.byDay, format, onCreate: setCreatingAt, onOpenDay: (day: Date) => go('day', day) }
  const count = [...activities.byDay.values()].reduce((sum, list) => sum + list.length, 0)

  return (
    <Stack gap="sm" className="calendar-page">
      <Group justify="space-between" gap="xs" className="calendar-toolbar">
        <Group gap="xs" wrap="nowrap" className="calendar-nav">
          <Button variant="default" size="xs" className="calendar-step" aria-label={t('calendar.previous')} onClick={() => go(view, stepDate(view, date, -1, system))}>
            <span aria-hidden="true">‹</span>
          </Button>
          <Button variant="default" size="xs" onClick={() => go(view, startOfDay(new Date()))}>{t('calendar.today')}</Button>
          <Button variant="default" size="xs" className="calendar-step" aria-label={t('calendar.next')} onClick={() => go(view, stepDate(view, date, 1, system))}>
            <span aria-hidden="true">›</span>
          </Button>
          <Title order={1} size="h3" className="calendar-title" aria-live="polite">{format.title(view, date, { start, end })}</Title>
        </Group>
        <Group gap="xs">
          <Button.Group aria-label={t('calendar.view')}>
            {CALENDAR_VIEWS.map((candidate) => (
              <Button key={candidate} size="xs" variant={candidate === view ? 'filled' : 'default'} aria-pressed={candidate === view}
                onClick={() => go(candidate, date)}>
                {t(`calendar.views.${candidate}`)}
              </Button>
            ))}
          </Button.Group>
          {userId ? (
            <Button size="xs" variant={onlyMine ? 'light' : 'default'} aria-pressed={onlyMine} onClick={() => go(view, date, !onlyMine)}>
              {t('calendar.onlyMine')}
            </Button>
          ) : null}
          <Button size="xs" onClick={() => setCreatingAt(new Date(date.getFullYear(), date.getMonth(), date.getDate(), nextHour()))}>
            {t('calendar.newActivity')}
          </Button>
        </Group>
      </Group>
      {activities.isError ? <ErrorAlert error={activities.error} onRetry={() => void activities.refetch()} /> : null}
      <Text size="sm" c="dimmed" role="status" aria-live="polite" className="calendar-status">
        {activities.isPending ? <Loader size="xs" aria-label={t('app.loading')} />
          : activities.truncated ? t('calendar.truncated', { max: MAX_VIEW_ACTIVITIES })
            : activities.isSuccess ? (count === 0 ? t('calendar.empty') : t('calendar.count', { count })) : null}
      </Text>
      {/* Keyed by view: the month grid must not inherit the hour grid's scroll position. */}
      <div key={view} className="calendar-scroll" data-view={view} aria-busy={activities.isFetching}>
        {view === 'month'
          ? <MonthGrid {...grid} inRange={isWithinMonth(monthOf(date, system))} />
          : <TimeGrid key={`${view}-${dayKey(start)}`} {...grid} />}
      </div>
      <ActivityCreateModal at={creatingAt} format={format} onClose={() => setCreatingAt(null)} />
    </Stack>
  )
}
