/**
 * A table cell that edits in place: double-click or Enter opens the field's editor in a
 * popover over the cell (rows keep their fixed height), Enter saves, Escape cancels. The
 * save is optimistic with rollback (useSaveRecord); focus comes back to the cell.
 */
import { Button, Group, Popover, Stack } from '@mantine/core'
import { useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, FieldDescription } from '../../api/types.js'
import { FieldEditor } from '../editing/FieldEditor.js'
import { isCommittedOnChange } from '../editing/field-values.js'
import { useFieldEdit } from '../editing/useFieldEdit.js'
import type { RecordSaver } from '../editing/useSaveRecord.js'
import type { FormatContext } from '../records/fields.js'

const EDITOR_WIDTH = 300

function CellForm({ field, record, saver, ctx, onDone }: { field: FieldDescription; record: ApiRecord; saver: RecordSaver; ctx: FormatContext; onDone: () => void }) {
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

export interface EditableCellProps {
  field: FieldDescription
  record: ApiRecord
  content: ReactNode
  text: string
  saver: RecordSaver
  ctx: FormatContext
  isEditing: boolean
  onEdit: (editing: boolean) => void
}

export function EditableCell({ field, record, content, text, saver, ctx, isEditing, onEdit }: EditableCellProps) {
  const { t } = useTranslation()
  const cellRef = useRef<HTMLDivElement>(null)
  const stop = () => {
    onEdit(false)
    requestAnimationFrame(() => cellRef.current?.focus())
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'Enter' || event.key === 'F2') && !isEditing) {
      event.preventDefault()
      onEdit(true)
    }
  }
  return (
    <Popover opened={isEditing} onChange={(opened) => { if (!opened) onEdit(false) }} onDismiss={stop} position="bottom-start" width={EDITOR_WIDTH}
      trapFocus returnFocus={false} shadow="md" withinPortal>
      <Popover.Target>
        <div ref={cellRef} className="editable-cell cell-text" tabIndex={0} title={text} onDoubleClick={() => onEdit(true)} onKeyDown={onKeyDown}
          aria-label={t('bulk.cellLabel', { field: field.label, value: text || '—' })} aria-haspopup="dialog" data-field={field.apiName}>
          {content}
        </div>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('bulk.editing', { field: field.label })} role="dialog">
        {isEditing ? <CellForm field={field} record={record} saver={saver} ctx={ctx} onDone={stop} /> : null}
      </Popover.Dropdown>
    </Popover>
  )
}
