/**
 * /my-day: the signed-in member's open tasks that are due today or overdue, a box to tick one
 * off, and a line to add a task for today.
 */
import { Alert, Anchor, Button, Center, Checkbox, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord } from '../../api/types.js'
import { linkProps, recordPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useMe } from '../auth/session.js'
import { formattersFor } from '../../i18n/format.js'
import { ACTIVITIES, toActivity, type Activity } from './activities.js'
import { startOfDay } from './calendar-dates.js'
import { calendarFormatFor, type CalendarFormat } from './calendar-format.js'
import { useMyDayTasks, useQuickAddTask, useSetTaskDone } from './useMyDay.js'
import './calendar.css'

function TaskItem({ record, activity, overdue, format, onToggle }: {
  record: ApiRecord; activity: Activity; overdue: boolean; format: CalendarFormat; onToggle(record: ApiRecord, done: boolean): void
}) {
  const { t } = useTranslation()
  const done = activity.status === 'done'
  const subject = activity.subject || t('records.untitled')
  return (
    <li className="my-day-item" data-done={done || undefined}>
      <Checkbox checked={done} aria-label={t('calendar.complete', { subject })} onChange={(event) => onToggle(record, event.currentTarget.checked)} />
      <Anchor className="my-day-subject" {...linkProps(recordPath(ACTIVITIES, activity.id))}><bdi>{subject}</bdi></Anchor>
      <span className="my-day-due" data-overdue={overdue && !done ? true : undefined}>
        {overdue ? format.dayAndTime(activity.dueAt) : format.time(activity.dueAt)}
      </span>
    </li>
  )
}

function QuickAdd({ userId }: { userId: string }) {
  const { t } = useTranslation()
  const [subject, setSubject] = useState('')
  const add = useQuickAddTask(userId)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (subject.trim()) add.mutate(subject.trim(), { onSuccess: () => setSubject('') })
  }
  return (
    <form onSubmit={submit}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput style={{ flex: 1 }} label={t('calendar.quickAdd')} placeholder={t('calendar.quickAddPlaceholder')}
          value={subject} onChange={(event) => setSubject(event.currentTarget.value)} />
        <Button type="submit" loading={add.isPending} disabled={!subject.trim()}>{t('calendar.add')}</Button>
      </Group>
    </form>
  )
}

function TaskSection({ title, tasks, overdue, format, onToggle }: {
  title: string; tasks: { record: ApiRecord; activity: Activity }[]; overdue: boolean; format: CalendarFormat; onToggle(record: ApiRecord, done: boolean): void
}) {
  const { i18n } = useTranslation()
  if (tasks.length === 0) return null
  return (
    <section aria-label={title}>
      <Title order={2} size="h5" mb={4}>{title} <Text span c="dimmed" size="sm">({formattersFor(i18n.language).number(tasks.length)})</Text></Title>
      <ul className="my-day-list">
        {tasks.map(({ record, activity }) => <TaskItem key={record.id} record={record} activity={activity} overdue={overdue} format={format} onToggle={onToggle} />)}
      </ul>
    </section>
  )
}

export function MyDayPage() {
  const { t, i18n } = useTranslation()
  const format = calendarFormatFor(i18n.language)
  const me = useMe().data
  const userId = me?.user?.id ?? ''
  const tasks = useMyDayTasks(userId)
  const setDone = useSetTaskDone(userId)
  if (!me?.user) return <Alert color="gray">{t('calendar.noUser')}</Alert>

  const today = startOfDay(new Date())
  const rows = (tasks.data?.data ?? []).flatMap((record) => {
    const activity = toActivity(record)
    return activity ? [{ record, activity }] : []
  })
  const onToggle = (record: ApiRecord, done: boolean) => setDone.mutate({ task: record, done })
  const overdue = rows.filter((row) => row.activity.dueAt < today)
  const dueToday = rows.filter((row) => row.activity.dueAt >= today)

  return (
    <Stack gap="md" maw={720}>
      <div>
        <Title order={1} size="h2">{t('calendar.myDay')}</Title>
        <Text c="dimmed" size="sm">{format.fullDay(today)}</Text>
      </div>
      <QuickAdd userId={userId} />
      {tasks.isPending ? (
        <Center role="status"><Loader size="sm" aria-label={t('app.loading')} /></Center>
      ) : tasks.isError ? (
        <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed" role="status">{t('calendar.nothingDue')}</Text>
      ) : (
        <>
          <TaskSection title={t('calendar.overdue')} tasks={overdue} overdue format={format} onToggle={onToggle} />
          <TaskSection title={t('calendar.dueToday')} tasks={dueToday} overdue={false} format={format} onToggle={onToggle} />
        </>
      )}
    </Stack>
  )
}
