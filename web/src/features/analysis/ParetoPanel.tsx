/** Pareto curve with the 80% line, the share of customers making 80%, ABC classes and their write-back (administrators). */
import { Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { getPareto, writeAbcClasses, type CustomerObject, type ParetoResult } from '../../api/analysis.js'
import { useMe } from '../auth/session.js'
import { EChart, type ChartOption } from './EChart.js'
import { analysisFormat, type AnalysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

const MEASURES = ['revenue', 'profit'] as const

function curveOption(data: ParetoResult, f: AnalysisFormat, t: (key: string) => string): ChartOption {
  return {
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => f.percent(Number(v) / 100) },
    xAxis: { type: 'value', min: 0, max: 100, name: t('analysis.pareto.customersAxis'), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => f.percent(v / 100) } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => f.percent(v / 100) } },
    series: [{
      type: 'line', showSymbol: false, name: t('analysis.pareto.cumulative'),
      data: [[0, 0], ...data.curve.map((p) => [p.customerShare * 100, p.valueShare * 100])],
      markLine: { symbol: 'none', silent: true, data: [{ yAxis: 80 }, { xAxis: data.shareOfCustomersFor80Percent * 100 }], label: { formatter: '' } },
    }],
  }
}

function WriteClasses({ object, measure }: { object: CustomerObject; measure: string }) {
  const { t, i18n } = useTranslation()
  const [field, setField] = useState('abcClass')
  const write = useMutation({ mutationFn: () => writeAbcClasses(object, measure, field.trim()) })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    write.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs">
        <TextInput label={t('analysis.writeBack.field')} description={t('analysis.pareto.fieldHint')} value={field} onChange={(e) => setField(e.currentTarget.value)} required />
        <Button type="submit" loading={write.isPending} disabled={!field.trim()}>{t('analysis.pareto.writeClasses')}</Button>
      </Group>
      {write.isSuccess ? <Text role="status" size="sm" mt="xs">{t('analysis.writeBack.updated', { count: write.data.updated, formatted: analysisFormat(i18n.language).number(write.data.updated) })}</Text> : null}
    </form>
  )
}

export function ParetoPanel({ object }: { object: CustomerObject }) {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const me = useMe()
  const [measure, setMeasure] = useState<string>('revenue')
  const query = useQuery({ queryKey: ['analysis', 'pareto', object, measure], queryFn: ({ signal }) => getPareto(object, measure, signal) })
  const option = useMemo(() => (query.data ? curveOption(query.data, f, t) : null), [query.data, f, t])
  const value = (data: ParetoResult, v: string | number) => (data.currency ? f.money(v, data.currency) : f.number(Number(v)))
  return (
    <Stack>
      <SegmentedControl aria-label={t('analysis.pareto.measure')} value={measure} onChange={setMeasure}
        data={MEASURES.map((m) => ({ value: m, label: t(`analysis.pareto.measures.${m}`) }))} w="fit-content" />
      <QueryState query={query} empty={(data) => data.customerCount === 0}>
        {(data) => (
          <Stack>
            <Text size="lg" data-testid="pareto-share">
              {t('analysis.pareto.share', { count: data.customersFor80Percent, customers: f.number(data.customersFor80Percent), share: f.percent(data.shareOfCustomersFor80Percent) })}
            </Text>
            <Text c="dimmed">{t('analysis.pareto.top20', { share: f.percent(data.top20PercentShare), total: value(data, data.total) })}</Text>
            <EChart option={option!} label={t('analysis.pareto.chart')} />
            <div className="analysis-table-wrap">
              <Table captionSide="top" data-testid="abc-classes">
                <Table.Caption>{t('analysis.pareto.classes')}</Table.Caption>
                <Table.Thead><Table.Tr><Table.Th>{t('analysis.pareto.class')}</Table.Th><Table.Th>{t('analysis.customersCount')}</Table.Th><Table.Th>{t(`analysis.pareto.measures.${measure}`)}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {(['A', 'B', 'C'] as const).map((c) => (
                    <Table.Tr key={c}><Table.Td>{c}</Table.Td><Table.Td>{f.number(data.classes[c].count)}</Table.Td><Table.Td>{value(data, data.classes[c].value)}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {me.data?.role.isAdmin ? <WriteClasses object={object} measure={measure} /> : null}
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
