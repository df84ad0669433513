/** The editor inside a table cell's popover: the field's editor, Cancel and Save. */
import { Button, Group, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, FieldDescription } from '../../api/types.js'
import { FieldEditor } from '../editing/FieldEditor.js'
import { isCommittedOnChange } from '../editing/field-values.js'
import { useFieldEdit } from '../editing/useFieldEdit.js'
import type { RecordSaver } from '../editing/useSaveRecord.js'
import type { FormatContext } from '../records/fields.js'

export function CellForm({ field, record, saver, ctx, onDone }: { field: FieldDescription; record: ApiRecord; saver: RecordSaver; ctx: FormatContext; onDone: () => void }) {
  const { t } = useTranslation()
  const edit = useFieldEdit(field, record, saver, onDone)
  const relationId = record[field.apiName]
  return (
    <Stack gap={6}>
      <FieldEditor field={field} draft={edit.draft} onChange={edit.change} error={edit.error} label={field.label} size="xs"
        onSubmit={() => edit.commit()} onCancel={onDone} withinPortal={false}
        relationLabel={typeof relationId === 'string' ? ctx.labels.get(relationId) : undefined} />
      <Group gap={6} justify="flex-end">
        <Button size="compact-xs" variant="default" onClick={onDone}>{t('record.cancel')}</Button>
        {isCommittedOnChange(field) ? null : <Button size="compact-xs" onClick={() => edit.commit()}>{t('record.save')}</Button>}
      </Group>
    </Stack>
  )
}

