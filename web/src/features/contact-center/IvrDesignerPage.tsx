/**
 * The IVR designer (/contact-center/ivr): flows on the side, the selected flow's nodes as a
 * nested list of forms, the server's validation problems shown on the node they name, save
 * (draft), publish (a new immutable version) and the "test with digits" panel.
 */
import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  createIvrFlow, listIvrFlows, publishIvrFlow, updateIvrFlow, type IvrDefinition, type IvrFlow, type IvrNode, type IvrNodeType,
} from '../../api/contact-center.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { freshId, graphProblemsOf } from './graph-problems.js'
import { IvrNodeForm } from './IvrNodeForm.js'
import { IvrTestPanel } from './IvrTestPanel.js'
import './contact-center.css'

const NODE_TYPES: IvrNodeType[] = ['prompt', 'menu', 'hours', 'lookup', 'queue', 'voicemail', 'hangup']
const LANGS = ['en', 'ru', 'fa', 'lt'] as const
const FLOWS_KEY = ['contact-center', 'ivr-flows']

function starterFlow(language: string): IvrDefinition {
  const lang = (LANGS as readonly string[]).includes(language) ? language : 'en'
  return {
    start: 'welcome', languages: [lang as (typeof LANGS)[number]], timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    nodes: {
      welcome: { type: 'menu', prompt: { text: { [lang]: '' } }, choices: { 1: 'support' } },
      support: { type: 'queue', queue: 'support', skills: [] },
    },
  }
}

function blankNode(type: IvrNodeType): IvrNode {
  const prompt = { text: {} }
  switch (type) {
    case 'prompt': return { type, prompt }
    case 'menu': return { type, prompt, choices: {} }
    case 'hours': return { type, weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } }
    case 'lookup': return { type, prompt, object: 'orders', matchField: 'orderNumber', answerFields: ['status'] }
    case 'queue': return { type, queue: 'support', skills: [] }
    case 'voicemail': return { type, mode: 'voicemail' }
    case 'hangup': return { type }
  }
}

function FlowEditor({ flow, onSaved }: { flow: IvrFlow | null; onSaved: (flow: IvrFlow) => void }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const [name, setName] = useState(flow?.name ?? '')
  const [definition, setDefinition] = useState<IvrDefinition>(flow?.definition ?? starterFlow(i18n.language))
  const [newType, setNewType] = useState<IvrNodeType>('prompt')
  const [published, setPublished] = useState<number | null>(null)
  const editable = flow?.editable ?? true
  const save = useMutation({
    mutationFn: () => (flow ? updateIvrFlow(flow.id, flow.revision, { name, definition }) : createIvrFlow({ name, definition })),
    meta: { handlesOwnErrors: true },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: FLOWS_KEY })
      onSaved(saved)
    },
  })
  const publish = useMutation({
    mutationFn: () => publishIvrFlow(flow!.id),
    onSuccess: (version) => {
      setPublished(version.version)
      void queryClient.invalidateQueries({ queryKey: FLOWS_KEY })
    },
  })
  const problems = graphProblemsOf(save.error)
  const nodeIds = Object.keys(definition.nodes)
  const setNode = (id: string, node: IvrNode) => setDefinition({ ...definition, nodes: { ...definition.nodes, [id]: node } })
  const removeNode = (id: string) => setDefinition({ ...definition, nodes: Object.fromEntries(Object.entries(definition.nodes).filter(([key]) => key !== id)) })

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <form onSubmit={(event) => { event.preventDefault(); save.mutate() }}>
          <Stack gap="sm">
            <TextInput required label={t('contactCenter.ivr.flowName')} value={name} onChange={(event) => setName(event.currentTarget.value)} readOnly={!editable} />
            <Checkbox.Group label={t('contactCenter.ivr.languages')} value={definition.languages}
              onChange={(value) => setDefinition({ ...definition, languages: LANGS.filter((lang) => value.includes(lang)) })}>
              <Group gap="md" mt={4}>{LANGS.map((lang) => <Checkbox key={lang} value={lang} label={t(`contactCenter.languages.${lang}`)} />)}</Group>
            </Checkbox.Group>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t('contactCenter.ivr.timeZone')} value={definition.timeZone} dir="ltr" onChange={(event) => setDefinition({ ...definition, timeZone: event.currentTarget.value })} miw={200} />
              <NativeSelect label={t('contactCenter.ivr.start')} value={definition.start} data={nodeIds} miw={200}
                onChange={(event) => setDefinition({ ...definition, start: event.currentTarget.value })} />
            </Group>
            {problems.general.length > 0 ? <Alert color="red" role="alert" title={t('contactCenter.ivr.problems')}>{problems.general.join(' · ')}</Alert> : null}
            {problems.byNode.size > 0 ? (
              <Alert color="red" role="alert" title={t('contactCenter.ivr.problemCount', { count: [...problems.byNode.values()].flat().length })}>
                {t('contactCenter.ivr.problemHint')}
              </Alert>
            ) : null}
            {editable ? (
              <Group gap="sm">
                <Button type="submit" loading={save.isPending}>{t('contactCenter.save')}</Button>
                {flow ? (
                  <Button variant="light" loading={publish.isPending} disabled={save.isPending || !flow.draftChanged} onClick={() => publish.mutate()}>
                    {t('contactCenter.ivr.publish')}
                  </Button>
                ) : null}
                {flow?.publishedVersion ? <Badge variant="light" color="green">{t('contactCenter.ivr.versionN', { version: flow.publishedVersion })}</Badge> : null}
                {flow && flow.draftChanged ? <Badge variant="light" color="yellow">{t('contactCenter.ivr.unpublished')}</Badge> : null}
              </Group>
            ) : <Text size="sm" c="dimmed">{t('contactCenter.readOnly')}</Text>}
            {published ? <Text size="sm" role="status" c="green">{t('contactCenter.ivr.publishedAs', { version: published })}</Text> : null}
          </Stack>
        </form>
      </Paper>

      <Stack gap="sm" component="ol" className="cc-list" aria-label={t('contactCenter.ivr.nodes')}>
        {Object.entries(definition.nodes).map(([id, node]) => {
          const nodeProblems = problems.byNode.get(id) ?? []
          return (
            <li key={id}>
              <Paper withBorder p="sm" className="cc-node" data-invalid={nodeProblems.length > 0} data-start={definition.start === id} aria-label={t('contactCenter.ivr.nodeLabel', { id })}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap="xs" wrap="wrap">
                      <Text fw={700}><bdi>{id}</bdi></Text>
                      <Badge variant="light">{t(`contactCenter.ivr.types.${node.type}`)}</Badge>
                      {definition.start === id ? <Badge variant="light" color="green">{t('contactCenter.ivr.startBadge')}</Badge> : null}
                    </Group>
                    {editable && definition.start !== id ? (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => removeNode(id)} aria-label={t('contactCenter.ivr.removeNode', { id })}>
                        {t('contactCenter.remove')}
                      </Button>
                    ) : null}
                  </Group>
                  {nodeProblems.map((problem) => <Alert key={problem} color="red" variant="light" p="xs" role="alert"><bdi>{problem}</bdi></Alert>)}
                  <IvrNodeForm node={node} nodeIds={nodeIds} languages={definition.languages} onChange={(next) => setNode(id, next)} />
                </Stack>
              </Paper>
            </li>
          )
        })}
      </Stack>
      {editable ? (
        <Group gap="sm" align="flex-end">
          <NativeSelect label={t('contactCenter.ivr.newNodeType')} value={newType} onChange={(event) => setNewType(event.currentTarget.value as IvrNodeType)}
            data={NODE_TYPES.map((type) => ({ value: type, label: t(`contactCenter.ivr.types.${type}`) }))} />
          <Button variant="light" onClick={() => setNode(freshId(newType, definition.nodes), blankNode(newType))}>{t('contactCenter.ivr.addNode')}</Button>
        </Group>
      ) : null}
      {flow ? <IvrTestPanel key={`${flow.id}/${flow.publishedVersion}`} flow={flow} /> : null}
    </Stack>
  )
}

