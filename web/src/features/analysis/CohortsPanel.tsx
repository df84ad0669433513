/** Retention by first-order month: a heatmap of the latest 12 cohorts over their first 12 months. */
import { Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { getCohorts, type CohortResult, type CustomerObject } from '../../api/analysis.js'
import { EChart, type ChartOption } from './EChart.js'
import { analysisFormat, type AnalysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

const SHOWN = 12

function heatmap(data: CohortResult, f: AnalysisFormat, t: (key: string, options?: Record<string, unknown>) => string): ChartOption {
  const cohorts = data.cohorts.slice(-SHOWN)
  const cells = cohorts.flatMap((c, row) => c.periods.filter((p) => p.offset < SHOWN).map((p) => [p.offset, row, Math.round(p.retention * 1000) / 10]))
  return {
    grid: { left: 72, right: 16, top: 8, bottom: 72 },
    tooltip: { formatter: (p: { value: number[] }) => `${f.month(cohorts[p.value[1]].cohort)} · ${t('analysis.cohorts.month', { n: f.number(p.value[0]) })}: ${f.percent(p.value[2] / 100)}` },
    xAxis: { type: 'category', data: Array.from({ length: SHOWN }, (_, i) => f.number(i)), name: t('analysis.cohorts.monthsAfter'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', data: cohorts.map((c) => f.month(c.cohort)), inverse: true },
    visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, formatter: (v: number) => f.percent(v / 100) },
    series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: (p: { value: number[] }) => f.number(p.value[2]) } }],
  }
}

export function CohortsPanel({ object }: { object: CustomerObject }) {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const query = useQuery({ queryKey: ['analysis', 'cohorts', object], queryFn: ({ signal }) => getCohorts(object, signal) })
  const option = useMemo(() => (query.data ? heatmap(query.data, f, t) : null), [query.data, f, t])
  return (
    <QueryState query={query} empty={(data) => data.cohorts.length === 0}>
      {() => (
        <Stack>
          <Text c="dimmed">{t('analysis.cohorts.explain')}</Text>
          <EChart option={option!} label={t('analysis.cohorts.chart')} height={420} />
        </Stack>
      )}
    </QueryState>
  )
}
