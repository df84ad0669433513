import { Group, Progress, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportView } from '../../api/imports.js'
import { intlLocaleOf } from '../../i18n/format.js'

/** The job's progress bar with rows done, rate and ETA, announced politely to screen readers. */
export function ImportProgress({ view }: { view: ImportView }) {
  const { t, i18n } = useTranslation()
  const percentText = new Intl.NumberFormat(intlLocaleOf(i18n.language), { style: 'percent' })
  const { rowsDone, totalRows, percent, rowsPerSecond, etaSeconds } = view.progress
  return (
    <Stack gap={6}>
      <Progress value={percent} size="lg" animated={view.status === 'running'} aria-label={t('imports.progressLabel')} data-testid="import-progress" data-percent={percent} />
      <Group justify="space-between" gap="xs" aria-live="polite">
        <Text size="sm">{t('imports.progress', { done: rowsDone, total: totalRows })} · {percentText.format(percent / 100)}</Text>
        <Text size="sm" c="dimmed">
          {rowsPerSecond ? t('imports.rate', { rate: rowsPerSecond }) : null}
          {etaSeconds !== null && view.status === 'running' ? ` · ${t('imports.eta', { seconds: etaSeconds })}` : null}
        </Text>
      </Group>
    </Stack>
  )
}
