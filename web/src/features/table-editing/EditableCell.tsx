/**
 * A table cell that edits in place: double-click or Enter opens the field's editor in a
 * popover over the cell (rows keep their fixed height), Enter saves, Escape cancels. The
 * save is optimistic with rollback (useSaveRecord); focus comes back to the cell.
 */
import { Loader, Popover } from '@mantine/core'
import { lazy, Suspense, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, FieldDescription } from '../../api/types.js'
import type { RecordSaver } from '../editing/useSaveRecord.js'
import type { FormatContext } from '../records/fields.js'

const EDITOR_WIDTH = 300
/** The editors (comboboxes, pickers) load with the first edit, not with the list. */
const CellForm = lazy(async () => ({ default: (await import('./CellForm.js')).CellForm }))

export interface EditableCellProps {
  field: FieldDescription
  record: ApiRecord
  content: ReactNode
  text: string
  /** The cell's accessible name (field and value), made by the caller's `t`. */
  label: string
  saver: RecordSaver
  ctx: FormatContext
  isEditing: boolean
  onEdit: (editing: boolean) => void
}

/**
 * Cells mount by the dozen with every scrolled frame, so a cell at rest is a plain element:
 * no translation hook (each subscribes to language changes) and no popover (floating-ui
 * hooks and context) — only the cell being edited has them.
 */
export function EditableCell({ field, record, content, text, label, saver, ctx, isEditing, onEdit }: EditableCellProps) {
  const cellRef = useRef<HTMLDivElement>(null)
  const refocus = useRef(false)
  // Back to the cell once the editor is gone (save, cancel, Escape) — not after a click elsewhere.
  useEffect(() => {
    if (!isEditing && refocus.current) {
      refocus.current = false
      cellRef.current?.focus()
    }
  }, [isEditing])
  const stop = () => {
    refocus.current = true
    onEdit(false)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'Enter' || event.key === 'F2') && !isEditing) {
      event.preventDefault()
      onEdit(true)
    }
  }
  const cell = (
    <div ref={cellRef} role="button" className="editable-cell cell-text" tabIndex={0} title={text} onDoubleClick={() => onEdit(true)} onKeyDown={onKeyDown}
      aria-label={label} aria-haspopup="dialog" data-field={field.apiName}>
      {content}
    </div>
  )
  if (!isEditing) return cell
  return <CellEditor field={field} record={record} saver={saver} ctx={ctx} onDismiss={() => onEdit(false)} onDone={stop}>{cell}</CellEditor>
}

function CellEditor({ field, record, saver, ctx, onDismiss, onDone, children }: {
  field: FieldDescription; record: ApiRecord; saver: RecordSaver; ctx: FormatContext; onDismiss: () => void; onDone: () => void; children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Popover opened onDismiss={onDismiss} closeOnEscape={false} position="bottom-start" width={EDITOR_WIDTH}
      trapFocus returnFocus={false} shadow="md" withinPortal transitionProps={{ duration: 0 }}>
      <Popover.Target>{children}</Popover.Target>
      <Popover.Dropdown aria-label={t('bulk.editing', { field: field.label })} role="dialog">
        <Suspense fallback={<Loader size="xs" aria-label={t('app.loading')} />}>
          <CellForm field={field} record={record} saver={saver} ctx={ctx} onDone={onDone} />
        </Suspense>
      </Popover.Dropdown>
    </Popover>
  )
}
