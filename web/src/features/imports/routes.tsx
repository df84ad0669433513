/**
 * The import screens and their navigation link. The screens load on first use (their own
 * script chunk), so the record list's first load does not carry the wizard.
 */
import { Center, Loader, NavLink } from '@mantine/core'
import { lazy, Suspense, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps } from '../../app/router.js'
import { IMPORT_PATH } from './paths.js'

const ImportWizard = lazy(() => import('./ImportWizard.js').then((module) => ({ default: module.ImportWizard })))
const ImportsPage = lazy(() => import('./ImportsPage.js').then((module) => ({ default: module.ImportsPage })))

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  return <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}>{children}</Suspense>
}

export const ImportScreen = ({ objects, object }: { objects: ObjectDescription[]; object?: string }) =>
  <Loading><ImportWizard objects={objects} initialObject={object} /></Loading>
export const ImportsScreen = ({ objects }: { objects: ObjectDescription[] }) => <Loading><ImportsPage objects={objects} /></Loading>

/** "Import" in the navigation, active on the wizard and the job list. */
export function ImportNav({ current, onNavigate }: { current: string; onNavigate?: () => void }) {
  const { t } = useTranslation()
  const active = current === 'import' || current === 'imports'
  return <NavLink label={t('imports.nav')} active={active} aria-current={active ? 'page' : undefined} {...linkProps(IMPORT_PATH, onNavigate)} />
}
