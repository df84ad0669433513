/** Cross-sell association rules: "bought X → also bought Y" with support, confidence and lift. */
import { Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { getRules } from '../../api/analysis.js'
import { analysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

export function RulesPanel() {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const query = useQuery({ queryKey: ['analysis', 'rules'], queryFn: ({ signal }) => getRules(signal) })
  return (
    <QueryState query={query} empty={(data) => data.rules.length === 0}>
      {(data) => (
        <Stack>
          <Text c="dimmed">{t('analysis.rules.summary', { count: data.orders, orders: f.number(data.orders) })}</Text>
          <div className="analysis-table-wrap">
            <Table data-testid="rules">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('analysis.rules.bought')}</Table.Th><Table.Th>{t('analysis.rules.alsoBought')}</Table.Th><Table.Th>{t('analysis.rules.support')}</Table.Th>
                <Table.Th>{t('analysis.rules.confidence')}</Table.Th><Table.Th>{t('analysis.rules.lift')}</Table.Th>
              </Table.Tr></Table.Thead>
              <Table.Tbody>
                {data.rules.map((r) => (
                  <Table.Tr key={`${r.antecedent.id}>${r.consequent.id}`}>
                    <Table.Td><bdi>{r.antecedent.name ?? r.antecedent.id}</bdi></Table.Td><Table.Td><bdi>{r.consequent.name ?? r.consequent.id}</bdi></Table.Td>
                    <Table.Td>{f.percent(r.support)}</Table.Td><Table.Td>{f.percent(r.confidence)}</Table.Td><Table.Td>{f.number(r.lift, 2)}</Table.Td>
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
