/**
 * @module record
 * One record: its fields, editable in place (PATCH with If-Match; a 412 opens the conflict
 * dialog), and beside them the timeline with its composer and the related lists. Two
 * columns on a desktop, one below the other on a phone.
 */
import { Anchor, Center, Group, Loader, Stack, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { getRecord } from '../../api/records.js'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { linkProps, recordsPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { MergeWithButton } from '../duplicates/MergeWithButton.js'
import { ConflictDialog } from '../editing/ConflictDialog.js'
import { recordKey, type RecordWithLabels } from '../editing/record-cache.js'
import { useSaveRecord } from '../editing/useSaveRecord.js'
import { recordTitle, type FormatContext } from '../records/fields.js'
import { relationLabels } from '../records/useRecordList.js'
import { useRememberRecentRecord } from '../search/recent-records.js'
import { RecordFields } from './RecordFields.js'
import { RecordTimeline } from './RecordTimeline.js'
import { RelatedLists } from './RelatedLists.js'
import { ACTIVITY_OBJECT } from './ActivityComposer.js'
import { ScriptRunsPanel } from '../contact-center/ScriptRunsPanel.js'
import './record.css'

export function RecordView({ object, id, objects }: { object: ObjectDescription; id: string; objects: ObjectDescription[] }) {
  const { t, i18n } = useTranslation()
  const record = useQuery({
    queryKey: recordKey(object.apiName, id),
    queryFn: async ({ signal }): Promise<RecordWithLabels> => {
      const data = await getRecord(object.apiName, id, signal)
      return { data, labels: await relationLabels(object, [data], objects, signal) }
    },
  })
  useRememberRecentRecord(object.apiName, id, record.data ? recordTitle(object, record.data.data) : undefined)
  const labelsOf = useCallback((data: ApiRecord) => relationLabels(object, [data], objects, new AbortController().signal), [object, objects])
  const saver = useSaveRecord(object.apiName, labelsOf)
  const labels = record.data?.labels
  const ctx: FormatContext = useMemo(() => ({ fmt: formattersFor(i18n.language), t, labels: new Map(Object.entries(labels ?? {})) }), [i18n.language, t, labels])

  return (
    <Stack gap="md" className="record-view">
      <Anchor {...linkProps(recordsPath(object.apiName))} size="sm">
        <span aria-hidden="true" className="back-arrow">←</span> {t('records.backTo', { object: object.labelPlural })}
      </Anchor>
      {record.isPending ? (
        <Center role="status"><Loader size="sm" aria-label={t('app.loading')} /></Center>
      ) : record.isError ? (
        <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
      ) : (
        <>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={1} size="h2"><bdi>{recordTitle(object, record.data.data) || t('records.untitled')}</bdi></Title>
            <MergeWithButton object={object} objects={objects} recordId={id} />
          </Group>
          <div className="record-columns">
            <RecordFields object={object} record={record.data.data} ctx={ctx} saver={saver} />
            <Stack gap="md" className="record-side">
              {object.apiName === ACTIVITY_OBJECT ? <ScriptRunsPanel activityId={id} /> : null}
              <RecordTimeline object={object} recordId={id} objects={objects} ctx={ctx} />
              <RelatedLists object={object} recordId={id} objects={objects} ctx={ctx} />
            </Stack>
          </div>
          <ConflictDialog conflict={saver.conflict} object={object} ctx={ctx} onKeepMine={() => void saver.keepMine()} onTakeTheirs={saver.takeTheirs} />
        </>
      )}
    </Stack>
  )
}
