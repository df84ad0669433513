/**
 * ACD queues (/contact-center/queues): the list with each queue's service level, priority,
 * skill requirements and overflow; a dialog creates or edits one (requirements, relaxation steps,
 * overflow target and timeout, callbacks). The server validates the whole queue (unknown skills,
 * overflow loops); its problems appear under the inputs they name.
 */
import { Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createQueue, deleteQueue, listQueues, listSkills, updateQueue, type AcdQueueConfig, type AcdSkill, type QueueBody } from '../../api/acd.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { ACD_KEYS, intOf, otherProblems, problemAt } from './acd-shared.js'
import { LevelSelect } from './LevelSelect.js'
import './acd.css'
import { AcdDialogFooter } from './AcdDialogFooter.js'

interface StepDraft { afterSeconds: string; skill: string; minLevel: string }
interface Draft {
  name: string; priority: string; serviceLevelSeconds: string
  requirements: { skill: string; minLevel: string }[]
  overflowQueueId: string; overflowAfter: string
  relaxation: StepDraft[]
  callbacks: boolean; callbackAfter: string
}

const draftOf = (queue: AcdQueueConfig | null): Draft => ({
  name: queue?.name ?? '', priority: String(queue?.priority ?? 0), serviceLevelSeconds: String(queue?.serviceLevelSeconds ?? 20),
  requirements: (queue?.requirements ?? []).map((r) => ({ skill: r.skill, minLevel: String(r.minLevel) })),
  overflowQueueId: queue?.overflow?.queueId ?? '', overflowAfter: String(queue?.overflow?.afterSeconds ?? 60),
  relaxation: (queue?.relaxation ?? []).map((s) => ({ afterSeconds: String(s.afterSeconds), skill: s.skill, minLevel: s.minLevel === null ? '' : String(s.minLevel) })),
  callbacks: queue?.callbackAfterSeconds != null, callbackAfter: String(queue?.callbackAfterSeconds ?? 120),
})

/** The body as typed: numbers the user left empty or garbled go as NaN-free undefined/0 so the server names the field. */
function bodyOf(draft: Draft): QueueBody {
  return {
    name: draft.name, priority: intOf(draft.priority) ?? 0, serviceLevelSeconds: intOf(draft.serviceLevelSeconds) ?? 0,
    requirements: draft.requirements.map((r) => ({ skill: r.skill, minLevel: intOf(r.minLevel) ?? 0 })),
    overflow: draft.overflowQueueId ? { queueId: draft.overflowQueueId, afterSeconds: intOf(draft.overflowAfter) ?? 0 } : null,
    relaxation: draft.relaxation.map((s) => ({ afterSeconds: intOf(s.afterSeconds) ?? 0, skill: s.skill, minLevel: s.minLevel === '' ? null : (intOf(s.minLevel) ?? 0) })),
    callbackAfterSeconds: draft.callbacks ? (intOf(draft.callbackAfter) ?? 0) : null,
  }
}

const SHOWN = /^\/(name|priority|serviceLevelSeconds|overflow(\/queueId|\/afterSeconds)?|callbackAfterSeconds|requirements\/\d+\/(skill|minLevel)|relaxation\/\d+\/(skill|minLevel|afterSeconds))$/

