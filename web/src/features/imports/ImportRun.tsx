import { Alert, Button, Group, Stack } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cancelImport, type ImportView } from '../../api/imports.js'
import { ImportCounts } from './ImportCounts.js'
import { ImportProgress } from './ImportProgress.js'
import { UndoButton } from './UndoButton.js'
import { useFollowImport } from './useFollowImport.js'

/** An apply in progress and after: live progress, cancel while it runs, the outcome and undo. */
export function ImportRun({ initial }: { initial: ImportView }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [latest, setLatest] = useState<ImportView | null>(null)
  const followed = useFollowImport(initial, () => { void client.invalidateQueries({ queryKey: ['records'] }); void client.invalidateQueries({ queryKey: ['imports'] }) })
  // A cancel or undo answers the newer state at once; the stream's last word is the same state.
  const view = latest ?? followed ?? initial
  const cancel = useMutation({ mutationFn: () => cancelImport(initial.id), onSuccess: setLatest })
  return (
    <Stack gap="sm" data-testid="import-run" data-status={view.status}>
      <ImportProgress view={view} />
      {view.status === 'completed' ? <Alert color="green" variant="light" role="status">{t('imports.completed')}</Alert> : null}
      {view.status === 'cancelled' ? <Alert color="yellow" variant="light" role="status">{t('imports.cancelled')}</Alert> : null}
      {view.status === 'failed' ? <Alert color="red" variant="light" role="alert">{t('imports.failed', { error: view.error ?? '' })}</Alert> : null}
      {view.status === 'undone' ? <Alert color="gray" variant="light" role="status">{t('imports.undone')}</Alert> : null}
      <ImportCounts view={view} />
      <Group gap="sm">
        {view.status === 'running' ? <Button color="red" variant="light" loading={cancel.isPending} onClick={() => cancel.mutate()}>{t('imports.cancel')}</Button> : null}
        <UndoButton view={view} onDone={setLatest} />
      </Group>
    </Stack>
  )
}
