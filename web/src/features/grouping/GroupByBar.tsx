/**
 * The table's group-by toolbar: pick a field to group by (and a number or money field to sum),
 * see each group's count and total, and click a group to show only its records in the table.
 */
import { Button, Group, Loader, NativeSelect, Text, UnstyledButton } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { moneyTotals, type AggregateRow } from '../../api/analytics.js'
import type { ObjectDescription } from '../../api/types.js'
import { navigate, recordsPath, useLocation } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor, intlLocaleOf, type Formatters } from '../../i18n/format.js'
import { groupableFields, groupLabel, searchWith, summableFields, type GroupValue, type Grouping } from './grouping-model.js'
import { useGroupSummary } from './useGroupSummary.js'
import './grouping.css'

function sumText(row: AggregateRow, field: string, fmt: Formatters): string {
  const value = row[`sum_${field}`]
  if (typeof value === 'number') return fmt.number(value)
  const totals = moneyTotals(value)
  return totals.length ? fmt.list(totals.map((m) => fmt.money(m.amount, m.currency))) : '—'
}

function GroupSummary({ object, grouping }: { object: ObjectDescription; grouping: Required<Pick<Grouping, 'groupBy'>> & Grouping }) {
  const { t, i18n } = useTranslation()
  const { search } = useLocation()
  const { groupBy, sumOf } = grouping
  const summary = useGroupSummary(object, groupBy, sumOf)
  const fmt = formattersFor(i18n.language)
  const months = useMemo(() => new Intl.DateTimeFormat(`${intlLocaleOf(i18n.language)}-u-ca-gregory`, { year: 'numeric', month: 'long', timeZone: 'UTC' }), [i18n.language])
  const text = { noValue: t('grouping.noValue'), yes: t('grouping.yes'), no: t('grouping.no'), untitled: t('grouping.untitled') }
  const choose = (value: GroupValue | undefined) =>
    navigate(recordsPath(object.apiName, searchWith(search, { group: value === undefined ? null : JSON.stringify(value) })), { replace: true })

  if (summary.isPending) return <Group gap="xs" role="status"><Loader size="xs" aria-hidden="true" /><Text size="sm" c="dimmed">{t('grouping.loading')}</Text></Group>
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
  const rows = summary.data.rows
  return (
    <div className="group-summary">
      <ul className="group-list" aria-label={t('grouping.summaryLabel', { field: groupBy.label })}>
        {rows.map((row) => {
          const value = (row[groupBy.apiName] ?? null) as GroupValue
          const selected = grouping.group !== undefined && grouping.group.value === value
          const label = groupLabel(groupBy, row, fmt, months, text)
          return (
            <li key={JSON.stringify(value)}>
              <UnstyledButton className="group-item" aria-pressed={selected} data-group={JSON.stringify(value)} onClick={() => choose(selected ? undefined : value)}>
                <bdi className="group-name">{label}</bdi>
                <span className="group-count">{t('grouping.count', { count: Number(row.count) })}</span>
                {sumOf ? <bdi className="group-sum">{sumText(row, sumOf.apiName, fmt)}</bdi> : null}
              </UnstyledButton>
            </li>
          )
        })}
      </ul>
      {summary.data.truncated ? <Text size="xs" c="dimmed">{t('grouping.truncated', { count: rows.length })}</Text> : null}
      {grouping.group ? <Button size="compact-xs" variant="subtle" onClick={() => choose(undefined)}>{t('grouping.showAll')}</Button> : null}
    </div>
  )
}

export function GroupByBar({ object, grouping }: { object: ObjectDescription; grouping: Grouping }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const fields = groupableFields(object)
  const sums = summableFields(object)
  const set = (changes: Record<string, string | null>) => navigate(recordsPath(object.apiName, searchWith(search, changes)), { replace: true })
  if (fields.length === 0) return null
  return (
    <div className="group-bar">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect size="xs" label={t('grouping.groupBy')} value={grouping.groupBy?.apiName ?? ''}
          data={[{ value: '', label: t('grouping.none') }, ...fields.map((f) => ({ value: f.apiName, label: f.label }))]}
          onChange={(event) => set({ groupBy: event.currentTarget.value || null, group: null })} />
        {grouping.groupBy && sums.length > 0 ? (
          <NativeSelect size="xs" label={t('grouping.sumOf')} value={grouping.sumOf?.apiName ?? ''}
            data={[{ value: '', label: t('grouping.countOnly') }, ...sums.map((f) => ({ value: f.apiName, label: f.label }))]}
            onChange={(event) => set({ sumOf: event.currentTarget.value || null })} />
        ) : null}
      </Group>
      {grouping.groupBy ? <GroupSummary object={object} grouping={{ ...grouping, groupBy: grouping.groupBy }} /> : null}
    </div>
  )
}