function QueueDialog({ queue, queues, skills, onClose }: { queue: AcdQueueConfig | null; queues: AcdQueueConfig[]; skills: AcdSkill[]; onClose: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [draft, setDraft] = useState(() => draftOf(queue))
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const save = useMutation({
    mutationFn: () => (queue ? updateQueue(queue.id, bodyOf(draft)) : createQueue(bodyOf(draft))),
    meta: { handlesOwnErrors: true },
    onSuccess: () => { void client.invalidateQueries({ queryKey: ACD_KEYS.queues }); onClose() },
  })
  const problem = (pointer: string) => problemAt(save.error, pointer)
  const general = otherProblems(save.error, (pointer) => SHOWN.test(pointer))
  const skillOptions = [{ value: '', label: t('acdadmin.queues.pickSkill') }, ...skills.map((s) => ({ value: s.key, label: s.name }))]
  const targets = [{ value: '', label: t('acdadmin.queues.noOverflow') }, ...queues.filter((q) => q.id !== queue?.id).map((q) => ({ value: q.id, label: q.name }))]
  const setRequirement = (i: number, patch: Partial<Draft['requirements'][number]>) =>
    set('requirements', draft.requirements.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const setStep = (i: number, patch: Partial<StepDraft>) => set('relaxation', draft.relaxation.map((s, j) => (j === i ? { ...s, ...patch } : s)))

  return (
    <Modal opened onClose={onClose} size="lg" title={queue ? t('acdadmin.queues.editTitle', { name: queue.name }) : t('acdadmin.queues.newTitle')}>
      <form noValidate onSubmit={(event) => { event.preventDefault(); save.mutate() }}>
        <Stack gap="sm">
          <TextInput required data-autofocus label={t('acdadmin.queues.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={problem('/name')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput type="number" inputMode="numeric" min={1} label={t('acdadmin.queues.serviceLevel')} description={t('acdadmin.queues.serviceLevelHint')}
              value={draft.serviceLevelSeconds} onChange={(e) => set('serviceLevelSeconds', e.currentTarget.value)} error={problem('/serviceLevelSeconds')} />
            <TextInput type="number" inputMode="numeric" min={0} max={100} label={t('acdadmin.queues.priority')} description={t('acdadmin.queues.priorityHint')}
              value={draft.priority} onChange={(e) => set('priority', e.currentTarget.value)} error={problem('/priority')} />
          </SimpleGrid>

          <Text fw={600} size="sm" component="h3" m={0}>{t('acdadmin.queues.requirements')}</Text>
          {draft.requirements.length === 0 ? <Text size="sm" c="dimmed">{t('acdadmin.queues.noRequirements')}</Text> : null}
          {draft.requirements.map((r, i) => (
            <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
              <NativeSelect style={{ flex: 1, minWidth: 0 }} label={t('acdadmin.queues.skill')} data={skillOptions} value={r.skill}
                onChange={(e) => setRequirement(i, { skill: e.currentTarget.value })} error={problem(`/requirements/${i}/skill`)} />
              <LevelSelect label={t('acdadmin.queues.minLevel')} value={r.minLevel} onChange={(minLevel) => setRequirement(i, { minLevel })} error={problem(`/requirements/${i}/minLevel`)} />
              <Button variant="subtle" color="red" aria-label={t('acdadmin.queues.removeRequirement', { n: i + 1 })}
                onClick={() => set('requirements', draft.requirements.filter((_, j) => j !== i))}>✕</Button>
            </Group>
          ))}
          <Button variant="light" size="xs" w="fit-content" disabled={skills.length === 0}
            onClick={() => set('requirements', [...draft.requirements, { skill: skills[0]?.key ?? '', minLevel: '1' }])}>{t('acdadmin.queues.addRequirement')}</Button>

          <Text fw={600} size="sm" component="h3" m={0}>{t('acdadmin.queues.relaxation')}</Text>
          <Text size="xs" c="dimmed">{t('acdadmin.queues.relaxationHint')}</Text>
          {draft.relaxation.map((s, i) => (
            <div key={i} className="acd-steps">
              <TextInput type="number" inputMode="numeric" min={1} label={t('acdadmin.queues.afterSeconds')} value={s.afterSeconds}
                onChange={(e) => setStep(i, { afterSeconds: e.currentTarget.value })} error={problem(`/relaxation/${i}/afterSeconds`)} />
              <NativeSelect label={t('acdadmin.queues.skill')} data={skillOptions} value={s.skill} onChange={(e) => setStep(i, { skill: e.currentTarget.value })} error={problem(`/relaxation/${i}/skill`)} />
              <LevelSelect label={t('acdadmin.queues.relaxTo')} value={s.minLevel} emptyLabel={t('acdadmin.queues.dropRequirement')}
                onChange={(minLevel) => setStep(i, { minLevel })} error={problem(`/relaxation/${i}/minLevel`)} />
              <Button variant="subtle" color="red" aria-label={t('acdadmin.queues.removeStep', { n: i + 1 })}
                onClick={() => set('relaxation', draft.relaxation.filter((_, j) => j !== i))}>✕</Button>
            </div>
          ))}
          <Button variant="light" size="xs" w="fit-content" disabled={skills.length === 0}
            onClick={() => set('relaxation', [...draft.relaxation, { afterSeconds: '30', skill: draft.requirements[0]?.skill ?? skills[0]?.key ?? '', minLevel: '' }])}>
            {t('acdadmin.queues.addStep')}
          </Button>

          <Text fw={600} size="sm" component="h3" m={0}>{t('acdadmin.queues.overflow')}</Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NativeSelect label={t('acdadmin.queues.overflowTarget')} data={targets} value={draft.overflowQueueId}
              onChange={(e) => set('overflowQueueId', e.currentTarget.value)} error={problem('/overflow/queueId') ?? problem('/overflow')} />
            <TextInput type="number" inputMode="numeric" min={1} label={t('acdadmin.queues.overflowAfter')} disabled={!draft.overflowQueueId}
              value={draft.overflowAfter} onChange={(e) => set('overflowAfter', e.currentTarget.value)} error={problem('/overflow/afterSeconds')} />
          </SimpleGrid>

          <Checkbox label={t('acdadmin.queues.callbacks')} checked={draft.callbacks} onChange={(e) => set('callbacks', e.currentTarget.checked)} />
          {draft.callbacks ? (
            <TextInput type="number" inputMode="numeric" min={1} label={t('acdadmin.queues.callbackAfter')} value={draft.callbackAfter}
              onChange={(e) => set('callbackAfter', e.currentTarget.value)} error={problem('/callbackAfterSeconds')} />
          ) : null}

          <AcdDialogFooter problems={general} saving={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  )
}

function QueueCard({ queue, queues, skills, onEdit, onDelete }: { queue: AcdQueueConfig; queues: AcdQueueConfig[]; skills: AcdSkill[]; onEdit: () => void; onDelete: () => void }) {
  const { t, i18n } = useTranslation()
  const n = formattersFor(i18n.language).number
  const skillName = (key: string) => skills.find((s) => s.key === key)?.name ?? key
  const overflow = queue.overflow ? queues.find((q) => q.id === queue.overflow?.queueId)?.name ?? queue.overflow.queueId : null
  const facts: [string, string, string][] = [
    ['sl', t('acdadmin.queues.serviceLevel'), t('acdadmin.seconds', { count: queue.serviceLevelSeconds, formatted: n(queue.serviceLevelSeconds) })],
    ['priority', t('acdadmin.queues.priority'), n(queue.priority)],
    ['requirements', t('acdadmin.queues.requirements'), queue.requirements.length ? queue.requirements.map((r) => `${skillName(r.skill)} ≥ ${n(r.minLevel)}`).join(', ') : t('acdadmin.queues.anyAgent')],
    ['overflow', t('acdadmin.queues.overflow'), overflow ? t('acdadmin.queues.overflowFact', { queue: overflow, seconds: n(queue.overflow!.afterSeconds) }) : t('acdadmin.none')],
    ['callbacks', t('acdadmin.queues.callbacksShort'), queue.callbackAfterSeconds === null ? t('acdadmin.none') : t('acdadmin.seconds', { count: queue.callbackAfterSeconds, formatted: n(queue.callbackAfterSeconds) })],
  ]
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`queue-${queue.id}`} data-queue={queue.name}>
      <div className="acd-row">
        <Stack gap={4} miw={0}>
          <Group gap="xs"><Title order={2} size="h5" id={`queue-${queue.id}`}><bdi>{queue.name}</bdi></Title>
            {queue.relaxation.length ? <Badge variant="light" size="sm">{t('acdadmin.queues.steps', { count: queue.relaxation.length, formatted: n(queue.relaxation.length) })}</Badge> : null}</Group>
          <dl className="acd-facts">
            {facts.map(([key, label, value]) => <div key={key} data-fact={key}><dt>{label}</dt><dd><bdi>{value}</bdi></dd></div>)}
          </dl>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" onClick={onEdit} aria-label={t('acdadmin.editNamed', { name: queue.name })}>{t('acdadmin.edit')}</Button>
          <Button size="xs" variant="subtle" color="red" onClick={onDelete} aria-label={t('acdadmin.deleteNamed', { name: queue.name })}>{t('acdadmin.delete')}</Button>
        </Group>
      </div>
    </Paper>
  )
}

export function QueuesPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const queues = useQuery({ queryKey: ACD_KEYS.queues, queryFn: ({ signal }) => listQueues(signal) })
  const skills = useQuery({ queryKey: ACD_KEYS.skills, queryFn: ({ signal }) => listSkills(signal) })
  const [editing, setEditing] = useState<AcdQueueConfig | 'new' | null>(null)
  const [deleting, setDeleting] = useState<AcdQueueConfig | null>(null)
  const remove = useMutation({
    mutationFn: (queue: AcdQueueConfig) => deleteQueue(queue.id),
    onSettled: () => { setDeleting(null); void client.invalidateQueries({ queryKey: ACD_KEYS.queues }) },
  })

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h3">{t('acdadmin.queues.title')}</Title>
        <Button onClick={() => setEditing('new')} disabled={!queues.data}>{t('acdadmin.queues.new')}</Button>
      </Group>
      {queues.isPending ? <Text c="dimmed" role="status">{t('app.loading')}</Text> : null}
      {queues.isError ? <ErrorAlert error={queues.error} onRetry={() => void queues.refetch()} /> : null}
      {queues.data?.length === 0 ? <Text c="dimmed">{t('acdadmin.queues.empty')}</Text> : null}
      <ul className="acd-list" aria-label={t('acdadmin.queues.title')}>
        {queues.data?.map((queue) => (
          <li key={queue.id}>
            <QueueCard queue={queue} queues={queues.data} skills={skills.data ?? []} onEdit={() => setEditing(queue)} onDelete={() => setDeleting(queue)} />
          </li>
        ))}
      </ul>
      {editing && queues.data ? (
        <QueueDialog key={editing === 'new' ? 'new' : editing.id} queue={editing === 'new' ? null : editing} queues={queues.data} skills={skills.data ?? []} onClose={() => setEditing(null)} />
      ) : null}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('acdadmin.queues.deleteTitle')}>
        <Stack gap="sm">
          <Text>{t('acdadmin.queues.deleteConfirm', { name: deleting?.name ?? '' })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setDeleting(null)}>{t('acdadmin.cancel')}</Button>
            <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate(deleting)}>{t('acdadmin.delete')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
