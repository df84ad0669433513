/**
 * The analysis section's screen and its navigation link for the app frame. The page (and
 * ECharts with it) loads on first use, in its own script chunk.
 */
import { Center, Loader, NavLink } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps } from '../../app/router.js'

const AnalysisPage = lazy(() => import('./AnalysisPage.js').then((module) => ({ default: module.AnalysisPage })))

export const ANALYSIS_PATH = '/analytics'
export const analysisPath = (tab: string) => `${ANALYSIS_PATH}/${tab}`

export function AnalysisScreen({ tab }: { tab?: string }) {
  const { t } = useTranslation()
  return (
    <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}>
      <AnalysisPage tab={tab} />
    </Suspense>
  )
}

export function AnalysisNav({ current, onNavigate }: { current: string; onNavigate?: () => void }) {
  const { t } = useTranslation()
  return (
    <NavLink label={t('analysis.title')} active={current === 'analysis'} aria-current={current === 'analysis' ? 'page' : undefined}
      mb="xs" {...linkProps(ANALYSIS_PATH, onNavigate)} />
  )
}
