/** Disposition code and summary notes for a call, saved onto its call activity. */
import { Button, Group, Select, Stack, Text, Textarea } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { updateRecord } from '../../api/records-write.js'
import { DISPOSITIONS } from '../../api/telephony.js'
import { showErrorToast } from '../../components/toasts.js'

export function CallDisposition({ activityId }: { activityId: string }) {
  const { t } = useTranslation()
  const [disposition, setDisposition] = useState<string | null>(null)
  const [notes, setNotes] = useState('')
  const save = useMutation({
    mutationFn: () => updateRecord('activities', activityId, { callDisposition: disposition, body: notes.trim() === '' ? null : notes }),
    onError: (error) => showErrorToast(t('telephony.saveFailed'), error.message),
  })
  return (
    <Stack gap={6} component="form" onSubmit={(event) => { event.preventDefault(); save.mutate() }}>
      <Select size="xs" label={t('telephony.disposition')} placeholder={t('telephony.dispositionPlaceholder')} value={disposition} onChange={setDisposition}
        data={DISPOSITIONS.map((code) => ({ value: code, label: t(`telephony.dispositions.${code}`) }))} comboboxProps={{ withinPortal: true }} clearable />
      <Textarea size="xs" label={t('telephony.notes')} value={notes} onChange={(event) => setNotes(event.currentTarget.value)} autosize minRows={2} maxRows={5} />
      <Group gap="xs" justify="space-between">
        <Text size="xs" c="dimmed" aria-live="polite">{save.isSuccess ? t('telephony.saved') : ''}</Text>
        <Button size="xs" type="submit" loading={save.isPending}>{t('telephony.save')}</Button>
      </Group>
    </Stack>
  )
}
