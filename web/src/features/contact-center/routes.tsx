/**
 * The contact center's screens and navigation link for the app frame. The wallboard loads on
 * first use (its own script chunk).
 */
import { Center, Loader, NavLink } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps } from '../../app/router.js'

const WallboardPage = lazy(() => import('./WallboardPage.js').then((module) => ({ default: module.WallboardPage })))

export const WALLBOARD_PATH = '/contact-center/wallboard'

export function WallboardScreen() {
  const { t } = useTranslation()
  return <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}><WallboardPage /></Suspense>
}

export function ContactCenterNav({ current, onNavigate }: { current: string; onNavigate?: () => void }) {
  const { t } = useTranslation()
  const active = current === 'wallboard'
  return <NavLink label={t('contactCenter.wallboard')} active={active} aria-current={active ? 'page' : undefined} mb="xs" {...linkProps(WALLBOARD_PATH, onNavigate)} />
}
