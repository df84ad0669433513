/**
 * @module duplicates
 * The Duplicates screen: pick an object and the rules, run the finder (a background job on
 * the server; its progress is polled), then go through the groups it found — open the merge
 * dialog or dismiss a group as "not duplicates".
 */
import { Anchor, Badge, Button, Center, Checkbox, Group, Loader, NativeSelect, Progress, Stack, Text, Title } from '@mantine/core'
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  cancelDuplicateJob, dismissDuplicateGroup, getDuplicateJob, listDuplicateGroups, listDuplicateJobs, startDuplicateJob,
  type DuplicateGroup, type DuplicateJob, type DuplicateRule,
} from '../../api/duplicates.js'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { linkProps, recordPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor, intlLocaleOf } from '../../i18n/format.js'
import { recordTitle } from '../records/fields.js'
import { MergeDialog } from './MergeDialog.js'
import './duplicates.css'

type RuleName = DuplicateRule['rule']
const POLL_MS = 500

/** The rules an object's fields allow (by field type, as the server decides). */
export function rulesFor(object: ObjectDescription): RuleName[] {
  const has = (type: string) => object.fields.some((f) => f.type === type)
  return [
    ...(has('email') ? ['email' as const] : []),
    ...(has('phone') ? ['phone' as const] : []),
    ...(object.labelFields.length ? ['name' as const] : []),
    ...(object.fields.some((f) => f.apiName === 'domain') || has('url') ? ['domain' as const] : []),
  ]
}

const canMerge = (object: ObjectDescription) => !object.access || (object.access.update && object.access.delete)

export function DuplicatesPage({ objects }: { objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const eligible = objects.filter(canMerge)
  const jobs = useQuery({ queryKey: ['duplicates', 'jobs'], queryFn: ({ signal }) => listDuplicateJobs(signal) })
  const [objectName, setObjectName] = useState<string | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const latest = jobs.data?.[0]
  const currentJobId = jobId ?? latest?.id ?? null
  const selected = eligible.find((o) => o.apiName === (objectName ?? latest?.object ?? eligible[0]?.apiName))

  return (
    <Stack gap="md" className="duplicates-page">
      <Title order={1} size="h2">{t('duplicates.title')}</Title>
      <Text c="dimmed" size="sm">{t('duplicates.intro')}</Text>
      {eligible.length === 0 ? <Text>{t('duplicates.noObjects')}</Text> : selected ? (
        <FinderForm key={selected.apiName} objects={eligible} object={selected} onObject={setObjectName} onStarted={(job) => setJobId(job.id)} />
      ) : null}
      {jobs.isError ? <ErrorAlert error={jobs.error} onRetry={() => void jobs.refetch()} /> : null}
      {currentJobId ? <JobResults key={currentJobId} jobId={currentJobId} objects={objects} /> : jobs.isPending ? <Center role="status"><Loader size="sm" aria-label={t('app.loading')} /></Center> : null}
    </Stack>
  )
}

function FinderForm({ objects, object, onObject, onStarted }: {
  objects: ObjectDescription[]; object: ObjectDescription; onObject: (name: string) => void; onStarted: (job: DuplicateJob) => void
}) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const available = rulesFor(object)
  const [rules, setRules] = useState<string[]>(available)
  const start = useMutation({
    mutationFn: () => startDuplicateJob(object.apiName, rules.map((rule) => ({ rule: rule as RuleName }))),
    onSuccess: (job) => {
      void client.invalidateQueries({ queryKey: ['duplicates', 'jobs'] })
      onStarted(job)
    },
  })
  return (
    <form className="duplicate-form" onSubmit={(event) => { event.preventDefault(); start.mutate() }}>
      <Stack gap="sm">
        <NativeSelect label={t('duplicates.object')} data={objects.map((o) => ({ value: o.apiName, label: o.labelPlural }))} value={object.apiName}
          onChange={(event) => onObject(event.currentTarget.value)} maw={320} />
        <Checkbox.Group label={t('duplicates.rules')} value={rules} onChange={setRules}>
          <Group gap="md" mt={6}>
            {available.map((rule) => <Checkbox key={rule} value={rule} label={t(`duplicates.rule.${rule}`)} />)}
          </Group>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={start.isPending} disabled={rules.length === 0}>{t('duplicates.run')}</Button>
        </Group>
      </Stack>
    </form>
  )
}

