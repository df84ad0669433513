/**
 * @module table-editing
 * Everything the record table adds for editing, kept out of the table itself: which cell is
 * being edited, checked rows, the bulk bar (edit one field, delete, undo), per-record problems
 * of a bulk action and the conflict dialog of a cell save. RecordsPage wires it in with three
 * props and two slots.
 */
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useCallback, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, FieldDescription, ObjectDescription } from '../../api/types.js'
import { ConflictDialog } from '../editing/ConflictDialog.js'
import { listKeyPrefix, mergeCachedRecord, removeFromLists, restoreRecordCaches, type CacheSnapshot } from '../editing/record-cache.js'
import { useSaveRecord } from '../editing/useSaveRecord.js'
import type { Column, FormatContext } from '../records/fields.js'
import { relationLabels } from '../records/useRecordList.js'
import { BulkActionBar, type BulkNotice } from './BulkActionBar.js'
import { bulkDelete, bulkRestore, bulkUpdate } from './bulk-actions.js'
import { EditableCell } from './EditableCell.js'
import { useRowSelection } from './useRowSelection.js'
import '../record/record.css'

/** Its field editors load when it is first opened. */
const BulkEditDialog = lazy(async () => ({ default: (await import('./BulkEditDialog.js')).BulkEditDialog }))

export type CellRenderer = (column: Column, record: ApiRecord, content: ReactNode, text: string) => ReactNode | null

const canEditCell = (object: ObjectDescription, field: FieldDescription | undefined): field is FieldDescription =>
  !!field && object.access?.update !== false && !field.readOnly && field.type !== 'links'
  && (field.type !== 'relation' || field.options.relation?.kind === 'manyToOne')

export function useTableEditing(object: ObjectDescription, rows: ApiRecord[], ctx: FormatContext, objects: ObjectDescription[]) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const labelsOf = useCallback((data: ApiRecord) => relationLabels(object, [data], objects, new AbortController().signal), [object, objects])
  const saver = useSaveRecord(object.apiName, labelsOf)
  const selection = useRowSelection(rows)
  const [editing, setEditing] = useState<{ id: string; key: string } | null>(null)
  const [bulkEditOpen, setBulkEditOpen] = useState(false)
  const [notice, setNotice] = useState<BulkNotice | null>(null)
  const [busy, setBusy] = useState(false)
  const refreshLists = () => client.invalidateQueries({ queryKey: listKeyPrefix(object.apiName) })

  // The cells only call `save`, which is stable; keyed on it, the saver the cells get does not
  // change with the conflict state.
  const cellSaver = useMemo(() => saver, [saver.save])
  // Stable while nothing is edited (the table's rows are memoised and keep it); a started or
  // finished edit gives a new one, and the visible rows redraw once.
  const renderCell: CellRenderer = useCallback((column, record, content, text) => {
    if (!canEditCell(object, column.field)) return null
    const isEditing = editing?.id === record.id && editing.key === column.key
    return (
      <EditableCell field={column.field} record={record} content={content} text={text} saver={cellSaver} ctx={ctx} isEditing={isEditing}
        label={t('bulk.cellLabel', { field: column.field.label, value: text || '—' })}
        onEdit={(on) => setEditing(on ? { id: record.id, key: column.key } : null)} />
    )
  }, [object, editing, cellSaver, ctx, t])

  const deleteSelected = async () => {
    const ids = [...selection.selected]
    const snapshot: CacheSnapshot = client.getQueriesData({ queryKey: listKeyPrefix(object.apiName) })
    removeFromLists(client, object.apiName, new Set(ids))
    selection.clear()
    setBusy(true)
    try {
      const outcome = await bulkDelete(object.apiName, ids)
      if (outcome.failed.length) {
        restoreRecordCaches(client, snapshot)
        removeFromLists(client, object.apiName, new Set(outcome.done))
      }
      setNotice({ kind: 'deleted', ids: outcome.done, failed: outcome.failed })
    } finally {
      setBusy(false)
    }
  }

  const undoDelete = async (ids: string[]) => {
    setBusy(true)
    try {
      const outcome = await bulkRestore(object.apiName, ids)
      setNotice({ kind: 'restored', ids: outcome.done, failed: outcome.failed })
      await refreshLists()
    } finally {
      setBusy(false)
    }
  }

  const applyBulkEdit = async (field: FieldDescription, value: unknown, labels: Record<string, string>) => {
    setBulkEditOpen(false)
    const ids = [...selection.selected]
    const snapshot: CacheSnapshot = client.getQueriesData({ queryKey: listKeyPrefix(object.apiName) })
    for (const id of ids) mergeCachedRecord(client, object.apiName, id, { [field.apiName]: value }, labels)
    setBusy(true)
    try {
      const outcome = await bulkUpdate(object.apiName, ids, { [field.apiName]: value })
      if (outcome.failed.length) {
        restoreRecordCaches(client, snapshot)
        for (const id of outcome.done) mergeCachedRecord(client, object.apiName, id, { [field.apiName]: value }, labels)
      }
      setNotice({ kind: 'updated', ids: outcome.done, failed: outcome.failed, field: field.label })
      void refreshLists()
    } finally {
      setBusy(false)
    }
  }

  const toolbar = (
    <BulkActionBar object={object} rows={rows} selection={selection} busy={busy} notice={notice}
      onDismissNotice={() => setNotice(null)} onEdit={() => setBulkEditOpen(true)} onDelete={() => void deleteSelected()}
      onUndo={(ids) => void undoDelete(ids)} />
  )
  const dialogs = (
    <>
      {bulkEditOpen ? (
        <Suspense fallback={null}>
          <BulkEditDialog object={object} count={selection.selected.size} opened onClose={() => setBulkEditOpen(false)}
            onApply={(field, value, labels) => void applyBulkEdit(field, value, labels)} />
        </Suspense>
      ) : null}
      <ConflictDialog conflict={saver.conflict} object={object} ctx={ctx} onKeepMine={() => void saver.keepMine()} onTakeTheirs={saver.takeTheirs} />
    </>
  )
  return { selection, renderCell, toolbar, dialogs }
}
