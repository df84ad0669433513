/**
 * The dashboards' screens and navigation link for the app frame. The screens (and ECharts with
 * them) load on first use in their own script chunk, so the first load does not carry them.
 */
import { Center, Loader, NavLink } from '@mantine/core'
import { lazy, Suspense, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps } from '../../app/router.js'

const DashboardsPage = lazy(() => import('./DashboardsPage.js').then((module) => ({ default: module.DashboardsPage })))
const DashboardPage = lazy(() => import('./DashboardPage.js').then((module) => ({ default: module.DashboardPage })))

export const DASHBOARDS_PATH = '/dashboards'

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}>{children}</Suspense>
}

export const DashboardsScreen = () => <Loading><DashboardsPage /></Loading>
export const DashboardScreen = ({ id }: { id: string }) => <Loading><DashboardPage key={id} id={id} /></Loading>

/** "Dashboards" above the object list. */
export function DashboardsNav({ current, onNavigate }: { current: string; onNavigate?: () => void }) {
  const { t } = useTranslation()
  const active = current === 'dashboards' || current === 'dashboard'
  return <NavLink label={t('dashboards.title')} active={active} aria-current={active ? 'page' : undefined} {...linkProps(DASHBOARDS_PATH, onNavigate)} />
}
