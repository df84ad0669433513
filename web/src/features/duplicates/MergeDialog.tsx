/**
 * The merge dialog: the records side by side (one column each, scrolling sideways on a
 * phone), a "keep this record" choice per column, a radio per field to pick whose value the
 * kept record gets, a result column as the preview, then a confirmation step. The server
 * does the merge in one transaction (POST /records/{object}/merge with If-Match).
 */
import { Alert, Button, Center, Group, Loader, Modal, Radio, ScrollArea, Stack, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { mergeRecords } from '../../api/duplicates.js'
import { getRecord } from '../../api/records.js'
import type { ApiRecord, FieldDescription, ObjectDescription } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { CellText } from '../records/CellText.js'
import { formatCell, recordTitle, type Column, type FormatContext } from '../records/fields.js'
import { relationLabels } from '../records/useRecordList.js'
import { choosableFields, defaultChoices, mergeRequestOf, mergedPreview, type FieldChoices } from './merge-model.js'
import './duplicates.css'

const columnOf = (field: FieldDescription): Column => ({ key: field.apiName, label: field.label, field, sortable: false, width: 0 })

export interface MergeDialogProps {
  object: ObjectDescription
  objects: ObjectDescription[]
  /** The records to merge; the first is the suggested survivor. Null when closed. */
  ids: string[] | null
  onClose: () => void
  onMerged: (survivor: ApiRecord) => void
}

export function MergeDialog({ object, objects, ids, onClose, onMerged }: MergeDialogProps) {
  const { t } = useTranslation()
  return (
    <Modal opened={ids !== null} onClose={onClose} size="auto" title={t('duplicates.merge.title', { object: object.labelPlural })}>
      {ids ? <MergeBody object={object} objects={objects} ids={ids} onClose={onClose} onMerged={onMerged} /> : null}
    </Modal>
  )
}

function MergeBody({ object, objects, ids, onClose, onMerged }: MergeDialogProps & { ids: string[] }) {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const loaded = useQuery({
    queryKey: ['duplicates', 'merge', object.apiName, ...ids],
    queryFn: async ({ signal }) => {
      const records = await Promise.all(ids.map((id) => getRecord(object.apiName, id, signal)))
      return { records, labels: await relationLabels(object, records, objects, signal) }
    },
    staleTime: 0,
  })
  const fields = useMemo(() => choosableFields(object), [object])
  const [survivorId, setSurvivorId] = useState(ids[0])
  const [choices, setChoices] = useState<FieldChoices>({})
  const [confirming, setConfirming] = useState(false)
  const records = loaded.data?.records
  useEffect(() => {
    if (records) setChoices(defaultChoices(fields, records, survivorId))
  }, [records, fields, survivorId])
  const ctx: FormatContext = useMemo(() => ({ fmt: formattersFor(i18n.language), t, labels: new Map(Object.entries(loaded.data?.labels ?? {})) }), [i18n.language, t, loaded.data?.labels])
  const merge = useMutation({
    meta: { handlesOwnErrors: true },
    mutationFn: () => {
      const survivor = records!.find((r) => r.id === survivorId)!
      return mergeRecords(object.apiName, mergeRequestOf(records!, survivorId, choices), survivor.version)
    },
    onSuccess: (survivor) => {
      void client.invalidateQueries({ queryKey: ['records', object.apiName] })
      void client.invalidateQueries({ queryKey: ['duplicates'] })
      onMerged(survivor)
    },
  })

  if (loaded.isPending) return <Center role="status" py="md"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (loaded.isError) return <ErrorAlert error={loaded.error} onRetry={() => void loaded.refetch()} />
  const list = loaded.data.records
  const titleOf = (record: ApiRecord) => recordTitle(object, record) || t('records.untitled')
  const show = (field: FieldDescription, record: ApiRecord) => formatCell(columnOf(field), record, ctx)
  const preview = mergedPreview(list, survivorId, choices)
  const survivor = list.find((r) => r.id === survivorId)!

  if (confirming) {
    return (
      <Stack gap="md">
        <Text>{t('duplicates.merge.confirmText', { count: list.length - 1, title: titleOf(preview) })}</Text>
        <Text size="sm" c="dimmed">{t('duplicates.merge.moves')}</Text>
        {merge.isError ? <Alert color="red" title={t('duplicates.merge.failed')}>{merge.error.message}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)} disabled={merge.isPending}>{t('duplicates.merge.back')}</Button>
          <Button color="red" loading={merge.isPending} onClick={() => merge.mutate()}>{t('duplicates.merge.confirm')}</Button>
        </Group>
      </Stack>
    )
  }

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">{t('duplicates.merge.hint')}</Text>
      <ScrollArea type="auto" offsetScrollbars>
        <table className="merge-table">
          <thead>
            <tr>
              <th scope="col">{t('duplicates.merge.field')}</th>
              {list.map((record) => (
                <th scope="col" key={record.id}>
                  <Radio name="merge-survivor" value={record.id} checked={record.id === survivorId} onChange={() => setSurvivorId(record.id)}
                    label={<Stack gap={0}><Text size="sm" fw={600}><bdi>{titleOf(record)}</bdi></Text><Text size="xs" c="dimmed">{t('duplicates.merge.keep')}</Text></Stack>}
                    aria-label={t('duplicates.merge.keepRecord', { title: titleOf(record) })} />
                </th>
              ))}
              <th scope="col" className="merge-result">{t('duplicates.merge.result')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field.apiName}>
                <th scope="row">{field.label}</th>
                {list.map((record) => {
                  const text = show(field, record)
                  return (
                    <td key={record.id}>
                      <Radio name={`merge-${field.apiName}`} value={record.id} checked={choices[field.apiName] === record.id} disabled={field.readOnly}
                        onChange={() => setChoices((current) => ({ ...current, [field.apiName]: record.id }))}
                        label={text ? <CellText column={columnOf(field)} text={text} /> : '—'}
                        aria-label={t('duplicates.merge.pick', { field: field.label, value: text || '—', title: titleOf(record) })} />
                    </td>
                  )
                })}
                <td className="merge-result" data-field={field.apiName}>{show(field, preview) ? <CellText column={columnOf(field)} text={show(field, preview)} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      <Text size="sm">{t('duplicates.merge.summary', { count: list.length - 1, title: titleOf(survivor) })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>{t('duplicates.merge.cancel')}</Button>
        <Button onClick={() => setConfirming(true)}>{t('duplicates.merge.review')}</Button>
      </Group>
    </Stack>
  )
}
