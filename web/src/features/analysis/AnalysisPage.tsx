/**
 * /analytics/<tab>: Pareto/ABC, RFM, cohorts, the revenue forecast, quotas, clusters,
 * cross-sell rules, client profitability and the RFM recompute schedule, each a panel over
 * its API. The tab is part of the URL, so a reload or a shared link opens the same panel.
 */
import { Select, Stack, Tabs, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CustomerObject } from '../../api/analysis.js'
import { navigate } from '../../app/router.js'
import { ClustersPanel } from './ClustersPanel.js'
import { CohortsPanel } from './CohortsPanel.js'
import { ForecastPanel } from './ForecastPanel.js'
import { ParetoPanel } from './ParetoPanel.js'
import { ProfitabilityPanel } from './ProfitabilityPanel.js'
import { QuotasPanel } from './QuotasPanel.js'
import { RfmPanel } from './RfmPanel.js'
import { RulesPanel } from './RulesPanel.js'
import { SchedulePanel } from './SchedulePanel.js'
import { analysisPath } from './routes.js'
import './analysis.css'

export const TABS = ['pareto', 'rfm', 'cohorts', 'forecast', 'quotas', 'clusters', 'crossSell', 'profitability', 'schedules'] as const
type Tab = (typeof TABS)[number]
/** Tabs whose labels live in the planning locale area (planning.json). */
const PLANNING_TABS = new Set<string>(['profitability', 'schedules'])

export function AnalysisPage({ tab }: { tab?: string }) {
  const { t } = useTranslation()
  const [object, setObject] = useState<CustomerObject>('people')
  const current: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'pareto'
  const customerTabs = new Set<Tab>(['pareto', 'rfm', 'cohorts', 'clusters', 'profitability'])
  return (
    <Stack gap="md" className="analysis-page">
      <div className="analysis-header">
        <Title order={1} size="h3">{t('analysis.title')}</Title>
        {customerTabs.has(current) ? (
          <Select label={t('analysis.customers')} data={[{ value: 'people', label: t('analysis.objects.people') }, { value: 'companies', label: t('analysis.objects.companies') }]}
            value={object} onChange={(value) => value && setObject(value as CustomerObject)} allowDeselect={false} w={200} />
        ) : null}
      </div>
      <Tabs value={current} onChange={(value) => value && navigate(analysisPath(value))} keepMounted={false}>
        <Tabs.List className="analysis-tabs">
          {TABS.map((name) => <Tabs.Tab key={name} value={name}>{t(PLANNING_TABS.has(name) ? `planning.tabs.${name}` : `analysis.tabs.${name}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="pareto" pt="md"><ParetoPanel object={object} /></Tabs.Panel>
        <Tabs.Panel value="rfm" pt="md"><RfmPanel object={object} /></Tabs.Panel>
        <Tabs.Panel value="cohorts" pt="md"><CohortsPanel object={object} /></Tabs.Panel>
        <Tabs.Panel value="forecast" pt="md"><ForecastPanel /></Tabs.Panel>
        <Tabs.Panel value="quotas" pt="md"><QuotasPanel /></Tabs.Panel>
        <Tabs.Panel value="clusters" pt="md"><ClustersPanel object={object} /></Tabs.Panel>
        <Tabs.Panel value="crossSell" pt="md"><RulesPanel /></Tabs.Panel>
        <Tabs.Panel value="profitability" pt="md"><ProfitabilityPanel object={object} /></Tabs.Panel>
        <Tabs.Panel value="schedules" pt="md"><SchedulePanel /></Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
