/**
 * The RFM recompute schedule (administrators): daily at a time of day in a time zone, writing
 * RFM segments into a field. Shows the last run (its result or error) and the next one; "Run
 * now" runs the saved schedule at once without moving the next occurrence.
 */
import { Alert, Button, Group, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { getRfmSchedule, runRfmScheduleNow, saveRfmSchedule, type RfmSchedule, type RfmScheduleInput } from '../../api/planning.js'
import { formattersFor } from '../../i18n/format.js'
import { useMe } from '../auth/session.js'
import { analysisFormat } from './format.js'
import { QueryState } from './QueryState.js'

const KEY = ['planning', 'rfmSchedule']
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
const fieldError = (error: unknown, pointer: string) =>
  isApiError(error) ? error.errors.find((problem) => problem.pointer === pointer)?.detail : undefined

const initial = (saved: RfmSchedule | null): RfmScheduleInput => saved
  ? { enabled: saved.enabled, time: saved.time, timeZone: saved.timeZone, object: saved.object, field: saved.field, ...(saved.currency ? { currency: saved.currency } : {}) }
  : { enabled: true, time: '03:00', timeZone: browserZone(), object: 'people', field: 'rfmSegment' }

function LastRun({ schedule }: { schedule: RfmSchedule }) {
  const { t, i18n } = useTranslation()
  const format = formattersFor(i18n.language)
  const f = analysisFormat(i18n.language)
  return (
    <Stack gap={4} data-testid="schedule-runs">
      <Text size="sm"><strong>{t('planning.schedule.nextRun')}</strong> {schedule.enabled ? format.dateTime(schedule.nextRunAt) : t('planning.schedule.paused')}</Text>
      <Text size="sm"><strong>{t('planning.schedule.lastRun')}</strong> {schedule.lastRunAt ? format.dateTime(schedule.lastRunAt) : t('planning.schedule.never')}</Text>
      {schedule.lastResult ? <Text size="sm" role="status">{t('planning.schedule.updated', { count: schedule.lastResult.updated, formatted: f.number(schedule.lastResult.updated) })}</Text> : null}
      {schedule.lastError ? <Alert color="red" variant="light" title={t('planning.schedule.failed')}>{schedule.lastError}</Alert> : null}
    </Stack>
  )
}

function ScheduleForm({ saved }: { saved: RfmSchedule | null }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [form, setForm] = useState(() => initial(saved))
  useEffect(() => setForm(initial(saved)), [saved])
  const set = <K extends keyof RfmScheduleInput>(key: K, value: RfmScheduleInput[K]) => setForm((current) => ({ ...current, [key]: value }))
  const save = useMutation({ mutationFn: () => saveRfmSchedule(form), onSuccess: (schedule) => client.setQueryData(KEY, schedule) })
  const run = useMutation({ mutationFn: runRfmScheduleNow, onSettled: () => client.invalidateQueries({ queryKey: KEY }) })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <Stack gap="sm">
      <form onSubmit={submit} aria-label={t('planning.schedule.title')}>
        <Stack gap="xs" maw={520}>
          <Switch label={t('planning.schedule.enabled')} checked={form.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <Group gap="xs" align="flex-start" wrap="wrap">
            <TextInput type="time" label={t('planning.schedule.time')} value={form.time} onChange={(e) => set('time', e.currentTarget.value)} required w={130} error={fieldError(save.error, '/time')} />
            <TextInput label={t('planning.schedule.timeZone')} dir="ltr" value={form.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)} required w={220} error={fieldError(save.error, '/timeZone')} />
          </Group>
          <Group gap="xs" align="flex-start" wrap="wrap">
            <Select label={t('planning.schedule.object')} value={form.object} onChange={(v) => v && set('object', v)} allowDeselect={false} w={180}
              data={[{ value: 'people', label: t('analysis.objects.people') }, { value: 'companies', label: t('analysis.objects.companies') }]} />
            <TextInput label={t('planning.schedule.field')} description={t('planning.schedule.fieldHint')} dir="ltr" value={form.field} onChange={(e) => set('field', e.currentTarget.value)} required w={220}
              error={fieldError(save.error, '/field')} />
          </Group>
          <Group gap="xs">
            <Button type="submit" loading={save.isPending}>{t('planning.save')}</Button>
            {saved ? <Button variant="light" onClick={() => run.mutate()} loading={run.isPending}>{t('planning.schedule.runNow')}</Button> : null}
          </Group>
          {save.isSuccess ? <Text size="sm" role="status">{t('planning.schedule.saved')}</Text> : null}
        </Stack>
      </form>
      {saved ? <LastRun schedule={saved} /> : <Text c="dimmed" size="sm">{t('planning.schedule.none')}</Text>}
    </Stack>
  )
}

export function SchedulePanel() {
  const { t } = useTranslation()
  const me = useMe()
  const isAdmin = me.data?.role.isAdmin === true
  const schedule = useQuery({ queryKey: KEY, queryFn: ({ signal }) => getRfmSchedule(signal), enabled: isAdmin })
  return (
    <Stack>
      <Title order={2} size="h5">{t('planning.schedule.title')}</Title>
      <Text size="sm" c="dimmed">{t('planning.schedule.intro')}</Text>
      {isAdmin ? <QueryState query={schedule}>{(saved) => <ScheduleForm saved={saved} />}</QueryState> : <Text role="status">{t('planning.adminsOnly')}</Text>}
    </Stack>
  )
}
