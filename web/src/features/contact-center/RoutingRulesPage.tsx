/**
 * Routing rules (/contact-center/routing): the ordered list the router walks for every queued
 * call — a condition on the dialled number, the IVR choice or a field of the caller's record
 * (ABC class, RFM segment…) gives a queue (first matching rule with one wins) and a priority
 * boost (boosts of all matching rules add up). Rules are reordered with move up/down (saved as
 * one order, optimistic), switched on and off, edited and deleted.
 */
import { ActionIcon, Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createRule, deleteRule, listQueues, listRules, reorderRules, updateRule, type AcdQueueConfig, type AcdRule, type RuleBody } from '../../api/acd.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor, intlLocaleOf } from '../../i18n/format.js'
import { ACD_KEYS, intOf, otherProblems, problemAt, problemUnder } from './acd-shared.js'
import { splitList } from './CommaInput.js'
import './acd.css'
import { AcdDialogFooter } from './AcdDialogFooter.js'

/** Person fields that usually carry a customer's value class (suggestions; any field name works). */
const VALUE_FIELDS = ['abcClass', 'rfmSegment', 'valueClass', 'customerClass', 'segment']
const POSITION_STEP = 10

interface Draft { name: string; dialledNumber: string; ivrChoice: string; field: string; values: string; queueId: string; priorityBoost: string; enabled: boolean }

const draftOf = (rule: AcdRule | null): Draft => ({
  name: rule?.name ?? '', dialledNumber: rule?.match.dialledNumber ?? '', ivrChoice: rule?.match.ivrChoice ?? '',
  field: rule?.match.personField?.field ?? '', values: rule?.match.personField?.values.join(', ') ?? '',
  queueId: rule?.queueId ?? '', priorityBoost: String(rule?.priorityBoost ?? 0), enabled: rule?.enabled ?? true,
})

function bodyOf(draft: Draft, position: number): RuleBody {
  const match: RuleBody['match'] = {}
  if (draft.dialledNumber.trim()) match.dialledNumber = draft.dialledNumber.trim()
  if (draft.ivrChoice.trim()) match.ivrChoice = draft.ivrChoice.trim()
  if (draft.field.trim()) match.personField = { field: draft.field.trim(), values: splitList(draft.values) }
  return { name: draft.name, match, queueId: draft.queueId || null, priorityBoost: intOf(draft.priorityBoost) ?? 0, enabled: draft.enabled, position }
}

const ruleBody = (rule: AcdRule, patch: Partial<RuleBody> = {}): RuleBody =>
  ({ name: rule.name, match: rule.match, queueId: rule.queueId, priorityBoost: rule.priorityBoost, enabled: rule.enabled, position: rule.position, ...patch })

const SHOWN = /^\/(name|match|queueId|priorityBoost|match\/(dialledNumber|ivrChoice|personField(\/field|\/values(\/\d+)?)?))$/

