/**
 * The screen pop: a panel at the bottom inline-end corner of every signed-in screen that shows
 * the agent's current call as soon as the phone system reports it — who is calling (from the
 * call card), the call's state, and, once there is a call activity, the disposition and notes
 * form. It renders nothing while there is no call.
 */
import { ActionIcon, Badge, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CallPush } from '../../api/telephony.js'
import { formattersFor } from '../../i18n/format.js'
import { CallDisposition } from './CallDisposition.js'
import { CallerCard } from './CallerCard.js'
import { useCallStream } from './useCallStream.js'
import './screen-pop.css'

const STATUS_COLORS: Record<CallPush['status'], string> = { ringing: 'orange', queued: 'yellow', answered: 'green', ended: 'gray' }

function CallPanel({ call, onDismiss }: { call: CallPush; onDismiss(): void }) {
  const { t, i18n } = useTranslation()
  const fmt = formattersFor(i18n.language)
  const party = call.direction === 'outbound' ? call.to : call.from
  return (
    <Paper className="screen-pop" shadow="lg" withBorder p="sm" role="region" aria-label={t('telephony.panelLabel')} data-call-id={call.callId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={2} size="h5">{call.direction === 'outbound' ? t('telephony.outgoingCall') : t('telephony.incomingCall')}</Title>
            <Text size="sm" ff="monospace" dir="ltr" className="screen-pop-number">{party ?? t('telephony.withheld')}</Text>
          </Stack>
          <Group gap={6} wrap="nowrap">
            <Badge color={STATUS_COLORS[call.status]} variant="light">{t(`telephony.status.${call.status}`)}</Badge>
            <ActionIcon variant="subtle" size="sm" aria-label={t('telephony.dismiss')} onClick={onDismiss}>×</ActionIcon>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {[call.lineName, call.queue ? t('telephony.queue', { queue: call.queue }) : null, fmt.dateTime(call.startedAt)].filter(Boolean).join(' · ')}
          {call.durationSeconds !== null ? ` · ${t('telephony.duration', { seconds: fmt.number(call.durationSeconds) })}` : ''}
        </Text>
        <ScrollArea.Autosize mah="45vh" type="auto">
          <Stack gap="sm">
            <CallerCard call={call} />
            {call.recordingUrl ? <Text size="xs"><a href={call.recordingUrl} target="_blank" rel="noreferrer noopener">{t('telephony.recording')}</a></Text> : null}
            {call.activityId ? <CallDisposition key={call.activityId} activityId={call.activityId} /> : null}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  )
}

export function ScreenPop() {
  const { calls, dismiss } = useCallStream()
  const current = calls[0]
  if (!current) return null
  return <CallPanel key={`${current.lineId}/${current.callId}`} call={current} onDismiss={() => dismiss(current)} />
}
