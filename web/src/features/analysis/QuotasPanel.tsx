/** Quota vs attainment per owner and period, and the forecast categories beside it. */
import { SegmentedControl, Stack, Table, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getAttainment, getForecastCategories, type PeriodKind } from '../../api/analysis.js'
import { listMembers } from '../../api/settings.js'
import { useMe } from '../auth/session.js'
import { analysisFormat, type AnalysisFormat } from './format.js'
import { QueryState } from './QueryState.js'
import { QuotaManager } from './QuotaManager.js'

const CATEGORIES = ['pipeline', 'bestCase', 'commit', 'closed'] as const

function periodLabel(period: string, f: AnalysisFormat, t: (key: string, options?: Record<string, unknown>) => string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period)
  return quarter ? t('analysis.quotas.quarter', { quarter: f.number(Number(quarter[2])), year: quarter[1] }) : f.month(period)
}

/** Owner names: members' names for administrators (who may list members), "you" for oneself. */
function useOwnerName(): (id: string | null) => string {
  const { t } = useTranslation()
  const me = useMe()
  const members = useQuery({ queryKey: ['analysis', 'members'], queryFn: ({ signal }) => listMembers(signal), enabled: me.data?.role.isAdmin === true, retry: false })
  return (id) => {
    if (id === null) return t('analysis.quotas.noOwner')
    if (id === me.data?.user?.id) return me.data.user.name || t('analysis.quotas.you')
    return members.data?.find((m) => m.userId === id)?.name ?? id.slice(0, 8)
  }
}

export function QuotasPanel() {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const [period, setPeriod] = useState<PeriodKind>('quarter')
  const ownerName = useOwnerName()
  const attainment = useQuery({ queryKey: ['analysis', 'attainment', period], queryFn: ({ signal }) => getAttainment(period, signal) })
  const categories = useQuery({ queryKey: ['analysis', 'categories', period], queryFn: ({ signal }) => getForecastCategories(period, signal) })
  const me = useMe()
  return (
    <Stack>
      {me.data?.role.isAdmin ? <QuotaManager ownerName={ownerName} periodName={(p) => periodLabel(p, f, t)} /> : null}
      <SegmentedControl aria-label={t('analysis.quotas.period')} value={period} onChange={(v) => setPeriod(v as PeriodKind)} w="fit-content"
        data={[{ value: 'month', label: t('analysis.quotas.month') }, { value: 'quarter', label: t('analysis.quotas.quarterly') }]} />
      <Title order={2} size="h5">{t('analysis.quotas.attainmentTitle')}</Title>
      <QueryState query={attainment} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <div className="analysis-table-wrap">
            <Table data-testid="attainment">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('analysis.quotas.owner')}</Table.Th><Table.Th>{t('analysis.quotas.period')}</Table.Th><Table.Th>{t('analysis.quotas.quota')}</Table.Th>
                <Table.Th>{t('analysis.quotas.won')}</Table.Th><Table.Th>{t('analysis.quotas.attainment')}</Table.Th>
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.ownerId}|${r.period}|${r.currency}`}>
                    <Table.Td><bdi>{ownerName(r.ownerId)}</bdi></Table.Td><Table.Td>{periodLabel(r.period, f, t)}</Table.Td>
                    <Table.Td>{r.quota === null ? '—' : f.money(r.quota, r.currency)}</Table.Td>
                    <Table.Td>{f.money(r.won, r.currency)} ({t('analysis.quotas.deals', { count: r.wonCount, formatted: f.number(r.wonCount) })})</Table.Td>
                    <Table.Td>{r.attainment === null ? '—' : f.percent(r.attainment)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </QueryState>
      <Title order={2} size="h5">{t('analysis.quotas.categoriesTitle')}</Title>
      <QueryState query={categories} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <div className="analysis-table-wrap">
            <Table data-testid="forecast-categories">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('analysis.quotas.owner')}</Table.Th><Table.Th>{t('analysis.quotas.period')}</Table.Th>
                {CATEGORIES.map((c) => <Table.Th key={c}>{t(`analysis.quotas.categories.${c}`)}</Table.Th>)}
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.ownerId}|${r.period}|${r.currency}`}>
                    <Table.Td><bdi>{ownerName(r.ownerId)}</bdi></Table.Td><Table.Td>{periodLabel(r.period, f, t)}</Table.Td>
                    {CATEGORIES.map((c) => <Table.Td key={c}>{f.money(r.amounts[c], r.currency)}</Table.Td>)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </QueryState>
    </Stack>
  )
}
