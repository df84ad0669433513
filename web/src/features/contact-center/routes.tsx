/**
 * The contact center's screens (IVR designer, agent scripts, knowledge base) and their links for
 * the app frame. The screens load on first use, so the first page's script stays small.
 */
import { Center, Loader, NavLink, Stack, Text } from '@mantine/core'
 * The contact center's screens and navigation link for the app frame. The wallboard loads on
 * first use (its own script chunk).
 */
import { Center, Loader, NavLink } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps } from '../../app/router.js'

const IvrDesignerPage = lazy(() => import('./IvrDesignerPage.js').then((module) => ({ default: module.IvrDesignerPage })))
const ScriptsPage = lazy(() => import('./ScriptsPage.js').then((module) => ({ default: module.ScriptsPage })))
const KbPage = lazy(() => import('./KbPage.js').then((module) => ({ default: module.KbPage })))

export const CONTACT_CENTER_SECTIONS = ['ivr', 'scripts', 'kb'] as const
export type ContactCenterSection = (typeof CONTACT_CENTER_SECTIONS)[number]

export function ContactCenterScreen({ section }: { section: ContactCenterSection }) {
  const { t } = useTranslation()
  return (
    <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}>
      {section === 'ivr' ? <IvrDesignerPage /> : section === 'scripts' ? <ScriptsPage /> : <KbPage />}
    </Suspense>
  )
}

/** "Contact center" links in the navigation. */
export function ContactCenterNav({ current, onNavigate }: { current: string | undefined; onNavigate?: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>{t('contactCenter.nav')}</Text>
      <Stack gap={2} component="ul" className="plain-list" mb="xs">
        {CONTACT_CENTER_SECTIONS.map((section) => (
          <li key={section}>
            <NavLink label={t(`contactCenter.sections.${section}`)} active={current === section} aria-current={current === section ? 'page' : undefined}
              {...linkProps(`/contact-center/${section}`, onNavigate)} />
          </li>
        ))}
      </Stack>
    </>
  )
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