function JobResults({ jobId, objects }: { jobId: string; objects: ObjectDescription[] }) {
  const { t, i18n } = useTranslation()
  const fmt = formattersFor(i18n.language)
  const client = useQueryClient()
  const job = useQuery({
    queryKey: ['duplicates', 'job', jobId],
    queryFn: ({ signal }) => getDuplicateJob(jobId, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
    staleTime: 0,
  })
  const cancel = useMutation({ mutationFn: () => cancelDuplicateJob(jobId), onSuccess: (data) => client.setQueryData(['duplicates', 'job', jobId], data) })
  if (job.isPending) return <Center role="status"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (job.isError) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />
  const data = job.data
  const object = objects.find((o) => o.apiName === data.object)
  const { recordsDone, totalRecords } = data.progress
  const percent = totalRecords > 0 ? Math.round((recordsDone / totalRecords) * 100) : 100
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>{t(`duplicates.status.${data.status}`, { object: object?.labelPlural ?? data.object })}</Text>
        {data.status === 'running' ? <Button size="xs" variant="default" loading={cancel.isPending} onClick={() => cancel.mutate()}>{t('duplicates.cancel')}</Button> : null}
      </Group>
      <Progress value={data.status === 'running' && data.phase !== 'scan' ? 100 : percent} animated={data.status === 'running'}
        aria-label={t('duplicates.progressLabel')} aria-valuetext={t('duplicates.progress', { done: fmt.number(recordsDone), total: fmt.number(totalRecords) })} />
      <Text size="sm" c="dimmed" role="status">
        {t('duplicates.progress', { done: fmt.number(recordsDone), total: fmt.number(totalRecords) })}
        {data.progress.rowsPerSecond ? ` · ${t('duplicates.rate', { rate: fmt.number(data.progress.rowsPerSecond) })}` : ''}
        {data.status === 'completed' ? ` · ${t('duplicates.groupsFound', { count: data.groupsFound, formatted: fmt.number(data.groupsFound) })}` : ''}
      </Text>
      {data.error ? <Text c="red" size="sm">{data.error}</Text> : null}
      {data.status === 'completed' && object ? <GroupList jobId={jobId} object={object} objects={objects} /> : null}
    </Stack>
  )
}

function GroupList({ jobId, object, objects }: { jobId: string; object: ObjectDescription; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [mergeIds, setMergeIds] = useState<string[] | null>(null)
  const groups = useInfiniteQuery({
    queryKey: ['duplicates', 'groups', jobId],
    queryFn: ({ pageParam, signal }) => listDuplicateGroups(jobId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.page.hasMore ? last.page.nextCursor : undefined),
  })
  const dismiss = useMutation({
    mutationFn: (groupId: string) => dismissDuplicateGroup(groupId),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['duplicates', 'groups', jobId] }),
  })
  const all = useMemo(() => groups.data?.pages.flatMap((p) => p.data) ?? [], [groups.data])
  if (groups.isPending) return <Center role="status"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (groups.isError) return <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
  if (all.length === 0) return <Text c="dimmed">{t('duplicates.noGroups')}</Text>
  return (
    <Stack gap="sm">
      <Stack gap="sm" component="ul" className="plain-list" aria-label={t('duplicates.groupsLabel')}>
        {all.map((group) => (
          <GroupCard key={group.id} group={group} object={object} dismissing={dismiss.isPending && dismiss.variables === group.id}
            onMerge={() => setMergeIds(group.records.map((r) => r.id))} onDismiss={() => dismiss.mutate(group.id)} />
        ))}
      </Stack>
      {groups.hasNextPage ? <Button variant="default" onClick={() => void groups.fetchNextPage()} loading={groups.isFetchingNextPage}>{t('duplicates.loadMore')}</Button> : null}
      <MergeDialog object={object} objects={objects} ids={mergeIds} onClose={() => setMergeIds(null)} onMerged={() => setMergeIds(null)} />
    </Stack>
  )
}

function GroupCard({ group, object, dismissing, onMerge, onDismiss }: {
  group: DuplicateGroup<ApiRecord>; object: ObjectDescription; dismissing: boolean; onMerge: () => void; onDismiss: () => void
}) {
  const { t, i18n } = useTranslation()
  const percent = new Intl.NumberFormat(intlLocaleOf(i18n.language), { style: 'percent', maximumFractionDigits: 0 })
  const title = (r: ApiRecord) => recordTitle(object, r) || t('records.untitled')
  return (
    <li className="duplicate-group" data-rule={group.rule}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="light">{t(`duplicates.rule.${group.rule}`)}</Badge>
          <Text size="sm" c="dimmed">{t('duplicates.score', { score: percent.format(group.score) })}</Text>
          <Text size="sm" c="dimmed" className="duplicate-key"><bdi dir={group.rule === 'name' ? undefined : 'ltr'}>{group.matchKey}</bdi></Text>
        </Group>
        <ul className="duplicate-records">
          {group.records.map((r) => <li key={r.id}><Anchor size="sm" {...linkProps(recordPath(object.apiName, r.id))}><bdi>{title(r)}</bdi></Anchor></li>)}
        </ul>
        <Group gap="xs">
          <Button size="xs" onClick={onMerge} aria-label={t('duplicates.mergeGroup', { names: group.records.map(title).join(', ') })}>{t('duplicates.merge.open')}</Button>
          <Button size="xs" variant="subtle" loading={dismissing} onClick={onDismiss}>{t('duplicates.dismiss')}</Button>
        </Group>
      </Stack>
    </li>
  )
}
