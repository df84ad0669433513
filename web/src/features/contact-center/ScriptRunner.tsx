/**
 * The agent's script runner (for the call card): one question at a time, typed answers, the
 * branch taken per answer, and at the end the answers saved on the call activity.
 */
import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { runScript, type AgentScript, type ScriptNode } from '../../api/contact-center.js'

type Answer = { node: string; value: string | number | boolean }
type Question = Extract<ScriptNode, { type: 'question' }>

function nextOf(node: Question, value: string | number | boolean): string | undefined {
  const key = node.answerType === 'yesNo' ? (value === true ? 'yes' : 'no') : node.answerType === 'choice' ? String(value) : null
  return (key !== null && node.branches && Object.hasOwn(node.branches, key) ? node.branches[key] : undefined) ?? node.next
}

export function ScriptRunner({ script, activityId: givenActivity }: { script: AgentScript; activityId?: string }) {
  const { t } = useTranslation()
  const [answers, setAnswers] = useState<Answer[]>([])
  const [draft, setDraft] = useState('')
  const [activityId, setActivityId] = useState(givenActivity ?? '')
  const save = useMutation({ mutationFn: () => runScript(script.id, { activityId, answers }) })
  let current = script.definition.start
  for (const answer of answers) {
    const node = script.definition.nodes[current]
    if (node?.type !== 'question') break
    current = nextOf(node, answer.value) ?? current
  }
  const node = script.definition.nodes[current]
  const answer = (value: string | number | boolean) => {
    setAnswers([...answers, { node: current, value }])
    setDraft('')
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="script-runner-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="script-runner-title">{t('contactCenter.scripts.runTitle', { name: script.name })}</Title>
        {answers.map((given, i) => {
          const asked = script.definition.nodes[given.node]
          return (
            <Text key={i} size="sm">
              <bdi>{asked?.type === 'question' ? asked.text : given.node}</bdi> — <b><bdi>{typeof given.value === 'boolean' ? t(given.value ? 'contactCenter.yes' : 'contactCenter.no') : String(given.value)}</bdi></b>
            </Text>
          )
        })}
        {node?.type === 'question' ? (
          <Stack gap="xs">
            <Text fw={600}><bdi>{node.text}</bdi></Text>
            {node.answerType === 'yesNo' ? (
              <Group gap="xs"><Button onClick={() => answer(true)}>{t('contactCenter.yes')}</Button><Button variant="light" onClick={() => answer(false)}>{t('contactCenter.no')}</Button></Group>
            ) : node.answerType === 'choice' ? (
              <Group gap="xs">{(node.choices ?? []).map((choice) => <Button key={choice} variant="light" onClick={() => answer(choice)}><bdi>{choice}</bdi></Button>)}</Group>
            ) : (
              <form onSubmit={(event) => { event.preventDefault(); if (draft.trim()) answer(node.answerType === 'number' ? Number(draft) : draft) }}>
                <Group gap="xs" align="flex-end">
                  {node.answerType === 'number'
                    ? <TextInput type="number" label={t('contactCenter.scripts.answer')} value={draft} onChange={(event) => setDraft(event.currentTarget.value)} />
                    : <Textarea autosize label={t('contactCenter.scripts.answer')} value={draft} onChange={(event) => setDraft(event.currentTarget.value)} />}
                  <Button type="submit">{t('contactCenter.scripts.next')}</Button>
                </Group>
              </form>
            )}
          </Stack>
        ) : node?.type === 'end' ? (
          <Stack gap="xs">
            <Alert color="green" variant="light" title={t('contactCenter.scripts.outcome', { outcome: node.outcome })}>{node.text ? <bdi>{node.text}</bdi> : null}</Alert>
            {givenActivity ? null : <TextInput label={t('contactCenter.scripts.activityId')} value={activityId} dir="ltr" onChange={(event) => setActivityId(event.currentTarget.value)} />}
            <Group gap="xs">
              <Button loading={save.isPending} disabled={!activityId || save.isSuccess} onClick={() => save.mutate()}>{t('contactCenter.scripts.saveRun')}</Button>
              {save.isSuccess ? <Text size="sm" c="green" role="status">{t('contactCenter.scripts.saved')}</Text> : null}
            </Group>
          </Stack>
        ) : null}
        {answers.length > 0 ? (
          <Group gap="xs">
            <Button size="xs" variant="subtle" onClick={() => setAnswers(answers.slice(0, -1))}>{t('contactCenter.scripts.back')}</Button>
            <Button size="xs" variant="subtle" onClick={() => { setAnswers([]); save.reset() }}>{t('contactCenter.scripts.restart')}</Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  )
}
