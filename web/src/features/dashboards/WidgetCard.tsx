/** One widget on the grid: its title, an actions menu (export CSV/PNG, edit, remove) and its body. */
import { ActionIcon, Alert, Group, Menu, Paper, Text, Title } from '@mantine/core'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { widgetCsvUrl, type Widget, type WidgetResult } from '../../api/dashboards.js'
import type { ChartHandle } from './EChart.js'
import { WidgetBody } from './WidgetBody.js'
import type { LabelContext } from './widget-format.js'

const CHARTS = new Set(['bar', 'line', 'area', 'pie', 'funnel'])

interface Props {
  dashboardId: string
  widget: Widget
  /** The title in the UI language (a default dashboard's untouched titles are translated). */
  title: string
  result: WidgetResult | undefined
  ctx: LabelContext
  editable: boolean
  onDrill: (object: string, filter: unknown) => void
  onEdit: () => void
  onRemove: () => void
}

function downloadPng(dataUrl: string, name: string): void {
  const link = document.createElement('a')
  link.href = dataUrl
  link.download = `${name}.png`
  link.click()
}

export function WidgetCard({ dashboardId, widget, title, result, ctx, editable, onDrill, onEdit, onRemove }: Props) {
  const { t } = useTranslation()
  const chart = useRef<ChartHandle>(null)
  const [asTable, setAsTable] = useState(false)
  const isChart = CHARTS.has(widget.type)
  const { x, y, w, h } = widget.layout
  const style = { '--x': x + 1, '--y': y + 1, '--w': w, '--h': h } as React.CSSProperties
  return (
    <Paper withBorder p="sm" radius="md" className="dashboard-widget" style={style} component="section" aria-label={title} data-widget={widget.id} data-type={widget.type}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={6}>
        <Title order={2} size="h6" className="widget-title" title={title}>{title}</Title>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('dashboards.widgetActions', { title })}>⋯</ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={widgetCsvUrl(dashboardId, widget.id)} download={`${widget.id}.csv`}>{t('dashboards.exportCsv')}</Menu.Item>
            {isChart && !asTable ? (
              <Menu.Item onClick={() => { const png = chart.current?.png(); if (png) downloadPng(png, widget.id) }}>{t('dashboards.exportPng')}</Menu.Item>
            ) : null}
            {isChart ? <Menu.Item onClick={() => setAsTable(!asTable)}>{asTable ? t('dashboards.showChart') : t('dashboards.showTable')}</Menu.Item> : null}
            {editable ? <Menu.Item onClick={onEdit}>{t('dashboards.editWidget')}</Menu.Item> : null}
            {editable ? <Menu.Item color="red" onClick={onRemove}>{t('dashboards.removeWidget')}</Menu.Item> : null}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <div className="widget-body">
        {!result ? <Text size="sm" c="dimmed" role="status">{t('dashboards.loading')}</Text>
          : 'error' in result ? <Alert color="orange" variant="light" p="xs"><Text size="sm">{result.error.detail}</Text></Alert>
          : <WidgetBody ref={chart} data={result.data} title={title} ctx={ctx} asTable={asTable} onDrill={(filter) => onDrill(widget.object, filter)} />}
      </div>
    </Paper>
  )
}
