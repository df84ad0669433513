/**
 * The Duplicates screen's route pieces for the app frame: the screen loads on first use (its
 * own script chunk), and a navigation link sits with the other tools above the objects.
 */
import { Center, Loader, NavLink } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps } from '../../app/router.js'

const DuplicatesPage = lazy(() => import('./DuplicatesPage.js').then((module) => ({ default: module.DuplicatesPage })))

export const DUPLICATES_PATH = '/duplicates'

export function DuplicatesScreen({ objects }: { objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  return (
    <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}>
      <DuplicatesPage objects={objects} />
    </Suspense>
  )
}

export function DuplicatesNav({ current, onNavigate }: { current: string; onNavigate?: () => void }) {
  const { t } = useTranslation()
  return <NavLink label={t('duplicates.title')} active={current === 'duplicates'} aria-current={current === 'duplicates' ? 'page' : undefined} mb="xs" {...linkProps(DUPLICATES_PATH, onNavigate)} />
}
