/**
 * A widget's content by type: a KPI figure with its change, a chart, a table or a pivot grid.
 * Every bar, slice, point, row and cell drills down to the records behind it.
 */
import { Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core'
import { forwardRef, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { WidgetData, WidgetRow } from '../../api/dashboards.js'
import { directionOf } from '../../i18n/index.js'
import { chartOption } from './chart-options.js'
import { EChart, type ChartHandle } from './EChart.js'
import { groupColumns, groupHeading, groupLabel, measureColumns, measureHeading, measureText, percentText, type LabelContext } from './widget-format.js'

interface Props { data: WidgetData; title: string; ctx: LabelContext; onDrill: (filter: unknown) => void; asTable?: boolean }

function Kpi({ data, ctx, onDrill }: Omit<Props, 'title'>) {
  const { t } = useTranslation()
  const kpi = data.kpi!
  const show = (value: number | string | null) => {
    if (value === null) return '—'
    if (kpi.ratio) return percentText(Number(value) / 100, ctx.language)
    return kpi.currency ? ctx.fmt.money(String(value), kpi.currency) : ctx.fmt.number(Number(value))
  }
  const change = kpi.change
  const color = change === null || change === 0 ? 'gray' : change > 0 ? 'teal' : 'red'
  const changeText = change === null ? null : kpi.ratio
    ? t('dashboards.kpi.points', { value: `${change > 0 ? '+' : ''}${ctx.fmt.number(Math.round(change * 10) / 10)}` })
    : `${change > 0 ? '+' : ''}${percentText(change / 100, ctx.language)}`
  return (
    <Stack gap={4} justify="center" h="100%">
      <UnstyledButton onClick={() => onDrill(kpi.filter)} className="kpi-value" aria-label={t('dashboards.drill.open', { value: show(kpi.current) })}>
        <Text fz={28} fw={700} data-testid="kpi-value"><bdi>{show(kpi.current)}</bdi></Text>
      </UnstyledButton>
      {kpi.period ? (
        <Group gap={6} wrap="wrap">
          {changeText ? <Badge color={color} variant="light"><bdi>{changeText}</bdi></Badge> : null}
          <Text size="xs" c="dimmed">{t('dashboards.kpi.previous', { value: show(kpi.previous) })}</Text>
        </Group>
      ) : null}
    </Stack>
  )
}

function DataTable({ data, ctx, onDrill }: Omit<Props, 'title'>) {
  const { t } = useTranslation()
  const groups = groupColumns(data)
  const measures = measureColumns(data)
  if (data.rows.length === 0) return <Text c="dimmed" size="sm">{t('dashboards.noData')}</Text>
  return (
    <Table.ScrollContainer minWidth={240} className="widget-table">
      <Table striped highlightOnHover withRowBorders={false} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {groups.map((c) => <Table.Th key={c.key}>{groupHeading(c, ctx)}</Table.Th>)}
            {measures.map((c) => <Table.Th key={c.key} ta="end">{measureHeading(c, ctx)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.rows.map((row, r) => (
            <Table.Tr key={r}>
              {groups.map((c, i) => (
                <Table.Td key={c.key}>
                  {i === 0 ? <UnstyledButton className="drill-link" onClick={() => onDrill(row.filter)}>{groupLabel(c, row.values[i], row.labels[i], ctx)}</UnstyledButton>
                    : groupLabel(c, row.values[i], row.labels[i], ctx)}
                </Table.Td>
              ))}
              {measures.map((c, m) => <Table.Td key={c.key} ta="end"><bdi>{measureText(c, row.values[groups.length + m], ctx.fmt)}</bdi></Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** Rows of the first key down, columns of the second across, the first measure in the cells. */
function Pivot({ data, ctx, onDrill }: Omit<Props, 'title'>) {
  const { t } = useTranslation()
  const [rowKey, columnKey] = groupColumns(data)
  const measure = measureColumns(data)[0]
  const grid = useMemo(() => {
    const keyOf = (row: WidgetRow, i: number) => JSON.stringify(row.values[i])
    const rows = new Map<string, WidgetRow>()
    const columns = new Map<string, WidgetRow>()
    const cells = new Map<string, WidgetRow>()
    for (const row of data.rows) {
      if (!rows.has(keyOf(row, 0))) rows.set(keyOf(row, 0), row)
      if (!columns.has(keyOf(row, 1))) columns.set(keyOf(row, 1), row)
      cells.set(`${keyOf(row, 0)}|${keyOf(row, 1)}`, row)
    }
    return { rows: [...rows], columns: [...columns], cells, keyOf }
  }, [data])
  if (!measure || data.rows.length === 0) return <Text c="dimmed" size="sm">{t('dashboards.noData')}</Text>
  return (
    <Table.ScrollContainer minWidth={240} className="widget-table">
      <Table withColumnBorders fz="sm" data-testid="pivot">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{groupHeading(rowKey, ctx)} \ {groupHeading(columnKey, ctx)}</Table.Th>
            {grid.columns.map(([key, row]) => <Table.Th key={key} ta="end">{groupLabel(columnKey, row.values[1], row.labels[1], ctx)}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.rows.map(([rk, head]) => (
            <Table.Tr key={rk}>
              <Table.Th scope="row">{groupLabel(rowKey, head.values[0], head.labels[0], ctx)}</Table.Th>
              {grid.columns.map(([ck]) => {
                const cell = grid.cells.get(`${rk}|${ck}`)
                return (
                  <Table.Td key={ck} ta="end">
                    {cell ? <UnstyledButton className="drill-link" onClick={() => onDrill(cell.filter)}><bdi>{measureText(measure, cell.values[2], ctx.fmt)}</bdi></UnstyledButton> : ''}
                  </Table.Td>
                )
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

export const WidgetBody = forwardRef<ChartHandle, Props>(function WidgetBody({ data, title, ctx, onDrill, asTable = false }, ref) {
  const { t, i18n } = useTranslation()
  const rtl = directionOf(i18n.language) === 'rtl'
  const option = useMemo(() => (data.type === 'kpi' || data.type === 'table' || data.type === 'pivot' ? null : chartOption(data, ctx, rtl)), [data, ctx, rtl])
  if (data.type === 'kpi') return <Kpi data={data} ctx={ctx} onDrill={onDrill} />
  // A chart's data as a table: readable and drillable from the keyboard.
  if (data.type === 'table' || asTable) return <DataTable data={data} ctx={ctx} onDrill={onDrill} />
  if (data.type === 'pivot') return <Pivot data={data} ctx={ctx} onDrill={onDrill} />
  if (data.rows.length === 0) return <Text c="dimmed" size="sm">{t('dashboards.noData')}</Text>
  return <EChart ref={ref} option={option!} label={title} onPick={(index) => onDrill(data.rows[index]?.filter)} />
})
