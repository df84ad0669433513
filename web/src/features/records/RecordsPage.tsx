/**
 * One object's records: the title, a count of what is loaded, and the list — a table on wide
 * screens, cards on a phone. The sort lives in the URL (`?sort=-createdAt`) so it survives a
 * reload and can be shared.
 */
import { Center, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { navigate, recordsPath, useLocation } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { columnsOf, type FormatContext } from './fields.js'
import { RecordCardList } from './RecordCardList.js'
import { RecordTable } from './RecordTable.js'
import { nextSort, parseSort, sortSearch } from './sort.js'
import { useRecordList } from './useRecordList.js'
import { useTableEditing } from '../table-editing/useTableEditing.js'

/** Below this width the table becomes a card list. */
const PHONE_QUERY = '(max-width: 40em)'

export function RecordsPage({ object, objects }: { object: ObjectDescription; objects: ObjectDescription[] }) {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const sortValue = location.search.get('sort')
  const sort = useMemo(() => parseSort(sortValue), [sortValue])
  const isPhone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false })
  const list = useRecordList(object, sort, objects)
  const columns = useMemo(() => columnsOf(object, t), [object, t])
  const pages = list.data?.pages
  const rows = useMemo(() => pages?.flatMap((page) => page.data) ?? [], [pages])
  const ctx: FormatContext = useMemo(() => ({
    fmt: formattersFor(i18n.language),
    t,
    labels: new Map((pages ?? []).flatMap((page) => Object.entries(page.labels))),
  }), [pages, i18n.language, t])

  const editing = useTableEditing(object, rows, ctx, objects)
  const onSort = (field: string) => navigate(recordsPath(object.apiName, sortSearch(nextSort(sort, field))), { replace: true })
  const View = isPhone ? RecordCardList : RecordTable

  return (
    <Stack className="records-page" gap="sm">
      <Group justify="space-between" align="baseline" wrap="nowrap">
        <Title order={1} size="h2">{object.labelPlural}</Title>
        {rows.length > 0 ? <Text size="sm" c="dimmed" role="status">{t('records.loaded', { count: rows.length })}</Text> : null}
      </Group>
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
            <Text fw={600}>{t('records.empty', { object: object.labelPlural })}</Text>
            <Text c="dimmed" size="sm">{t('records.emptyHint')}</Text>
          </Stack>
        </Center>
      ) : (
        <View object={object} columns={columns} rows={rows} ctx={ctx} sort={sort} onSort={onSort}
          hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage}
          isFetchNextPageError={list.isFetchNextPageError} fetchNextPage={list.fetchNextPage}
          selection={editing.selection} renderCell={editing.renderCell} />
      )}
      {editing.dialogs}
    </Stack>
  )
}
