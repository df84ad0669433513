/**
 * The agent-script answers saved on a call activity (GET /contact-center/script-runs), for the
 * activity's record page. Shows nothing when no script was run on it.
 */
import { Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { listScriptRuns } from '../../api/contact-center.js'
import { formattersFor } from '../../i18n/format.js'

export function ScriptRunsPanel({ activityId }: { activityId: string }) {
  const { t, i18n } = useTranslation()
  const runs = useQuery({ queryKey: ['contact-center', 'script-runs', activityId], queryFn: ({ signal }) => listScriptRuns(activityId, signal), retry: false })
  if (!runs.data?.length) return null
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="script-runs-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="script-runs-title">{t('contactCenter.scripts.answersOnCall')}</Title>
        {runs.data.map((run) => (
          <Stack key={run.id} gap={2}>
            <Text size="sm" fw={600}><bdi>{run.scriptName}</bdi> · {t('contactCenter.scripts.outcome', { outcome: run.outcome })}</Text>
            <Text size="xs" c="dimmed">{formattersFor(i18n.language).dateTime(run.createdAt)}</Text>
            {run.answers.map((answer) => (
              <Text key={answer.node} size="sm">
                <bdi>{answer.question}</bdi> — <b><bdi>{typeof answer.value === 'boolean' ? t(answer.value ? 'contactCenter.yes' : 'contactCenter.no') : String(answer.value)}</bdi></b>
              </Text>
            ))}
          </Stack>
        ))}
      </Stack>
    </Paper>
  )
}