function RuleDialog({ rule, position, queues, onClose }: { rule: AcdRule | null; position: number; queues: AcdQueueConfig[]; onClose: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [draft, setDraft] = useState(() => draftOf(rule))
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const save = useMutation({
    mutationFn: () => (rule ? updateRule(rule.id, bodyOf(draft, rule.position)) : createRule(bodyOf(draft, position))),
    meta: { handlesOwnErrors: true },
    onSuccess: () => { void client.invalidateQueries({ queryKey: ACD_KEYS.rules }); onClose() },
  })
  const problem = (pointer: string) => problemAt(save.error, pointer)
  const general = otherProblems(save.error, (pointer) => SHOWN.test(pointer))
  const valuesProblem = problemUnder(save.error, '/match/personField/values')
  return (
    <Modal opened onClose={onClose} size="lg" title={rule ? t('acdadmin.rules.editTitle', { name: rule.name }) : t('acdadmin.rules.newTitle')}>
      <form noValidate onSubmit={(event) => { event.preventDefault(); save.mutate() }}>
        <Stack gap="sm">
          <TextInput required data-autofocus label={t('acdadmin.rules.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={problem('/name')} />
          <Text fw={600} size="sm" component="h3" m={0}>{t('acdadmin.rules.when')}</Text>
          <Text size="xs" c="dimmed">{t('acdadmin.rules.whenHint')}</Text>
          {problem('/match') ? <Text c="red" size="sm" role="alert">{t('acdadmin.rules.needCondition')}</Text> : null}
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput label={t('acdadmin.rules.dialledNumber')} dir="ltr" inputMode="tel" value={draft.dialledNumber} placeholder="+3705…"
              onChange={(e) => set('dialledNumber', e.currentTarget.value)} error={problem('/match/dialledNumber')} />
            <TextInput label={t('acdadmin.rules.ivrChoice')} value={draft.ivrChoice} onChange={(e) => set('ivrChoice', e.currentTarget.value)} error={problem('/match/ivrChoice')} />
            <TextInput label={t('acdadmin.rules.customerField')} description={t('acdadmin.rules.customerFieldHint')} dir="ltr" list="acd-value-fields" value={draft.field}
              onChange={(e) => set('field', e.currentTarget.value)} error={problem('/match/personField/field') ?? problem('/match/personField')} />
            <TextInput label={t('acdadmin.rules.values')} description={t('acdadmin.rules.valuesHint')} value={draft.values} disabled={!draft.field.trim()}
              onChange={(e) => set('values', e.currentTarget.value)} error={valuesProblem} />
          </SimpleGrid>
          <datalist id="acd-value-fields">{VALUE_FIELDS.map((field) => <option key={field} value={field} />)}</datalist>
          <Text fw={600} size="sm" component="h3" m={0}>{t('acdadmin.rules.then')}</Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <NativeSelect label={t('acdadmin.rules.queue')} value={draft.queueId} onChange={(e) => set('queueId', e.currentTarget.value)} error={problem('/queueId')}
              data={[{ value: '', label: t('acdadmin.rules.keepQueue') }, ...queues.map((q) => ({ value: q.id, label: q.name }))]} />
            <TextInput type="number" inputMode="numeric" min={-100} max={100} label={t('acdadmin.rules.boost')} description={t('acdadmin.rules.boostHint')}
              value={draft.priorityBoost} onChange={(e) => set('priorityBoost', e.currentTarget.value)} error={problem('/priorityBoost')} />
          </SimpleGrid>
          <Switch label={t('acdadmin.rules.enabled')} checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <AcdDialogFooter problems={general} saving={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  )
}

/** The rule's condition in words: "number +3705… and ABC class in A, B". */
function useConditionText() {
  const { t } = useTranslation()
  return (rule: AcdRule) => {
    const parts: string[] = []
    // A phone number stays left-to-right inside a Persian sentence (Unicode isolate marks).
    if (rule.match.dialledNumber) parts.push(t('acdadmin.rules.ifNumber', { number: `\u2066${rule.match.dialledNumber}\u2069` }))
    if (rule.match.ivrChoice) parts.push(t('acdadmin.rules.ifIvr', { choice: rule.match.ivrChoice }))
    if (rule.match.personField) parts.push(t('acdadmin.rules.ifField', { field: rule.match.personField.field, values: rule.match.personField.values.join(', ') }))
    return parts.join(t('acdadmin.rules.and'))
  }
}

export function RoutingRulesPage() {
  const { t, i18n } = useTranslation()
  const n = formattersFor(i18n.language).number
  const signed = useMemo(() => new Intl.NumberFormat(intlLocaleOf(i18n.language), { signDisplay: 'exceptZero' }).format, [i18n.language])
  const client = useQueryClient()
  const rules = useQuery({ queryKey: ACD_KEYS.rules, queryFn: ({ signal }) => listRules(signal) })
  const queues = useQuery({ queryKey: ACD_KEYS.queues, queryFn: ({ signal }) => listQueues(signal) })
  const [editing, setEditing] = useState<AcdRule | 'new' | null>(null)
  const condition = useConditionText()
  const queueName = (id: string | null) => (id ? queues.data?.find((q) => q.id === id)?.name ?? id : null)

  /** Optimistic list change with a rollback to the list as it was if the server refuses. */
  const optimistic = async (next: (list: AcdRule[]) => AcdRule[]) => {
    await client.cancelQueries({ queryKey: ACD_KEYS.rules })
    const before = client.getQueryData<AcdRule[]>(ACD_KEYS.rules)
    client.setQueryData<AcdRule[]>(ACD_KEYS.rules, (list) => (list ? next(list) : list))
    return { before }
  }
  const rollback = (_error: unknown, _vars: unknown, context: { before?: AcdRule[] } | undefined) => client.setQueryData(ACD_KEYS.rules, context?.before)
  const settle = () => client.invalidateQueries({ queryKey: ACD_KEYS.rules })

  const reorder = useMutation({
    mutationFn: (ids: string[]) => reorderRules(ids),
    onMutate: (ids) => optimistic((list) => ids.map((id, i) => ({ ...list.find((r) => r.id === id)!, position: i * POSITION_STEP }))),
    onError: rollback, onSettled: settle,
  })
  const toggle = useMutation({
    mutationFn: (rule: AcdRule) => updateRule(rule.id, ruleBody(rule, { enabled: !rule.enabled })),
    onMutate: (rule) => optimistic((list) => list.map((r) => (r.id === rule.id ? { ...r, enabled: !rule.enabled } : r))),
    onError: rollback, onSettled: settle,
  })
  const remove = useMutation({
    mutationFn: (rule: AcdRule) => deleteRule(rule.id),
    onMutate: (rule) => optimistic((list) => list.filter((r) => r.id !== rule.id)),
    onError: rollback, onSettled: settle,
  })
  const move = (index: number, delta: number) => {
    const ids = (rules.data ?? []).map((r) => r.id)
    const [id] = ids.splice(index, 1)
    ids.splice(index + delta, 0, id!)
    reorder.mutate(ids)
  }
  const nextPosition = (rules.data ?? []).reduce((max, r) => Math.max(max, r.position + POSITION_STEP), 0)

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h3">{t('acdadmin.rules.title')}</Title>
        <Button onClick={() => setEditing('new')} disabled={!rules.data || !queues.data}>{t('acdadmin.rules.new')}</Button>
      </Group>
      <Text size="sm" c="dimmed">{t('acdadmin.rules.intro')}</Text>
      {rules.isPending ? <Text c="dimmed" role="status">{t('app.loading')}</Text> : null}
      {rules.isError ? <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      {rules.data?.length === 0 ? <Text c="dimmed">{t('acdadmin.rules.empty')}</Text> : null}
      <ol className="acd-list" aria-label={t('acdadmin.rules.title')}>
        {rules.data?.map((rule, index) => (
          <li key={rule.id}>
            <Paper withBorder p="sm" component="section" aria-labelledby={`rule-${rule.id}`} data-rule={rule.name} data-enabled={rule.enabled} style={{ opacity: rule.enabled ? 1 : 0.7 }}>
              <div className="acd-row">
                <Stack gap={4} miw={0}>
                  <Group gap="xs">
                    <Badge variant="outline" size="sm" aria-label={t('acdadmin.rules.order', { n: n(index + 1) })}>{n(index + 1)}</Badge>
                    <Title order={2} size="h5" id={`rule-${rule.id}`}><bdi>{rule.name}</bdi></Title>
                    {rule.enabled ? null : <Badge color="gray" size="sm">{t('acdadmin.rules.off')}</Badge>}
                  </Group>
                  <Text size="sm"><bdi>{condition(rule)}</bdi></Text>
                  <Text size="sm" c="dimmed">
                    {queueName(rule.queueId) ? t('acdadmin.rules.toQueue', { queue: queueName(rule.queueId) }) : t('acdadmin.rules.noQueue')}
                    {rule.priorityBoost ? ` · ${t('acdadmin.rules.boostFact', { boost: signed(rule.priorityBoost) })}` : ''}
                  </Text>
                </Stack>
                <Group gap={6} wrap="wrap">
                  <Switch size="sm" checked={rule.enabled} onChange={() => toggle.mutate(rule)} label={t('acdadmin.rules.enabled')}
                    aria-label={t('acdadmin.rules.enableNamed', { name: rule.name })} />
                  <ActionIcon variant="default" disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)} aria-label={t('acdadmin.rules.moveUp', { name: rule.name })}>↑</ActionIcon>
                  <ActionIcon variant="default" disabled={index === (rules.data?.length ?? 0) - 1 || reorder.isPending} onClick={() => move(index, 1)}
                    aria-label={t('acdadmin.rules.moveDown', { name: rule.name })}>↓</ActionIcon>
                  <Button size="xs" variant="light" onClick={() => setEditing(rule)} aria-label={t('acdadmin.editNamed', { name: rule.name })}>{t('acdadmin.edit')}</Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(rule)} aria-label={t('acdadmin.deleteNamed', { name: rule.name })}>{t('acdadmin.delete')}</Button>
                </Group>
              </div>
            </Paper>
          </li>
        ))}
      </ol>
      {editing && queues.data ? (
        <RuleDialog key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? null : editing} position={nextPosition} queues={queues.data} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  )
}
