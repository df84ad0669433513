/**
 * A column's header: its name, how many cards it holds (work in progress), the exact sum of
 * their amounts per currency and, for stages with a win probability, the weighted amount.
 */
import { Badge, Group, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Formatters } from '../../i18n/format.js'
import type { BoardColumn } from './board-model.js'
import { weightedAmount } from './money.js'
import type { ColumnTotals } from './useBoard.js'

interface ColumnHeaderProps {
  column: BoardColumn
  headingId: string
  totals: ColumnTotals | undefined
  showsAmount: boolean
  fmt: Formatters
}

const moneyText = (fmt: Formatters, sums: { currency: string; amount: string }[]) =>
  sums.length ? fmt.list(sums.map((s) => fmt.money(s.amount, s.currency))) : '—'

export function ColumnHeader({ column, headingId, totals, showsAmount, fmt }: ColumnHeaderProps) {
  const { t } = useTranslation()
  const count = totals?.count ?? 0
  const sums = totals?.sums ?? []
  const weighted = column.probability === null ? null
    : sums.map((s) => ({ currency: s.currency, amount: weightedAmount(s.amount, column.probability!) ?? '0' }))
  return (
    <header className="kanban-column-header" data-count={totals ? count : undefined} data-sums={sums.map((s) => `${s.currency}:${s.amount}`).join(' ')}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Title order={2} size="h6" id={headingId} className="kanban-column-title"><bdi>{column.label}</bdi></Title>
        <Badge variant="light" className="kanban-count" aria-label={t('kanban.count', { count })} title={t('kanban.count', { count })}>
          {totals ? fmt.number(count) : '…'}
        </Badge>
      </Group>
      {showsAmount ? (
        <Text size="sm" className="kanban-sum" fw={600}>
          <Text component="span" size="xs" c="dimmed">{t('kanban.total')} </Text><bdi>{totals ? moneyText(fmt, sums) : '…'}</bdi>
        </Text>
      ) : null}
      {showsAmount && weighted ? (
        <Text size="xs" c="dimmed" className="kanban-weighted">
          {t('kanban.weighted', { percent: fmt.number(column.probability!) })} <bdi>{totals ? moneyText(fmt, weighted) : '…'}</bdi>
        </Text>
      ) : null}
    </header>
  )
}
