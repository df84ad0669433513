/**
 * One dashboard: its widgets on a 12-column grid (stacked on phones), computed together by the
 * server for the caller; the shared/private switch, "Add widget", and per-widget edit, remove,
 * export and drill-down. Editing controls show only when the server says the caller may edit.
 */
import { Button, Center, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Widget, WidgetDefinition } from '../../api/dashboards.js'
import { linkProps, navigate, recordsPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { showErrorToast } from '../../components/toasts.js'
import { isApiError } from '../../api/client.js'
import { formattersFor } from '../../i18n/format.js'
import { useObjects } from '../records/useObjects.js'
import { drillSearch } from './url-filter.js'
import { useDashboard, useDashboardData, useSaveDashboard } from './useDashboards.js'
import { WidgetCard } from './WidgetCard.js'
import { WidgetDialog } from './WidgetDialog.js'
import type { LabelContext } from './widget-format.js'
import './dashboards.css'

type Editing = { widget: Widget | null } | null

export function DashboardPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const dashboard = useDashboard(id)
  const data = useDashboardData(dashboard.data)
  const objects = useObjects()
  const save = useSaveDashboard(dashboard.data)
  const [editing, setEditing] = useState<Editing>(null)
  const byWidget = useMemo(() => new Map((data.data ?? []).map((r) => [r.widgetId, r])), [data.data])
  const fmt = formattersFor(i18n.language)
  const ctxOf = useMemo(() => {
    const cache = new Map<string, LabelContext>()
    return (object: string): LabelContext => {
      let ctx = cache.get(object)
      if (!ctx) cache.set(object, (ctx = { fmt, t, language: i18n.language, object: objects.data?.find((o) => o.apiName === object) }))
      return ctx
    }
  }, [fmt, t, i18n.language, objects.data])

  if (dashboard.isPending) return <Center role="status" py="xl"><Loader size="sm" aria-label={t('dashboards.loading')} /></Center>
  if (dashboard.isError) return <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />
  const current = dashboard.data
  const widgets = [...current.widgets].sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x)
  const nextRow = widgets.reduce((row, w) => Math.max(row, w.layout.y + w.layout.h), 0)
  const saveWidgets = (list: WidgetDefinition[], after?: () => void) =>
    save.mutate({ widgets: list }, {
      onSuccess: () => after?.(),
      onError: (error) => { if (!editing) showErrorToast(isApiError(error) ? error.title : t('dashboards.saveFailed'), error.message) },
    })
  const submitWidget = (widget: WidgetDefinition) => {
    const previous = editing?.widget
    const list = previous ? current.widgets.map((w) => (w.id === previous.id ? widget : w)) : [...current.widgets, widget]
    saveWidgets(list, () => setEditing(null))
  }
  const titleOf = (widget: Widget) => {
    const key = `dashboards.defaultWidgets.${widget.id}`
    return current.defaultKey && i18n.getFixedT('en')(key) === widget.title ? t(key) : widget.title
  }
  const drill = (object: string, filter: unknown) => navigate(recordsPath(object, filter ? drillSearch(filter) : ''))

  return (
    <Stack gap="sm" className="dashboard-page">
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Button component="a" variant="subtle" size="compact-sm" {...linkProps('/dashboards')}>{t('dashboards.back')}</Button>
          <Title order={1} size="h2">{current.defaultKey ? t(`dashboards.defaults.${current.defaultKey}`, { defaultValue: current.name }) : current.name}</Title>
        </Group>
        <Group gap="sm" wrap="wrap">
          {current.editable ? (
            <Switch label={t('dashboards.shared')} checked={current.visibility === 'shared'} disabled={save.isPending}
              onChange={(event) => save.mutate({ visibility: event.currentTarget.checked ? 'shared' : 'private' }, {
                onError: (error) => showErrorToast(isApiError(error) ? error.title : t('dashboards.saveFailed'), error.message),
              })} />
          ) : <Text size="sm" c="dimmed">{current.visibility === 'shared' ? t('dashboards.sharedReadOnly') : t('dashboards.private')}</Text>}
          {current.editable ? <Button size="sm" onClick={() => { save.reset(); setEditing({ widget: null }) }}>{t('dashboards.addWidget')}</Button> : null}
        </Group>
      </Group>
      {data.isError ? <ErrorAlert error={data.error} onRetry={() => void data.refetch()} /> : null}
      {widgets.length === 0 ? <Text c="dimmed">{t('dashboards.noWidgets')}</Text> : (
        <div className="dashboard-grid">
          {widgets.map((widget) => (
            <WidgetCard key={widget.id} dashboardId={current.id} widget={widget} title={titleOf(widget)} result={byWidget.get(widget.id)} ctx={ctxOf(widget.object)}
              editable={current.editable} onDrill={drill}
              onEdit={() => { save.reset(); setEditing({ widget }) }}
              onRemove={() => saveWidgets(current.widgets.filter((w) => w.id !== widget.id))} />
          ))}
        </div>
      )}
      <WidgetDialog opened={editing !== null} widget={editing?.widget ?? null} objects={objects.data ?? []} nextRow={nextRow}
        pending={save.isPending} error={save.error} onClose={() => setEditing(null)} onSubmit={submitWidget} />
    </Stack>
  )
}
