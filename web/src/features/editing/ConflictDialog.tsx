/**
 * Someone saved the record after it was read (412): for each field this edit changes, what I
 * typed beside what is stored now, and the choice to overwrite theirs or take theirs.
 */
import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { CellText } from '../records/CellText.js'
import { formatCell, type Column, type FormatContext } from '../records/fields.js'
import type { Conflict } from './useSaveRecord.js'

export function ConflictDialog({ conflict, object, ctx, onKeepMine, onTakeTheirs }: {
  conflict: Conflict | null
  object: ObjectDescription
  ctx: FormatContext
  onKeepMine: () => void
  onTakeTheirs: () => void
}) {
  const { t } = useTranslation()
  const fields = conflict ? object.fields.filter((field) => field.apiName in conflict.mine.patch) : []
  const labels = new Map([...ctx.labels, ...Object.entries(conflict?.theirLabels ?? {}), ...Object.entries(conflict?.mine.labels ?? {})])
  const show = (column: Column, record: ApiRecord) => formatCell(column, record, { ...ctx, labels }) || '—'

  return (
    <Modal opened={conflict !== null} onClose={onTakeTheirs} title={t('record.conflict.title')} size="lg"
      closeButtonProps={{ 'aria-label': t('app.dismiss') }}>
      {conflict ? (
        <Stack gap="md">
          <Text size="sm">{t('record.conflict.explain')}</Text>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('record.conflict.field')}</Table.Th>
                <Table.Th>{t('record.conflict.yours')}</Table.Th>
                <Table.Th>{t('record.conflict.theirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field) => {
                const column: Column = { key: field.apiName, label: field.label, field, sortable: false, width: 0 }
                const mine = { ...conflict.theirs, ...conflict.mine.patch }
                return (
                  <Table.Tr key={field.apiName} data-field={field.apiName}>
                    <Table.Th scope="row">{field.label}</Table.Th>
                    <Table.Td data-side="yours"><CellText column={column} text={show(column, mine)} /></Table.Td>
                    <Table.Td data-side="theirs"><CellText column={column} text={show(column, conflict.theirs)} /></Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onTakeTheirs}>{t('record.conflict.takeTheirs')}</Button>
            <Button color="orange" onClick={onKeepMine}>{t('record.conflict.keepMine')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  )
}
