/**
 * Agent scripts (/contact-center/scripts): the list, a nested-list editor of questions and end
 * nodes (problems shown on the node they name), queues and call reasons, and the runner.
 */
import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { createScript, listScripts, updateScript, type AgentScript, type AnswerType, type ScriptDefinition, type ScriptNode } from '../../api/contact-center.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { CommaInput } from './CommaInput.js'
import { freshId, graphProblemsOf } from './graph-problems.js'
import { ScriptRunner } from './ScriptRunner.js'
import './contact-center.css'

const KEY = ['contact-center', 'scripts']
const ANSWER_TYPES: AnswerType[] = ['choice', 'yesNo', 'text', 'number']

const starter = (): ScriptDefinition => ({
  start: 'q1',
  nodes: { q1: { type: 'question', text: '', answerType: 'yesNo', branches: { yes: 'end1', no: 'end1' } }, end1: { type: 'end', outcome: 'done' } },
})

function Exits({ node, nodeIds, onChange }: { node: Extract<ScriptNode, { type: 'question' }>; nodeIds: string[]; onChange: (next: ScriptNode) => void }) {
  const { t } = useTranslation()
  const options = [{ value: '', label: t('contactCenter.ivr.noTarget') }, ...nodeIds.map((id) => ({ value: id, label: id }))]
  const answers = node.answerType === 'yesNo' ? ['yes', 'no'] : node.answerType === 'choice' ? (node.choices ?? []) : []
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {answers.map((answer) => (
        <NativeSelect key={answer} label={t('contactCenter.scripts.ifAnswer', { answer: answer === 'yes' ? t('contactCenter.yes') : answer === 'no' ? t('contactCenter.no') : answer })}
          value={node.branches && Object.hasOwn(node.branches, answer) ? node.branches[answer] : ''} data={options}
          onChange={(event) => {
            const branches = { ...node.branches }
            if (event.currentTarget.value) branches[answer] = event.currentTarget.value
            else delete branches[answer]
            onChange({ ...node, branches })
          }} />
      ))}
      <NativeSelect label={answers.length ? t('contactCenter.scripts.otherwise') : t('contactCenter.ivr.next')} value={node.next ?? ''} data={options}
        onChange={(event) => onChange({ ...node, next: event.currentTarget.value || undefined })} />
    </SimpleGrid>
  )
}

