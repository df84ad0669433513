/** "Test with digits": replays a DTMF sequence at a chosen time and shows the path and the outcome. */
import { Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { simulateIvrFlow, type IvrAction, type IvrFlow } from '../../api/contact-center.js'

function localNow(): string {
  const now = new Date()
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset())
  return now.toISOString().slice(0, 16)
}

function ActionText({ action }: { action: IvrAction }) {
  const { t } = useTranslation()
  switch (action.kind) {
    case 'queue': return <>{t('contactCenter.ivr.result.queue', { queue: action.queue, skills: action.skills.join(', ') || '—' })}</>
    case 'voicemail': case 'callback': return <>{t(`contactCenter.ivr.result.${action.kind}`, { queue: action.queue ?? '—' })}</>
    case 'hangup': return <>{t('contactCenter.ivr.result.hangup')}</>
    case 'incomplete': return <>{t('contactCenter.ivr.result.incomplete', { node: action.node })}</>
  }
}

export function IvrTestPanel({ flow }: { flow: IvrFlow }) {
  const { t } = useTranslation()
  const [digits, setDigits] = useState('')
  const [at, setAt] = useState(localNow)
  const [useDraft, setUseDraft] = useState(flow.publishedVersion === null)
  const run = useMutation({ mutationFn: () => simulateIvrFlow(flow.id, { digits, at: new Date(at).toISOString(), draft: useDraft }) })
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ivr-test-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="ivr-test-title">{t('contactCenter.ivr.testTitle')}</Title>
        <form onSubmit={(event) => { event.preventDefault(); run.mutate() }}>
          <Stack gap="xs">
            <TextInput label={t('contactCenter.ivr.digits')} description={t('contactCenter.ivr.digitsHelp')} value={digits} dir="ltr"
              onChange={(event) => setDigits(event.currentTarget.value)} />
            <TextInput type="datetime-local" label={t('contactCenter.ivr.at')} value={at} onChange={(event) => setAt(event.currentTarget.value)} />
            <Checkbox label={t('contactCenter.ivr.useDraft')} checked={useDraft} onChange={(event) => setUseDraft(event.currentTarget.checked)} />
            <Button type="submit" loading={run.isPending} w="fit-content">{t('contactCenter.ivr.runTest')}</Button>
          </Stack>
        </form>
        {run.data ? (
          <Stack gap="xs" aria-live="polite" data-testid="ivr-test-result">
            <Group gap="xs">
              <Badge variant="light">{run.data.version === 'draft' ? t('contactCenter.ivr.draft') : t('contactCenter.ivr.versionN', { version: run.data.version })}</Badge>
              <Text fw={600}><ActionText action={run.data.action} /></Text>
            </Group>
            <ol className="cc-path">
              {run.data.path.map((step, i) => (
                <li key={i}>
                  <bdi>{step.node}</bdi> · {t(`contactCenter.ivr.types.${step.type}`)}
                  {step.input !== undefined ? <> · {t('contactCenter.ivr.pressed', { input: step.input || '∅' })}</> : null}
                  {step.via ? <> → <bdi>{step.via}</bdi></> : null}
                  {step.said ? <Text size="xs" c="dimmed"><bdi>{step.said}</bdi></Text> : null}
                </li>
              ))}
            </ol>
            {run.data.lookups.map((lookup, i) => (
              <Text key={i} size="sm">
                {lookup.found ? t('contactCenter.ivr.lookupFound', { entered: lookup.entered, answer: JSON.stringify(lookup.answer) }) : t('contactCenter.ivr.lookupMissing', { entered: lookup.entered })}
              </Text>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  )
}