export function IvrDesignerPage() {
  const { t } = useTranslation()
  const flows = useQuery({ queryKey: FLOWS_KEY, queryFn: ({ signal }) => listIvrFlows(signal) })
  const [selected, setSelected] = useState<string | 'new' | null>(null)
  const current = flows.data?.find((flow) => flow.id === selected) ?? null
  const canCreate = flows.data?.every((flow) => flow.editable) ?? false

  return (
    <Stack gap="md">
      <Title order={1} size="h3">{t('contactCenter.ivr.title')}</Title>
      <div className="cc-layout">
        <Paper withBorder p="xs" component="nav" aria-label={t('contactCenter.ivr.flows')}>
          <Stack gap="xs">
            {flows.isPending ? <Text size="sm" c="dimmed" role="status">{t('app.loading')}</Text> : null}
            {flows.isError ? <ErrorAlert error={flows.error} onRetry={() => void flows.refetch()} /> : null}
            {flows.data?.length === 0 ? <Text size="sm" c="dimmed">{t('contactCenter.ivr.empty')}</Text> : null}
            <ul className="cc-list">
              {flows.data?.map((flow) => (
                <li key={flow.id}>
                  <Button variant={selected === flow.id ? 'light' : 'subtle'} fullWidth justify="space-between" onClick={() => setSelected(flow.id)}
                    aria-current={selected === flow.id ? 'true' : undefined}
                    rightSection={flow.publishedVersion ? <Badge size="xs" variant="light" color="green">v{flow.publishedVersion}</Badge> : <Badge size="xs" variant="light" color="gray">{t('contactCenter.ivr.draft')}</Badge>}>
                    <bdi>{flow.name}</bdi>
                  </Button>
                </li>
              ))}
            </ul>
            {canCreate || flows.data?.length === 0 ? <Button variant="light" onClick={() => setSelected('new')}>{t('contactCenter.ivr.newFlow')}</Button> : null}
          </Stack>
        </Paper>
        <div>
          {selected === null ? <Text c="dimmed">{t('contactCenter.ivr.pick')}</Text> : null}
          {selected === 'new' ? <FlowEditor key="new" flow={null} onSaved={(flow) => setSelected(flow.id)} /> : null}
          {current ? <FlowEditor key={`${current.id}/${current.revision}`} flow={current} onSaved={(flow) => setSelected(flow.id)} /> : null}
        </div>
      </div>
    </Stack>
  )
}