function ScriptEditor({ script, onSaved }: { script: AgentScript | null; onSaved: (script: AgentScript) => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [name, setName] = useState(script?.name ?? '')
  const [queues, setQueues] = useState(script?.queues ?? [])
  const [reasons, setReasons] = useState(script?.callReasons ?? [])
  const [definition, setDefinition] = useState(script?.definition ?? starter())
  const editable = script?.editable ?? true
  const save = useMutation({
    mutationFn: () => {
      const body = { name, queues, callReasons: reasons, definition }
      return script ? updateScript(script.id, script.revision, body) : createScript(body)
    },
    meta: { handlesOwnErrors: true },
    onSuccess: (saved) => { void queryClient.invalidateQueries({ queryKey: KEY }); onSaved(saved) },
  })
  const problems = graphProblemsOf(save.error)
  const nodeIds = Object.keys(definition.nodes)
  const setNode = (id: string, node: ScriptNode) => setDefinition({ ...definition, nodes: { ...definition.nodes, [id]: node } })

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <form onSubmit={(event) => { event.preventDefault(); save.mutate() }}>
          <Stack gap="sm">
            <TextInput required label={t('contactCenter.scripts.name')} value={name} onChange={(event) => setName(event.currentTarget.value)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CommaInput label={t('contactCenter.scripts.queues')} value={queues} onChange={setQueues} />
              <CommaInput label={t('contactCenter.scripts.callReasons')} value={reasons} onChange={setReasons} />
            </SimpleGrid>
            {problems.general.length ? <Alert color="red" role="alert">{problems.general.join(' · ')}</Alert> : null}
            {editable ? <Button type="submit" w="fit-content" loading={save.isPending}>{t('contactCenter.save')}</Button> : <Text size="sm" c="dimmed">{t('contactCenter.readOnly')}</Text>}
          </Stack>
        </form>
      </Paper>
      <ol className="cc-list" aria-label={t('contactCenter.ivr.nodes')}>
        {Object.entries(definition.nodes).map(([id, node]) => (
          <li key={id}>
            <Paper withBorder p="sm" mb="xs" className="cc-node" data-invalid={problems.byNode.has(id)} data-start={definition.start === id} aria-label={t('contactCenter.ivr.nodeLabel', { id })}>
              <Stack gap="xs">
                <Group gap="xs"><Text fw={700}><bdi>{id}</bdi></Text><Badge variant="light">{t(`contactCenter.scripts.types.${node.type}`)}</Badge></Group>
                {(problems.byNode.get(id) ?? []).map((problem) => <Alert key={problem} color="red" variant="light" p="xs" role="alert"><bdi>{problem}</bdi></Alert>)}
                {node.type === 'question' ? (
                  <>
                    <Textarea autosize label={t('contactCenter.scripts.question')} value={node.text} onChange={(event) => setNode(id, { ...node, text: event.currentTarget.value })} />
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                      <NativeSelect label={t('contactCenter.scripts.answerType')} value={node.answerType}
                        data={ANSWER_TYPES.map((type) => ({ value: type, label: t(`contactCenter.scripts.answerTypes.${type}`) }))}
                        onChange={(event) => setNode(id, { ...node, answerType: event.currentTarget.value as AnswerType, branches: {} })} />
                      {node.answerType === 'choice' ? <CommaInput label={t('contactCenter.scripts.choices')} value={node.choices ?? []} onChange={(choices) => setNode(id, { ...node, choices })} /> : null}
                    </SimpleGrid>
                    <Exits node={node} nodeIds={nodeIds} onChange={(next) => setNode(id, next)} />
                  </>
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput label={t('contactCenter.scripts.outcomeKey')} value={node.outcome} onChange={(event) => setNode(id, { ...node, outcome: event.currentTarget.value })} />
                    <TextInput label={t('contactCenter.scripts.closing')} value={node.text ?? ''} onChange={(event) => setNode(id, { ...node, text: event.currentTarget.value || undefined })} />
                  </SimpleGrid>
                )}
              </Stack>
            </Paper>
          </li>
        ))}
      </ol>
      {editable ? (
        <Group gap="xs">
          <Button variant="light" onClick={() => setNode(freshId('q', definition.nodes), { type: 'question', text: '', answerType: 'text' })}>{t('contactCenter.scripts.addQuestion')}</Button>
          <Button variant="light" onClick={() => setNode(freshId('end', definition.nodes), { type: 'end', outcome: 'done' })}>{t('contactCenter.scripts.addEnd')}</Button>
        </Group>
      ) : null}
      {script ? <ScriptRunner key={`${script.id}/${script.revision}`} script={script} /> : null}
    </Stack>
  )
}

export function ScriptsPage() {
  const { t } = useTranslation()
  const scripts = useQuery({ queryKey: KEY, queryFn: ({ signal }) => listScripts(signal) })
  const [selected, setSelected] = useState<string | null>(null)
  const current = scripts.data?.find((script) => script.id === selected) ?? null
  return (
    <Stack gap="md">
      <Title order={1} size="h3">{t('contactCenter.scripts.title')}</Title>
      <div className="cc-layout">
        <Paper withBorder p="xs" component="nav" aria-label={t('contactCenter.scripts.title')}>
          <Stack gap="xs">
            {scripts.isPending ? <Text size="sm" c="dimmed" role="status">{t('app.loading')}</Text> : null}
            {scripts.isError ? <ErrorAlert error={scripts.error} onRetry={() => void scripts.refetch()} /> : null}
            {scripts.data?.length === 0 ? <Text size="sm" c="dimmed">{t('contactCenter.scripts.empty')}</Text> : null}
            <ul className="cc-list">
              {scripts.data?.map((script) => (
                <li key={script.id}><Button variant={selected === script.id ? 'light' : 'subtle'} fullWidth justify="flex-start" onClick={() => setSelected(script.id)}><bdi>{script.name}</bdi></Button></li>
              ))}
            </ul>
            <Button variant="light" onClick={() => setSelected('new')}>{t('contactCenter.scripts.newScript')}</Button>
          </Stack>
        </Paper>
        <div>
          {selected === null ? <Text c="dimmed">{t('contactCenter.scripts.pick')}</Text> : null}
          {selected === 'new' ? <ScriptEditor key="new" script={null} onSaved={(script) => setSelected(script.id)} /> : null}
          {current ? <ScriptEditor key={`${current.id}/${current.revision}`} script={current} onSaved={(script) => setSelected(script.id)} /> : null}
        </div>
      </div>
    </Stack>
  )
}
