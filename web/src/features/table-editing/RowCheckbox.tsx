/** The table's checkbox column: one per row, and "all loaded rows" in the header. */
import { Checkbox } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RowSelection } from './useRowSelection.js'

export function SelectAllCheckbox({ selection }: { selection: RowSelection }) {
  const { t } = useTranslation()
  return <Checkbox size="xs" checked={selection.state === 'all'} indeterminate={selection.state === 'some'} onChange={selection.toggleAll} aria-label={t('bulk.selectAll')} />
}

/** A row's box; its props are plain values and a stable callback so a memoised row can skip it. */
export function RowCheckbox({ id, checked, onToggle, label }: { id: string; checked: boolean; onToggle: (id: string) => void; label: string }) {
  return <Checkbox size="xs" checked={checked} onChange={() => onToggle(id)} aria-label={label} />
}
