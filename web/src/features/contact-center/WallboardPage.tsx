/**
 * The supervisor wallboard: one tile per queue (calls waiting, longest wait, service level,
 * ASA, abandonment, occupancy, agents by state) and the agents' states, updated live from the
 * server's event stream. The longest wait keeps counting between updates.
 */
import { Alert, Anchor, Badge, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ACD_AGENT_STATES, type AcdAgentState } from '../../../../contracts/contact-center.js'
import { isApiError } from '../../api/client.js'
import type { WallboardQueue } from '../../api/wallboard.js'
import { linkProps } from '../../app/router.js'
import { formattersFor, intlLocaleOf } from '../../i18n/format.js'
import { useWallboard } from './useWallboard.js'
import './wallboard.css'

const STATE_COLORS: Record<AcdAgentState, string> = { available: 'green', onCall: 'blue', wrapUp: 'yellow', break: 'orange', offline: 'gray' }
const CLOCK_MS = 1000

function useNumberFormats(language: string) {
  return useMemo(() => {
    const locale = intlLocaleOf(language)
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
    const seconds = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 0 })
    return { percent: (v: number | null) => (v === null ? '—' : percent.format(v)), seconds: (v: number | null) => (v === null ? '—' : seconds.format(v)) }
  }, [language])
}

function QueueTile({ queue, elapsedSeconds }: { queue: WallboardQueue; elapsedSeconds: number }) {
  const { t, i18n } = useTranslation()
  const f = useNumberFormats(i18n.language)
  const n = formattersFor(i18n.language).number
  const longest = queue.waiting + queue.callbacksWaiting > 0 ? queue.longestWaitSeconds + elapsedSeconds : 0
  const stats: [string, string, string][] = [
    ['waiting', t('contactCenter.waiting'), n(queue.waiting)],
    ['longest', t('contactCenter.longestWait'), f.seconds(longest)],
    ['sl', t('contactCenter.serviceLevel', { seconds: n(queue.serviceLevelSeconds) }), f.percent(queue.serviceLevel)],
    ['asa', t('contactCenter.asa'), f.seconds(queue.asaSeconds)],
    ['abandoned', t('contactCenter.abandonment'), f.percent(queue.abandonmentRate)],
    ['occupancy', t('contactCenter.occupancy'), f.percent(queue.occupancy)],
  ]
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`queue-${queue.id}`} className="wallboard-tile" data-queue={queue.name}>
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Title order={2} size="h4" id={`queue-${queue.id}`}>{queue.name}</Title>
        {queue.callbacksWaiting > 0 ? (
          <Anchor {...linkProps('/contact-center/callbacks')} underline="never" data-stat="callbacks">
            <Badge variant="light" style={{ cursor: 'pointer' }}>{t('contactCenter.callbacks', { count: queue.callbacksWaiting, formatted: n(queue.callbacksWaiting) })}</Badge>
          </Anchor>
        ) : null}
      </Group>
      <dl className="wallboard-stats">
        {stats.map(([key, label, value]) => (
          <div key={key} className="wallboard-stat" data-stat={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <Text size="xs" c="dimmed" mt="xs">{t('contactCenter.offeredToday', { offered: n(queue.offered), answered: n(queue.answered), abandoned: n(queue.abandoned) })}</Text>
      <Group gap={6} mt="xs" aria-label={t('contactCenter.agentsByState')} role="list">
        {ACD_AGENT_STATES.map((state) => (
          <Badge key={state} role="listitem" color={STATE_COLORS[state]} variant={queue.agents[state] ? 'filled' : 'outline'}>
            {t(`contactCenter.state.${state}`)}: {n(queue.agents[state])}
          </Badge>
        ))}
      </Group>
    </Paper>
  )
}

export function WallboardPage() {
  const { t, i18n } = useTranslation()
  const board = useWallboard()
  const [clock, setClock] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), CLOCK_MS)
    return () => clearInterval(timer)
  }, [])
  const fmt = formattersFor(i18n.language)

  if (board.isPending) return <Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (board.isError) {
    const forbidden = isApiError(board.error) && board.error.status === 403
    return <Alert color={forbidden ? 'yellow' : 'red'} title={t('contactCenter.wallboard')} role="alert">{forbidden ? t('contactCenter.forbidden') : board.error.message}</Alert>
  }
  const data = board.data
  const elapsed = Math.max(0, (clock - Date.parse(data.at)) / 1000)
  return (
    <Stack gap="md" className="wallboard">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">{t('contactCenter.wallboard')}</Title>
        <Badge color={board.live ? 'green' : 'gray'} variant="dot" role="status">{board.live ? t('contactCenter.live') : t('contactCenter.reconnecting')}</Badge>
      </Group>
      <Text size="sm" c="dimmed">{t('contactCenter.since', { time: fmt.dateTime(data.since) })}</Text>
      {data.queues.length === 0
        ? <Text>{t('contactCenter.noQueues')}</Text>
        : <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>{data.queues.map((queue) => <QueueTile key={queue.id} queue={queue} elapsedSeconds={elapsed} />)}</SimpleGrid>}
      <Title order={2} size="h4">{t('contactCenter.agents')}</Title>
      {data.agents.length === 0 ? <Text c="dimmed">{t('contactCenter.noAgents')}</Text> : (
        <Table.ScrollContainer minWidth={280}>
          <Table striped aria-label={t('contactCenter.agents')}>
            <Table.Thead><Table.Tr><Table.Th>{t('contactCenter.agent')}</Table.Th><Table.Th>{t('contactCenter.stateColumn')}</Table.Th><Table.Th>{t('contactCenter.stateSince')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {data.agents.map((agent) => (
                <Table.Tr key={agent.userId}>
                  <Table.Td>{agent.name}</Table.Td>
                  <Table.Td><Badge color={STATE_COLORS[agent.state]} variant="light">{t(`contactCenter.state.${agent.state}`)}</Badge></Table.Td>
                  <Table.Td>{fmt.dateTime(agent.since)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
