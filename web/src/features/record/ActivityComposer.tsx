/**
 * Logs a call, note, meeting or task on the record: creates an `activities` record (the
 * standard object of DESIGN.md: type, subject, body, dueAt, status) whose `links` point at
 * this record, which is how the timeline finds it. Big touch targets; the type is a
 * segmented control, the subject is required.
 */
import { Button, Group, SegmentedControl, Stack, TextInput, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { DateTimeInput } from '../../components/DateInput.js'
import { useLogActivity } from './useTimeline.js'

/** The standard timeline object and the activity types the composer offers. */
export const ACTIVITY_OBJECT = 'activities'
const COMPOSER_TYPES = ['call', 'note', 'meeting', 'task'] as const
type ComposerType = (typeof COMPOSER_TYPES)[number]
/** Tasks and meetings are planned (open, with a due time); calls and notes are logged as done. */
const PLANNED: ReadonlySet<ComposerType> = new Set(['task', 'meeting'])

export function ActivityComposer({ object, recordId, activities }: { object: ObjectDescription; recordId: string; activities: ObjectDescription }) {
  const { t } = useTranslation()
  const typeField = activities.fields.find((field) => field.apiName === 'type')
  const types = COMPOSER_TYPES.filter((type) => !typeField?.options.choices || typeField.options.choices.some((choice) => choice.value === type))
  const [type, setType] = useState<ComposerType>(types[0] ?? 'note')
  const [subject, setSubject] = useState('')
  const [body, setBody] = useState('')
  const [dueAt, setDueAt] = useState('')
  const [error, setError] = useState<string | null>(null)
  const log = useLogActivity(object.apiName, recordId, activities.apiName)
  const planned = PLANNED.has(type)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!subject.trim()) {
      setError(t('record.validation.required'))
      return
    }
    const data: Record<string, unknown> = {
      type, subject: subject.trim(), status: planned ? 'open' : 'done',
      links: [{ object: object.apiName, id: recordId }],
      ...(body.trim() ? { body: body.trim() } : {}),
      ...(planned && dueAt ? { dueAt: new Date(dueAt).toISOString() } : {}),
    }
    setSubject('')
    setBody('')
    setDueAt('')
    setError(null)
    void log(data)
  }

  return (
    <form onSubmit={submit} aria-label={t('record.composer.title')} className="activity-composer">
      <Stack gap="xs">
        <SegmentedControl fullWidth value={type} onChange={(value) => setType(value as ComposerType)} aria-label={t('record.composer.type')}
          data={types.map((value) => ({ value, label: t(`record.composer.types.${value}`) }))} />
        <TextInput label={t('record.composer.subject')} placeholder={t(`record.composer.subjectPlaceholder.${type}`)} value={subject} required
          error={error ?? undefined} onChange={(event) => { setSubject(event.currentTarget.value); setError(null) }} dir="auto" />
        <Textarea label={t('record.composer.body')} value={body} autosize minRows={2} maxRows={8} dir="auto"
          onChange={(event) => setBody(event.currentTarget.value)} />
        {planned ? (
          <DateTimeInput label={t('record.composer.dueAt')} value={dueAt} onChange={setDueAt} />
        ) : null}
        <Group justify="flex-end">
          <Button type="submit">{t(`record.composer.submit.${type}`)}</Button>
        </Group>
      </Stack>
    </form>
  )
}
