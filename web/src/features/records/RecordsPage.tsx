/**
 * One object's records: the title, a count of what is loaded, the saved-view toolbar (view
 * picker, filter, columns) and the list — a table on wide screens, cards on a phone. The active
 * view and a changed sort live in the URL (`?view=<id>&sort=-createdAt`) so they survive a
 * reload and can be shared; the server applies the view's filter and sort.
 */
import { Center, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { GroupByBar } from '../grouping/GroupByBar.js'
import { useLocation } from '../../app/router.js'
import { groupingFilter, parseGrouping } from '../grouping/grouping-model.js'
import { columnSources } from '../kanban/board-model.js'
import { ViewSwitch } from '../kanban/ViewSwitch.js'
import { formattersFor } from '../../i18n/format.js'
import { columnsOf, type FormatContext } from './fields.js'
import { RecordCardList } from './RecordCardList.js'
import { RecordTable } from './RecordTable.js'
import { nextSort } from './sort.js'
import { useRecordList } from './useRecordList.js'
import { useRelationLabels } from './useRelationLabels.js'
import { applyColumns, resizeColumn } from '../views/view-parts.js'
import { useViewState } from '../views/useViewState.js'
import { ViewsBar } from '../views/ViewsBar.js'
import { useTableEditing } from '../table-editing/useTableEditing.js'
import { UrlFilterNotice, useUrlFilter } from '../dashboards/url-filter.js'
import { ExportMenu } from '../exports/ExportMenu.js'

/** Below this width the table becomes a card list. */
const PHONE_QUERY = '(max-width: 40em)'

export function RecordsPage({ object, objects }: { object: ObjectDescription; objects: ObjectDescription[] }) {
  const { t, i18n } = useTranslation()
  const views = useViewState(object)
  const { sort, filter } = views.parts
  const isPhone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false })
  const location = useLocation()
  const searchText = location.search.toString()
  const grouping = useMemo(() => parseGrouping(object, new URLSearchParams(searchText)), [object, searchText])
  // A clicked group narrows the view's own filter.
  const groupFilter = groupingFilter(grouping)
  // A dashboard's drill-down narrows it further (`?filter=`).
  const urlFilter = useUrlFilter()
  const listFilter = useMemo(() => {
    const parts = [filter, groupFilter, urlFilter].filter((part) => part !== undefined && part !== null)
    return parts.length > 1 ? { and: parts } : parts[0]
  }, [filter, groupFilter, urlFilter])
  const list = useRecordList(object, sort, objects, { filter: listFilter, enabled: views.ready })
  const allColumns = useMemo(() => columnsOf(object, t), [object, t])
  const columns = useMemo(() => applyColumns(allColumns, views.parts.columns), [allColumns, views.parts.columns])
  const pages = list.data?.pages
  const rows = useMemo(() => pages?.flatMap((page) => page.data) ?? [], [pages])
  // Merged page by page and stable while only new titles arrive, so memoised rows keep their ctx.
  const labels = useRelationLabels(object.apiName, pages)
  const ctx: FormatContext = useMemo(() => ({ fmt: formattersFor(i18n.language), t, labels }), [labels, i18n.language, t])

  const editing = useTableEditing(object, rows, ctx, objects)
  const onSort = (field: string) => views.setSort(nextSort(sort, field))
  const onResizeColumn = (key: string, width: number) => views.setColumns(resizeColumn(columns, key, width))
  const View = isPhone ? RecordCardList : RecordTable

  return (
    <Stack className="records-page" gap="sm">
      <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
        <Title order={1} size="h2">{object.labelPlural}</Title>
        {rows.length > 0 ? <Text size="sm" c="dimmed" role="status">{t('records.loaded', { count: rows.length })}</Text> : null}
        {columnSources(object, objects).length > 0 ? <ViewSwitch object={object.apiName} current="table" /> : null}
        <ExportMenu object={object} filter={listFilter} sort={sort} columns={columns.map((c) => c.key)} />
      </Group>
      <ViewsBar object={object} objects={objects} state={views} allColumns={allColumns} shownColumns={columns} />
      <GroupByBar object={object} grouping={grouping} />
      <UrlFilterNotice object={object.apiName} />
      {editing.toolbar}
      {list.isPending ? (
        <Center className="records-fill" role="status" aria-live="polite">
          <Group gap="xs"><Loader size="sm" aria-hidden="true" /><Text c="dimmed">{t('records.loading')}</Text></Group>
        </Center>
      ) : list.isError && rows.length === 0 ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Center className="records-fill">
          <Stack align="center" gap={4}>
            <Text fw={600}>{filter ? t('views.noMatch') : t('records.empty', { object: object.labelPlural })}</Text>
            <Text c="dimmed" size="sm">{filter ? t('views.noMatchHint') : t('records.emptyHint')}</Text>
          </Stack>
        </Center>
      ) : (
        <View object={object} columns={columns} rows={rows} ctx={ctx} sort={sort} onSort={onSort}
          hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage}
          isFetchNextPageError={list.isFetchNextPageError} fetchNextPage={list.fetchNextPage} onResizeColumn={onResizeColumn}
          selection={editing.selection} renderCell={editing.renderCell} />
      )}
      {editing.dialogs}
    </Stack>
  )
}
