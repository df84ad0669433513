/** One record, read-only: every field the member may see, formatted like the list. */
import { Anchor, Center, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { getRecord } from '../../api/records.js'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps, recordsPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { useRememberRecentRecord } from '../search/recent-records.js'
import { CellText } from './CellText.js'
import { columnsOf, formatCell, recordTitle } from './fields.js'
import { relationLabels } from './useRecordList.js'

export function RecordPage({ object, id, objects }: { object: ObjectDescription; id: string; objects: ObjectDescription[] }) {
  const { t, i18n } = useTranslation()
  const record = useQuery({
    queryKey: ['records', object.apiName, 'one', id],
    queryFn: async ({ signal }) => {
      const data = await getRecord(object.apiName, id, signal)
      return { data, labels: await relationLabels(object, [data], objects, signal) }
    },
  })
  useRememberRecentRecord(object.apiName, id, record.data ? recordTitle(object, record.data.data) : undefined)
  const columns = useMemo(() => columnsOf(object, t), [object, t])
  const labels = record.data?.labels
  const ctx = useMemo(() => ({ fmt: formattersFor(i18n.language), t, labels: new Map(Object.entries(labels ?? {})) }), [i18n.language, t, labels])

  return (
    <Stack gap="md" maw={900}>
      <Anchor {...linkProps(recordsPath(object.apiName))} size="sm">← {t('records.backTo', { object: object.labelPlural })}</Anchor>
      {record.isPending ? (
        <Center role="status"><Loader size="sm" aria-label={t('app.loading')} /></Center>
      ) : record.isError ? (
        <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <>
          <Title order={1} size="h2">{recordTitle(object, record.data.data) || t('records.untitled')}</Title>
          <Paper withBorder p="md" radius="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" className="record-fields">
              {columns.map((column) => (
                <div key={column.key}>
                  <Text component="dt" size="xs" c="dimmed">{column.label}</Text>
                  <Text component="dd" size="sm"><CellText column={column} text={formatCell(column, record.data.data, ctx) || '—'} /></Text>
                </div>
              ))}
            </SimpleGrid>
          </Paper>
        </>
      )}
    </Stack>
  )
}
