/** RFM segments: a treemap sized by customer count and the same figures in a table. */
import { Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { getRfm, type CustomerObject } from '../../api/analysis.js'
import { EChart } from './EChart.js'
import { analysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

/** Segment names from the API ("Can't lose") as message keys. */
export const segmentKey = (name: string) => `analysis.rfm.segments.${name.replace(/[^A-Za-z]/g, '')}`

export function RfmPanel({ object }: { object: CustomerObject }) {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const query = useQuery({ queryKey: ['analysis', 'rfm', object], queryFn: ({ signal }) => getRfm(object, signal) })
  const option = useMemo(() => query.data && {
    tooltip: { formatter: (p: { name: string; value: number }) => `${p.name}: ${f.number(p.value)}` },
    series: [{
      type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, top: 0, left: 0, right: 0, bottom: 0,
      label: { lineHeight: 16, overflow: 'truncate', formatter: (p: { name: string; value: number }) => `${p.name}\n${f.number(p.value)}` },
      data: query.data.segments.filter((s) => s.count > 0).map((s) => ({ name: t(segmentKey(s.name)), value: s.count })),
    }],
  }, [query.data, f, t])
  return (
    <QueryState query={query} empty={(data) => data.customers === 0}>
      {(data) => (
        <Stack>
          <Text>{t('analysis.rfm.summary', { count: data.customers, customers: f.number(data.customers), without: f.number(data.withoutOrders), date: f.date(data.asOf) })}</Text>
          <EChart option={option!} label={t('analysis.rfm.chart')} height={300} />
          <div className="analysis-table-wrap">
            <Table data-testid="rfm-segments">
              <Table.Thead><Table.Tr><Table.Th>{t('analysis.rfm.segment')}</Table.Th><Table.Th>{t('analysis.customersCount')}</Table.Th><Table.Th>{t('analysis.share')}</Table.Th><Table.Th>{t('analysis.rfm.monetary')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {data.segments.map((s) => (
                  <Table.Tr key={s.name}><Table.Td>{t(segmentKey(s.name))}</Table.Td><Table.Td>{f.number(s.count)}</Table.Td><Table.Td>{f.percent(s.share)}</Table.Td><Table.Td>{f.money(s.monetary, data.currency)}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Stack>
      )}
    </QueryState>
  )
}
