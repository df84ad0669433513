import { Button } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { undoImport, type ImportView } from '../../api/imports.js'

/** Undo for a finished apply: deletes what it created and restores what it updated, after a confirm. */
export function UndoButton({ view, onDone, size = 'sm' }: { view: ImportView; onDone?: (view: ImportView) => void; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const undo = useMutation({
    mutationFn: () => undoImport(view.id),
    onSuccess: (next) => { onDone?.(next); void client.invalidateQueries({ queryKey: ['imports'] }); void client.invalidateQueries({ queryKey: ['records'] }) },
  })
  if (view.mode !== 'apply' || view.status === 'running' || view.status === 'undone') return null
  return (
    <Button size={size} variant="default" loading={undo.isPending} aria-label={`${t('imports.undo')} (${view.id.slice(-6)})`}
      onClick={() => { if (window.confirm(t('imports.confirmUndo'))) undo.mutate() }}>
      {t('imports.undo')}
    </Button>
  )
}
