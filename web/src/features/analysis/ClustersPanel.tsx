/** k-means segments: choose features and k (or let the silhouette choose), see profiles and a scatter of the first two features. */
import { Button, Group, MultiSelect, Select, Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { runClusters, type ClusterResult, type CustomerObject } from '../../api/analysis.js'
import { useObjects } from '../records/useObjects.js'
import { EChart, type ChartOption } from './EChart.js'
import { analysisFormat, type AnalysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

const FEATURES = ['recencyDays', 'frequency', 'monetary', 'averageBasket', 'tenureDays'] as const
const K_CHOICES = ['auto', '2', '3', '4', '5', '6', '7', '8']

function scatter(data: ClusterResult, f: AnalysisFormat, name: (feature: string) => string): ChartOption {
  const labels = data.clusters.map((c) => c.label)
  return {
    grid: { left: 64, right: 16, top: 32, bottom: 48 },
    legend: { top: 0 },
    tooltip: { formatter: (p: { seriesName: string; value: number[] }) => `${p.seriesName}: ${f.number(p.value[0], 1)} · ${f.number(p.value[1], 1)}` },
    xAxis: { type: 'value', name: name(data.features[0].name), nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: name(data.features[1]?.name ?? data.features[0].name), scale: true },
    series: labels.map((label) => ({
      name: label, type: 'scatter', symbolSize: 6,
      data: data.points.filter((p) => p.cluster === label).map((p) => [p.values[0], p.values[1] ?? p.values[0]]),
    })),
  }
}

export function ClustersPanel({ object }: { object: CustomerObject }) {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const [features, setFeatures] = useState<string[]>(['recencyDays', 'frequency', 'monetary'])
  const [k, setK] = useState('auto')
  const [submitted, setSubmitted] = useState({ features, k })
  const objects = useObjects()
  // Numeric fields the member can see (the metadata list is already filtered by their role).
  const numericFields = (objects.data?.find((o) => o.apiName === object)?.fields ?? [])
    .filter((field) => field.type === 'number' || field.type === 'rating' || field.type === 'currency')
  const fieldLabels = new Map(numericFields.map((field) => [`field:${field.apiName}`, field.label]))
  const name = (feature: string) => fieldLabels.get(feature) ?? t(`analysis.clusters.features.${feature}`, { defaultValue: feature })
  const options = [...FEATURES, ...fieldLabels.keys()].map((v) => ({ value: v, label: name(v) }))
  const query = useQuery({
    queryKey: ['analysis', 'clusters', object, submitted],
    queryFn: () => runClusters({ object, features: submitted.features, seed: 1, ...(submitted.k === 'auto' ? {} : { k: Number(submitted.k) }) }),
    retry: false,
  })
  const option = useMemo(() => (query.data ? scatter(query.data, f, name) : null), [query.data, f, t])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted({ features, k })
  }
  return (
    <Stack>
      <form onSubmit={submit}>
        <Group align="flex-end" gap="xs">
          <MultiSelect label={t('analysis.clusters.featuresLabel')} data={options} value={features} onChange={setFeatures}
            miw={240} style={{ flex: 1 }} />
          <Select label={t('analysis.clusters.k')} data={K_CHOICES.map((v) => ({ value: v, label: v === 'auto' ? t('analysis.clusters.auto') : f.number(Number(v)) }))}
            value={k} onChange={(v) => v && setK(v)} allowDeselect={false} w={200} />
          <Button type="submit" disabled={features.length === 0} loading={query.isFetching}>{t('analysis.clusters.run')}</Button>
        </Group>
      </form>
      <QueryState query={query}>
        {(data) => (
          <Stack>
            <Text data-testid="clusters-summary">
              {t(data.chosenBy === 'silhouette' ? 'analysis.clusters.chosen' : 'analysis.clusters.given', {
                k: f.number(data.k), silhouette: f.number(data.silhouette, 2), count: data.customers, customers: f.number(data.customers),
              })}
            </Text>
            <div className="analysis-table-wrap">
              <Table data-testid="cluster-profiles">
                <Table.Thead><Table.Tr>
                  <Table.Th>{t('analysis.clusters.cluster')}</Table.Th><Table.Th>{t('analysis.customersCount')}</Table.Th><Table.Th>{t('analysis.share')}</Table.Th>
                  {data.features.map((feature) => <Table.Th key={feature.name}>{name(feature.name)}</Table.Th>)}
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.clusters.map((c) => (
                    <Table.Tr key={c.label}>
                      <Table.Td>{c.label}</Table.Td><Table.Td>{f.number(c.size)}</Table.Td><Table.Td>{f.percent(c.share)}</Table.Td>
                      {data.features.map((feature) => <Table.Td key={feature.name}>{f.number(c.means[feature.name], 1)}</Table.Td>)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            <EChart option={option!} label={t('analysis.clusters.chart')} height={360} />
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
