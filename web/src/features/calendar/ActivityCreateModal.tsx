/**
 * The small form behind a click on an empty calendar slot: type, subject and time on the
 * clicked day. The API's field problems (pointer `/subject`, …) show under their inputs;
 * anything else shows above the buttons.
 */
import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { createRecord } from '../../api/records-write.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { ACTIVITIES, ACTIVITIES_KEY, ACTIVITY_TYPES, type ActivityType } from './activities.js'
import type { CalendarFormat } from './calendar-format.js'

const pad = (n: number) => String(n).padStart(2, '0')
const timeOf = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`
const FORM_FIELDS = ['type', 'subject', 'dueAt']

interface Draft {
  type: ActivityType
  subject: string
  time: string
}

function CreateForm({ at, format, onDone }: { at: Date; format: CalendarFormat; onDone(): void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [draft, setDraft] = useState<Draft>({ type: 'meeting', subject: '', time: timeOf(at) })
  const create = useMutation({
    meta: { handlesOwnErrors: true },
    mutationFn: () => {
      const [hours, minutes] = draft.time.split(':').map(Number)
      const due = new Date(at.getFullYear(), at.getMonth(), at.getDate(), hours || 0, minutes || 0)
      return createRecord(ACTIVITIES, { type: draft.type, subject: draft.subject.trim(), dueAt: due.toISOString(), status: 'open' })
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ACTIVITIES_KEY })
      onDone()
    },
  })
  const problems = isApiError(create.error) ? create.error.errors : []
  const problemFor = (field: string) => problems.find((problem) => problem.pointer === `/${field}`)?.detail
  const otherError = create.isError && !problems.some((problem) => FORM_FIELDS.includes(problem.pointer.slice(1)))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate()
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{format.fullDay(at)}</Text>
        <NativeSelect label={t('calendar.type')} value={draft.type} error={problemFor('type')}
          data={ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`calendar.types.${type}`) }))}
          onChange={(event) => setDraft({ ...draft, type: event.currentTarget.value as ActivityType })} />
        <TextInput label={t('calendar.subject')} required data-autofocus value={draft.subject} error={problemFor('subject')}
          onChange={(event) => setDraft({ ...draft, subject: event.currentTarget.value })} />
        <TextInput label={t('calendar.time')} type="time" required value={draft.time} error={problemFor('dueAt')}
          onChange={(event) => setDraft({ ...draft, time: event.currentTarget.value })} />
        {otherError ? <ErrorAlert error={create.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>{t('calendar.cancel')}</Button>
          <Button type="submit" loading={create.isPending} disabled={!draft.subject.trim() || !draft.time}>{t('calendar.create')}</Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Open while `at` is set; the form starts fresh for every slot. */
export function ActivityCreateModal({ at, format, onClose }: { at: Date | null; format: CalendarFormat; onClose(): void }) {
  const { t } = useTranslation()
  return (
    <Modal opened={at !== null} onClose={onClose} title={t('calendar.newActivity')} closeButtonProps={{ 'aria-label': t('app.dismiss') }}>
      {at ? <CreateForm key={at.getTime()} at={at} format={format} onDone={onClose} /> : null}
    </Modal>
  )
}
