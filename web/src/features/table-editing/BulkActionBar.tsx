/**
 * Above the table: with rows checked, how many and what to do with them (set a field, delete);
 * after a bulk action, what happened — with Undo for a delete and each refused record named
 * with the server's reason.
 */
import { Alert, Button, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { recordTitle } from '../records/fields.js'
import type { ItemProblem } from './bulk-actions.js'
import type { RowSelection } from './useRowSelection.js'

export interface BulkNotice {
  kind: 'deleted' | 'restored' | 'updated'
  ids: string[]
  failed: ItemProblem[]
  field?: string
}

function NoticeAlert({ notice, rows, object, busy, onUndo, onDismiss }: {
  notice: BulkNotice; rows: ApiRecord[]; object: ObjectDescription; busy: boolean; onUndo: (ids: string[]) => void; onDismiss: () => void
}) {
  const { t } = useTranslation()
  const titleOf = (id: string) => {
    const row = rows.find((candidate) => candidate.id === id)
    return (row && recordTitle(object, row)) || id
  }
  return (
    <Alert color={notice.failed.length ? 'orange' : 'teal'} variant="light" withCloseButton onClose={onDismiss} role="status"
      closeButtonLabel={t('app.dismiss')} className="bulk-notice">
      <Group gap="sm" justify="space-between">
        <Text size="sm">{t(`bulk.${notice.kind}`, { count: notice.ids.length, field: notice.field ?? '' })}</Text>
        {notice.kind === 'deleted' && notice.ids.length > 0 ? (
          <Button size="compact-sm" variant="white" loading={busy} onClick={() => onUndo(notice.ids)}>{t('bulk.undo')}</Button>
        ) : null}
      </Group>
      {notice.failed.length ? (
        <>
          <Text size="sm" mt={4}>{t('bulk.failed', { count: notice.failed.length })}</Text>
          <ul className="problem-list">
            {notice.failed.slice(0, 20).map((problem) => <li key={problem.id}><bdi>{titleOf(problem.id)}</bdi>: {problem.detail}</li>)}
          </ul>
        </>
      ) : null}
    </Alert>
  )
}

export function BulkActionBar({ object, rows, selection, busy, notice, onDismissNotice, onEdit, onDelete, onUndo }: {
  object: ObjectDescription
  rows: ApiRecord[]
  selection: RowSelection
  busy: boolean
  notice: BulkNotice | null
  onDismissNotice: () => void
  onEdit: () => void
  onDelete: () => void
  onUndo: (ids: string[]) => void
}) {
  const { t } = useTranslation()
  const count = selection.selected.size
  return (
    <>
      {count > 0 ? (
        <Group gap="sm" className="bulk-bar" role="toolbar" aria-label={t('bulk.toolbar')}>
          <Text size="sm" fw={600} role="status">{t('bulk.selected', { count })}</Text>
          {object.access?.update !== false ? <Button size="compact-sm" variant="light" onClick={onEdit} disabled={busy}>{t('bulk.edit')}</Button> : null}
          {object.access?.delete !== false ? (
            <Button size="compact-sm" variant="light" color="red" onClick={onDelete} loading={busy}>{t('bulk.delete', { count })}</Button>
          ) : null}
          <Button size="compact-sm" variant="subtle" onClick={selection.clear}>{t('bulk.clear')}</Button>
        </Group>
      ) : null}
      {notice ? <NoticeAlert notice={notice} rows={rows} object={object} busy={busy} onUndo={onUndo} onDismiss={onDismissNotice} /> : null}
    </>
  )
}
