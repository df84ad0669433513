/** Monthly revenue with the Holt-Winters forecast and its 95% band; the backtest MAPE beside the seasonal naive one. */
import { Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { getRevenueForecast, type RevenueForecast } from '../../api/analysis.js'
import { EChart, type ChartOption } from './EChart.js'
import { analysisFormat, type AnalysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

const HORIZON = 12

function chart(data: RevenueForecast, f: AnalysisFormat, t: (key: string) => string): ChartOption {
  const months = [...data.history.map((h) => h.month), ...data.forecast.map((p) => p.month)]
  const gap = data.history.map(() => null)
  const lastActual = data.history.length ? Number(data.history.at(-1)!.revenue) : null
  return {
    grid: { left: 72, right: 16, top: 32, bottom: 32 },
    legend: { top: 0, data: [t('analysis.forecast.actual'), t('analysis.forecast.forecast'), t('analysis.forecast.interval')] },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined ? '' : f.money(Number(v), data.currency)) },
    xAxis: { type: 'category', data: months.map((m) => f.month(m)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.number(v) } },
    series: [
      { name: t('analysis.forecast.actual'), type: 'line', showSymbol: false, data: data.history.map((h) => Number(h.revenue)) },
      // The forecast line starts at the last actual month so the two lines join.
      { name: t('analysis.forecast.forecast'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: [...gap.slice(1), lastActual, ...data.forecast.map((p) => p.value)] },
      { name: 'lower', type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, tooltip: { show: false }, data: [...gap, ...data.forecast.map((p) => p.lower)] },
      { name: t('analysis.forecast.interval'), type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.2 }, data: [...gap, ...data.forecast.map((p) => p.upper - p.lower)] },
    ],
  }
}

export function ForecastPanel() {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const query = useQuery({ queryKey: ['analysis', 'forecast', HORIZON], queryFn: ({ signal }) => getRevenueForecast(HORIZON, signal) })
  const option = useMemo(() => (query.data ? chart(query.data, f, t) : null), [query.data, f, t])
  return (
    <QueryState query={query} empty={(data) => data.method === 'none'}>
      {(data) => (
        <Stack>
          <Text data-testid="forecast-mape" fw={600}>
            {data.backtest.mape === null ? t('analysis.forecast.noBacktest')
              : t('analysis.forecast.mape', { mape: f.percent(data.backtest.mape), naive: f.percent(data.backtest.naiveMape ?? 0), count: data.backtest.origins, origins: f.number(data.backtest.origins) })}
          </Text>
          <Text c="dimmed" size="sm">{t(`analysis.forecast.methods.${data.method}`)}</Text>
          <EChart option={option!} label={t('analysis.forecast.chart')} height={360} />
          <div className="analysis-table-wrap">
            <Table data-testid="forecast-table">
              <Table.Thead><Table.Tr><Table.Th>{t('analysis.forecast.month')}</Table.Th><Table.Th>{t('analysis.forecast.forecast')}</Table.Th><Table.Th>{t('analysis.forecast.interval')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {data.forecast.map((p) => (
                  <Table.Tr key={p.month}>
                    <Table.Td>{f.month(p.month)}</Table.Td><Table.Td>{f.money(p.value, data.currency)}</Table.Td>
                    <Table.Td>{t('analysis.forecast.range', { lower: f.money(p.lower, data.currency), upper: f.money(p.upper, data.currency) })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Stack>
      )}
    </QueryState>
  )
}
