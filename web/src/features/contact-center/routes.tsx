/**
 * The contact center's screens (IVR designer, agent scripts, knowledge base, wallboard, ACD queues,
 * skills matrix with phone endpoints, routing rules, historical report, callbacks, phone lines) and their
 * links for the app frame. The screens load on first use, so the first page's script stays small.
 */
import { Center, Loader, NavLink, Stack, Text } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps } from '../../app/router.js'

const IvrDesignerPage = lazy(() => import('./IvrDesignerPage.js').then((module) => ({ default: module.IvrDesignerPage })))
const ScriptsPage = lazy(() => import('./ScriptsPage.js').then((module) => ({ default: module.ScriptsPage })))
const KbPage = lazy(() => import('./KbPage.js').then((module) => ({ default: module.KbPage })))
const WallboardPage = lazy(() => import('./WallboardPage.js').then((module) => ({ default: module.WallboardPage })))
const QueuesPage = lazy(() => import('./QueuesPage.js').then((module) => ({ default: module.QueuesPage })))
const SkillsMatrixPage = lazy(() => import('./SkillsMatrixPage.js').then((module) => ({ default: module.SkillsMatrixPage })))
const RoutingRulesPage = lazy(() => import('./RoutingRulesPage.js').then((module) => ({ default: module.RoutingRulesPage })))
const CallbacksPage = lazy(() => import('./CallbacksPage.js').then((module) => ({ default: module.CallbacksPage })))
const AcdReportPage = lazy(() => import('./AcdReportPage.js').then((module) => ({ default: module.AcdReportPage })))
const PhoneLinesPage = lazy(() => import('./PhoneLinesPage.js').then((module) => ({ default: module.PhoneLinesPage })))

export const CONTACT_CENTER_SECTIONS = ['ivr', 'scripts', 'kb'] as const
export type ContactCenterSection = (typeof CONTACT_CENTER_SECTIONS)[number]
export const WALLBOARD_PATH = '/contact-center/wallboard'
export const CALLBACKS_PATH = '/contact-center/callbacks'
export const PHONE_LINES_PATH = '/contact-center/lines'
/** ACD configuration and the historical report: /contact-center/<section>. */
export const ACD_SECTIONS = ['queues', 'skills', 'routing', 'reports'] as const
export type AcdSection = (typeof ACD_SECTIONS)[number]

function Loading() {
  const { t } = useTranslation()
  return <Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
}

export function ContactCenterScreen({ section }: { section: ContactCenterSection }) {
  return (
    <Suspense fallback={<Loading />}>
      {section === 'ivr' ? <IvrDesignerPage /> : section === 'scripts' ? <ScriptsPage /> : <KbPage />}
    </Suspense>
  )
}

export function AcdScreen({ section }: { section: AcdSection }) {
  const page = section === 'queues' ? <QueuesPage /> : section === 'skills' ? <SkillsMatrixPage /> : section === 'routing' ? <RoutingRulesPage /> : <AcdReportPage />
  return <Suspense fallback={<Loading />}>{page}</Suspense>
}

export function WallboardScreen() {
  return <Suspense fallback={<Loading />}><WallboardPage /></Suspense>
}

export function CallbacksScreen() {
  return <Suspense fallback={<Loading />}><CallbacksPage /></Suspense>
}

export function PhoneLinesScreen() {
  return <Suspense fallback={<Loading />}><PhoneLinesPage /></Suspense>
}

/** "Contact center" links in the navigation: the wallboard, callbacks, the designers and the knowledge base, then ACD configuration, reports and phone lines. */
export function ContactCenterNav({ current, onNavigate }: { current: ContactCenterSection | AcdSection | 'wallboard' | 'callbacks' | 'phoneLines' | undefined; onNavigate?: () => void }) {
  const { t } = useTranslation()
  const link = (key: string, label: string, path: string) => (
    <li key={key}>
      <NavLink label={label} active={current === key} aria-current={current === key ? 'page' : undefined} {...linkProps(path, onNavigate)} />
    </li>
  )
  return (
    <>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>{t('contactCenter.nav')}</Text>
      <Stack gap={2} component="ul" className="plain-list" mb="xs">
        {link('wallboard', t('contactCenter.wallboard'), WALLBOARD_PATH)}
        {link('callbacks', t('callbacks.nav'), CALLBACKS_PATH)}
        {CONTACT_CENTER_SECTIONS.map((section) => link(section, t(`contactCenter.sections.${section}`), `/contact-center/${section}`))}
        {ACD_SECTIONS.map((section) => link(section, t(`acdadmin.nav.${section}`), `/contact-center/${section}`))}
        {link('phoneLines', t('phoneLines.nav'), PHONE_LINES_PATH)}
      </Stack>
    </>
  )
}
