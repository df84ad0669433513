/**
 * The calendar's screens and navigation links for the app frame. The screens load on first
 * use (their own script chunk), so the people list's first load does not carry them.
 */
import { Center, Loader, NavLink, Stack } from '@mantine/core'
import { lazy, Suspense, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps } from '../../app/router.js'

const CalendarPage = lazy(() => import('./CalendarPage.js').then((module) => ({ default: module.CalendarPage })))
const MyDayPage = lazy(() => import('./MyDayPage.js').then((module) => ({ default: module.MyDayPage })))

export const CALENDAR_PATH = '/calendar'
export const MY_DAY_PATH = '/my-day'

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}>{children}</Suspense>
}

export const CalendarScreen = () => <Loading><CalendarPage /></Loading>
export const MyDayScreen = () => <Loading><MyDayPage /></Loading>

/** "My day" and "Calendar" above the object list. */
export function CalendarNav({ current, onNavigate }: { current: string; onNavigate?: () => void }) {
  const { t } = useTranslation()
  const links = [
    { name: 'myDay', path: MY_DAY_PATH, label: t('calendar.myDay') },
    { name: 'calendar', path: CALENDAR_PATH, label: t('calendar.title') },
  ]
  return (
    <Stack gap={2} component="ul" className="plain-list" mb="xs">
      {links.map((link) => (
        <li key={link.name}>
          <NavLink label={link.label} active={current === link.name} aria-current={current === link.name ? 'page' : undefined}
            {...linkProps(link.path, onNavigate)} />
        </li>
      ))}
    </Stack>
  )
}
