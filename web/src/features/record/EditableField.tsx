/**
 * One field on the record page: its value, and — when the caller may write it — a button
 * that turns it into the field type's editor in place. Save/Cancel buttons make it usable by
 * touch; Enter and Escape by keyboard. Focus returns to the value afterwards.
 */
import { Button, Group, Stack, Text, UnstyledButton } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, FieldDescription } from '../../api/types.js'
import { FieldEditor } from '../editing/FieldEditor.js'
import { isCommittedOnChange } from '../editing/field-values.js'
import { useFieldEdit } from '../editing/useFieldEdit.js'
import type { RecordSaver } from '../editing/useSaveRecord.js'
import { CellText } from '../records/CellText.js'
import { formatCell, type Column, type FormatContext } from '../records/fields.js'

interface EditableFieldProps {
  field: FieldDescription
  record: ApiRecord
  ctx: FormatContext
  saver: RecordSaver
  canEdit: boolean
}

function FieldForm({ field, record, ctx, saver, onDone }: Omit<EditableFieldProps, 'canEdit'> & { onDone: () => void }) {
  const { t } = useTranslation()
  const edit = useFieldEdit(field, record, saver, onDone)
  const relationId = record[field.apiName]
  return (
    <Stack gap={6} className="field-form">
      <FieldEditor field={field} draft={edit.draft} onChange={edit.change} error={edit.error} label={field.label} hideLabel
        onSubmit={() => edit.commit()} onCancel={onDone}
        relationLabel={typeof relationId === 'string' ? ctx.labels.get(relationId) : undefined} />
      <Group gap="xs">
        {isCommittedOnChange(field) ? null : <Button size="xs" onClick={() => edit.commit()}>{t('record.save')}</Button>}
        <Button size="xs" variant="default" onClick={onDone}>{t('record.cancel')}</Button>
      </Group>
    </Stack>
  )
}

export function EditableField(props: EditableFieldProps) {
  const { t } = useTranslation()
  const { field, record, ctx } = props
  const [editing, setEditing] = useState(false)
  const wasEditing = useRef(false)
  const valueRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (wasEditing.current && !editing) valueRef.current?.focus()
    wasEditing.current = editing
  }, [editing])

  const column: Column = { key: field.apiName, label: field.label, field, sortable: false, width: 0 }
  const text = formatCell(column, record, ctx)
  const shown = text ? <CellText column={column} text={text} /> : <Text span c="dimmed">—</Text>
  const readOnly = !props.canEdit || field.readOnly === true

  return (
    <div className="record-field" data-field={field.apiName}>
      <Text component="dt" size="xs" c="dimmed" id={`field-${field.apiName}`}>
        {field.label}{field.required ? <span aria-hidden="true"> *</span> : null}
        {readOnly && field.readOnly ? <Text span size="xs" c="dimmed"> · {t('record.readOnly')}</Text> : null}
      </Text>
      <dd>
        {editing ? (
          <FieldForm {...props} onDone={() => setEditing(false)} />
        ) : readOnly ? (
          <Text size="sm" className="field-value">{shown}</Text>
        ) : (
          <UnstyledButton ref={valueRef} className="field-value field-value-editable" onClick={() => setEditing(true)}
            aria-label={t('record.editField', { field: field.label, value: text || '—' })}>
            <Text span size="sm">{shown}</Text>
          </UnstyledButton>
        )}
      </dd>
    </div>
  )
}
