/**
 * Historical ACD report (/contact-center/reports): calls queued between two days, one row per
 * interval (15 minutes, hour, day) and queue or agent — offered, answered, abandoned, ASA,
 * average handle time, service level and abandonment — from GET /contact-center/reports.
 * Days are the reader's local days; the table scrolls inside itself on phones.
 */
import { Alert, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getReport, REPORT_INTERVALS, type ReportInterval, type ReportQuery } from '../../api/acd.js'
import { isApiError } from '../../api/client.js'
import { DateInput } from '../../components/DateInput.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor, intlLocaleOf } from '../../i18n/format.js'
import './acd.css'

const DAY_MS = 86_400_000
const pad = (value: number) => String(value).padStart(2, '0')
const dayOf = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
/** Local midnight of a `YYYY-MM-DD` day, as an ISO instant (null when the day is not valid). */
function startOf(day: string, plusDays = 0): string | null {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return null
  return new Date(new Date(y, m - 1, d).getTime() + plusDays * DAY_MS).toISOString()
}

export function AcdReportPage() {
  const { t, i18n } = useTranslation()
  const fmt = formattersFor(i18n.language)
  const [interval, setIntervalKind] = useState<ReportInterval>('hour')
  const [by, setBy] = useState<'queue' | 'agent'>('queue')
  const [from, setFrom] = useState(() => dayOf(new Date()))
  const [to, setTo] = useState(() => dayOf(new Date()))
  const query: ReportQuery | null = useMemo(() => {
    const start = startOf(from)
    const end = startOf(to, 1)
    return start && end ? { interval, by, from: start, to: end } : null
  }, [interval, by, from, to])
  const report = useQuery({
    queryKey: ['contact-center', 'acd', 'report', query], enabled: query !== null, placeholderData: keepPreviousData,
    queryFn: ({ signal }) => getReport(query!, signal),
  })
  const f = useMemo(() => {
    const locale = intlLocaleOf(i18n.language)
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
    const seconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 0 })
    return { percent: (v: number | null) => (v === null ? '—' : percent.format(v)), seconds: (v: number | null) => (v === null ? '—' : seconds.format(v)) }
  }, [i18n.language])
  const problem = (pointer: string) => (isApiError(report.error) ? report.error.errors.find((p) => p.pointer === pointer)?.detail : undefined)
  const columns = ['start', 'name', 'offered', 'answered', 'abandoned', 'asa', 'aht', 'serviceLevel', 'abandonment'] as const

  return (
    <Stack gap="md">
      <Title order={1} size="h3">{t('acdadmin.report.title')}</Title>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <NativeSelect label={t('acdadmin.report.interval')} value={interval} onChange={(e) => setIntervalKind(e.currentTarget.value as ReportInterval)}
          data={REPORT_INTERVALS.map((value) => ({ value, label: t(`acdadmin.report.intervals.${value}`) }))} />
        <NativeSelect label={t('acdadmin.report.by')} value={by} onChange={(e) => setBy(e.currentTarget.value as 'queue' | 'agent')}
          data={[{ value: 'queue', label: t('acdadmin.report.byQueue') }, { value: 'agent', label: t('acdadmin.report.byAgent') }]} />
        <DateInput label={t('acdadmin.report.from')} value={from} onChange={setFrom} error={problem('/query/from')} />
        <DateInput label={t('acdadmin.report.to')} value={to} onChange={setTo} error={problem('/query/to')} />
      </Group>
      {query === null ? <Alert color="yellow">{t('acdadmin.report.pickDays')}</Alert> : null}
      {report.isPending && query ? <Text c="dimmed" role="status">{t('app.loading')}</Text> : null}
      {report.isError && !problem('/query/from') && !problem('/query/to') ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.data?.length === 0 ? <Text c="dimmed">{t('acdadmin.report.empty')}</Text> : null}
      {report.data?.length ? (
        <div className="acd-report-wrap" tabIndex={0} role="region" aria-label={t('acdadmin.report.title')}>
          <Table striped withTableBorder aria-label={t('acdadmin.report.tableLabel')} miw={760}>
            <Table.Thead>
              <Table.Tr>{columns.map((c) => <Table.Th key={c} scope="col">{c === 'name' ? t(by === 'queue' ? 'acdadmin.report.queue' : 'acdadmin.report.agent') : t(`acdadmin.report.columns.${c}`)}</Table.Th>)}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.map((row) => (
                <Table.Tr key={`${row.start}|${row.key}`} data-row={row.name}>
                  <Table.Td>{fmt.dateTime(row.start)}</Table.Td>
                  <Table.Td><bdi>{row.name}</bdi></Table.Td>
                  <Table.Td data-col="offered">{fmt.number(row.offered)}</Table.Td>
                  <Table.Td data-col="answered">{fmt.number(row.answered)}</Table.Td>
                  <Table.Td data-col="abandoned">{fmt.number(row.abandoned)}</Table.Td>
                  <Table.Td data-col="asa">{f.seconds(row.asaSeconds)}</Table.Td>
                  <Table.Td data-col="aht">{f.seconds(row.averageHandleSeconds)}</Table.Td>
                  <Table.Td data-col="serviceLevel">{f.percent(row.serviceLevel)}</Table.Td>
                  <Table.Td data-col="abandonment">{f.percent(row.abandonmentRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ) : null}
    </Stack>
  )
}
