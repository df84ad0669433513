/**
 * An object's records as a kanban board at /records/:object/kanban. The URL holds the column
 * field (`?by=stage`) and, for stages, the parent (`&parent=<pipeline id>`), so a board can be
 * reloaded and shared.
 */
import { Center, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { kanbanPath, navigate, useLocation } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { recordTitle } from '../records/fields.js'
import { columnSources, relationColumns, selectColumns, type BoardColumn, type ColumnSource } from './board-model.js'
import { KanbanBoard } from './KanbanBoard.js'
import { useColumnRecords, useParents } from './useBoard.js'
import { ViewSwitch } from './ViewSwitch.js'
import './kanban.css'

function setParams(object: string, current: URLSearchParams, changes: Record<string, string | null>) {
  const params = new URLSearchParams(current)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key)
    else params.set(key, value)
  }
  const search = params.toString()
  navigate(kanbanPath(object, search ? `?${search}` : ''), { replace: true })
}

function Waiting() {
  const { t } = useTranslation()
  return <Center className="kanban-fill" role="status"><Group gap="xs"><Loader size="sm" aria-hidden="true" /><Text c="dimmed">{t('kanban.loading')}</Text></Group></Center>
}

/** Columns of the chosen source: a select's choices now, a parent's stages once loaded. */
function useColumns(source: ColumnSource | undefined, parentId: string | null) {
  const { t } = useTranslation()
  const stages = useColumnRecords(source, parentId)
  const columns = useMemo((): BoardColumn[] | undefined => {
    if (!source) return undefined
    if (source.kind === 'select') return selectColumns(source.field, t('kanban.noValue'))
    return stages.data ? relationColumns(source.target, stages.data, t('kanban.noValue'), t('kanban.untitled')) : undefined
  }, [source, stages.data, t])
  return { columns, stages }
}

export function KanbanPage({ object, objects }: { object: ObjectDescription; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const sources = useMemo(() => columnSources(object, objects), [object, objects])
  const source = sources.find((s) => s.field.apiName === search.get('by')) ?? sources[0]
  const parents = useParents(source)
  const parentParam = search.get('parent')
  const parentId = source?.kind === 'relation' ? (parents.data?.find((p) => p.id === parentParam) ?? parents.data?.[0])?.id ?? null : null
  const { columns, stages } = useColumns(source, parentId)

  let body
  if (!source) body = <Text c="dimmed">{t('kanban.noSources', { object: object.labelPlural })}</Text>
  else if (source.kind === 'relation' && parents.isError) body = <ErrorAlert error={parents.error} onRetry={() => void parents.refetch()} />
  else if (source.kind === 'relation' && stages.isError) body = <ErrorAlert error={stages.error} onRetry={() => void stages.refetch()} />
  else if (source.kind === 'relation' && parents.data?.length === 0) body = <Text c="dimmed">{t('kanban.noParents', { parent: source.parent.object.labelPlural })}</Text>
  else if (!columns) body = <Waiting />
  else body = <KanbanBoard key={`${source.field.apiName}/${parentId}`} object={object} objects={objects} source={source} parentId={parentId} columns={columns} />

  return (
    <Stack className="kanban-page" gap="sm">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={1} size="h2">{object.labelPlural}</Title>
        <ViewSwitch object={object.apiName} current="kanban" />
      </Group>
      {source ? (
        <Group gap="sm" align="flex-end" wrap="wrap">
          {sources.length > 1 ? (
            <NativeSelect size="xs" label={t('kanban.columnsFrom')} value={source.field.apiName}
              data={sources.map((s) => ({ value: s.field.apiName, label: s.field.label }))}
              onChange={(event) => setParams(object.apiName, search, { by: event.currentTarget.value, parent: null })} />
          ) : null}
          {source.kind === 'relation' && parents.data && parents.data.length > 0 ? (
            <NativeSelect size="xs" label={source.parent.object.labelSingular} value={parentId ?? ''}
              data={parents.data.map((p) => ({ value: p.id, label: recordTitle(source.parent.object, p) || t('kanban.untitled') }))}
              onChange={(event) => setParams(object.apiName, search, { parent: event.currentTarget.value })} />
          ) : null}
        </Group>
      ) : null}
      {body}
    </Stack>
  )
}
