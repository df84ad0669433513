/**
 * Client profitability over a period: revenue, cost, margin and service load (activities the
 * customer takes part in) per customer, the top 100 by the chosen order, with totals over every
 * visible customer. Periods are calendar presets, so no date typing is needed on a phone.
 */
import { Select, SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CustomerObject } from '../../api/analysis.js'
import { getProfitability, type ProfitabilityOrder } from '../../api/planning.js'
import { analysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

const PERIODS = ['last12', 'thisYear', 'all'] as const
type Period = (typeof PERIODS)[number]
const ORDERS: ProfitabilityOrder[] = ['margin', 'revenue', 'serviceLoad', 'marginAscending']
const day = (date: Date) => date.toISOString().slice(0, 10)

function rangeOf(period: Period, now = new Date()): { from?: string; to?: string } {
  if (period === 'all') return {}
  if (period === 'thisYear') return { from: `${now.getUTCFullYear()}-01-01`, to: day(now) }
  const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1))
  return { from: day(from), to: day(now) }
}

export function ProfitabilityPanel({ object }: { object: CustomerObject }) {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const [period, setPeriod] = useState<Period>('last12')
  const [order, setOrder] = useState<ProfitabilityOrder>('margin')
  const query = useQuery({
    queryKey: ['planning', 'profitability', object, period, order],
    queryFn: ({ signal }) => getProfitability({ object, order, ...rangeOf(period) }, signal),
  })
  return (
    <Stack>
      <div className="analysis-header">
        <SegmentedControl aria-label={t('planning.profitability.period')} value={period} onChange={(v) => setPeriod(v as Period)}
          data={PERIODS.map((p) => ({ value: p, label: t(`planning.profitability.periods.${p}`) }))} />
        <Select label={t('planning.profitability.order')} value={order} onChange={(v) => v && setOrder(v as ProfitabilityOrder)} allowDeselect={false} w={220}
          data={ORDERS.map((o) => ({ value: o, label: t(`planning.profitability.sortBy.${o}`) }))} />
      </div>
      <QueryState query={query} empty={(data) => data.totals.customers === 0}>
        {(data) => (
          <Stack>
            <div className="analysis-figures" data-testid="profitability-totals">
              {(['revenue', 'cost', 'margin'] as const).map((key) => (
                <div key={key} className="analysis-figure">
                  <Text size="sm" c="dimmed">{t(`planning.profitability.${key}`)}</Text>
                  <Text size="lg" fw={600}>{f.money(data.totals[key], data.currency)}</Text>
                </div>
              ))}
              <div className="analysis-figure">
                <Text size="sm" c="dimmed">{t('planning.profitability.serviceLoad')}</Text>
                <Text size="lg" fw={600}>{f.number(data.totals.serviceLoad)}</Text>
              </div>
            </div>
            <Text size="sm" c="dimmed">{t('planning.profitability.shown', { count: data.totals.customers, shown: f.number(data.rows.length), formatted: f.number(data.totals.customers) })}</Text>
            <div className="analysis-table-wrap">
              <Table data-testid="profitability">
                <Table.Thead><Table.Tr>
                  <Table.Th>{t('planning.profitability.customer')}</Table.Th><Table.Th>{t('planning.profitability.revenue')}</Table.Th>
                  <Table.Th>{t('planning.profitability.cost')}</Table.Th><Table.Th>{t('planning.profitability.margin')}</Table.Th>
                  <Table.Th>{t('planning.profitability.orderCount')}</Table.Th><Table.Th>{t('planning.profitability.serviceLoad')}</Table.Th>
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.rows.map((r) => (
                    <Table.Tr key={r.customer.id}>
                      <Table.Td><bdi>{r.customer.name ?? '—'}</bdi></Table.Td>
                      <Table.Td>{f.money(r.revenue, data.currency)}</Table.Td><Table.Td>{f.money(r.cost, data.currency)}</Table.Td>
                      <Table.Td>{f.money(r.margin, data.currency)}</Table.Td><Table.Td>{f.number(r.orders)}</Table.Td><Table.Td>{f.number(r.serviceLoad)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
