/** The table's checkbox column: one per row, and "all loaded rows" in the header. */
import { Checkbox } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { recordTitle } from '../records/fields.js'
import type { RowSelection } from './useRowSelection.js'

export function SelectAllCheckbox({ selection }: { selection: RowSelection }) {
  const { t } = useTranslation()
  return <Checkbox size="xs" checked={selection.state === 'all'} indeterminate={selection.state === 'some'} onChange={selection.toggleAll} aria-label={t('bulk.selectAll')} />
}

export function RowCheckbox({ selection, object, record }: { selection: RowSelection; object: ObjectDescription; record: ApiRecord }) {
  const { t } = useTranslation()
  return (
    <Checkbox size="xs" checked={selection.isSelected(record.id)} onChange={() => selection.toggle(record.id)}
      aria-label={t('bulk.selectRow', { title: recordTitle(object, record) || t('records.untitled') })} />
  )
}
