/**
 * Callbacks (/contact-center/callbacks): callers who chose to be called back instead of waiting.
 * Supervisors see all of them, an agent the ones handed to them. Each shows the number to call,
 * the caller's person (when the number matched one), the queue, the agent and when the caller
 * joined the queue / the callback reached the agent; open ones can be marked called back or
 * cancelled (see useCallbacks.ts for the optimistic update and its rollback).
 */
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { listAgents, listQueues } from '../../api/acd.js'
import { CALLBACK_FILTERS, type CallbackFilter, type CallbackStatus, type CallbackView } from '../../api/callbacks.js'
import { findRecordsByIds } from '../../api/records.js'
import { linkProps, recordPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { useMe } from '../auth/session.js'
import { ACD_KEYS } from './acd-shared.js'
import { useCallbackList, useCloseCallback } from './useCallbacks.js'
import './acd.css'
import './callbacks.css'

const STATUS_COLORS: Record<CallbackStatus, string> = { waiting: 'orange', assigned: 'blue', answered: 'teal', ended: 'green', cancelled: 'gray' }
const OPEN: CallbackStatus[] = ['waiting', 'assigned', 'answered']
const PERSON_FIELDS = ['firstName', 'lastName']

/** Names for the ids the list shows; a reader without access to queues or agents sees nothing missing, just fewer names. */
function useNames(callbacks: CallbackView[] | undefined) {
  const queues = useQuery({ queryKey: ACD_KEYS.queues, queryFn: ({ signal }) => listQueues(signal), retry: false })
  const agents = useQuery({ queryKey: ACD_KEYS.agents, queryFn: ({ signal }) => listAgents(signal), retry: false })
  // An agent who is not a supervisor may not list agents, but sees only their own callbacks.
  const me = useMe().data?.user
  const personIds = useMemo(() => [...new Set((callbacks ?? []).flatMap((c) => (c.personId ? [c.personId] : [])))].sort(), [callbacks])
  const people = useQuery({
    queryKey: ['contact-center', 'callbacks', 'people', personIds], enabled: personIds.length > 0, retry: false,
    queryFn: ({ signal }) => findRecordsByIds('people', personIds, PERSON_FIELDS, signal),
  })
  return {
    queue: (id: string) => queues.data?.find((q) => q.id === id)?.name,
    agent: (id: string) => agents.data?.find((a) => a.userId === id)?.name ?? (me?.id === id ? me.name : undefined),
    person(id: string) {
      const record = people.data?.find((p) => p.id === id) as Record<string, unknown> | undefined
      const name = record ? PERSON_FIELDS.map((f) => record[f]).filter((v) => typeof v === 'string' && v !== '').join(' ') : ''
      return name || undefined
    },
  }
}

function CallbackItem({ callback, names, onClose, busy }: {
  callback: CallbackView; names: ReturnType<typeof useNames>; busy: boolean
  onClose: (action: 'complete' | 'cancel') => void
}) {
  const { t, i18n } = useTranslation()
  const fmt = formattersFor(i18n.language)
  const person = callback.personId ? names.person(callback.personId) : undefined
  const title = person ?? callback.number ?? t('callbacks.unknownCaller')
  const open = OPEN.includes(callback.status)
  const facts: [string, string, string | null][] = [
    ['queue', t('callbacks.queue'), names.queue(callback.queueId) ?? callback.queueId],
    ['agent', t('callbacks.agent'), callback.agentId ? names.agent(callback.agentId) ?? callback.agentId : t('callbacks.noAgent')],
    ['enqueued', t('callbacks.waitingSince'), fmt.dateTime(callback.enqueuedAt)],
    ['assigned', t('callbacks.assignedAt'), callback.assignedAt ? fmt.dateTime(callback.assignedAt) : null],
    ['ended', t('callbacks.closedAt'), callback.endedAt ? fmt.dateTime(callback.endedAt) : null],
  ]
  return (
    <Paper withBorder p="sm" component="article" aria-label={title} data-callback={callback.callId}>
      <div className="acd-row">
        <Stack gap={4} miw={0}>
          <Group gap="xs" wrap="wrap">
            {callback.personId
              ? <Anchor fw={600} {...linkProps(recordPath('people', callback.personId))}><bdi>{person ?? t('callbacks.person')}</bdi></Anchor>
              : null}
            {callback.number
              ? <Anchor href={`tel:${callback.number}`} fw={callback.personId ? 400 : 600} aria-label={t('callbacks.callNumber', { number: callback.number })}><bdi dir="ltr">{callback.number}</bdi></Anchor>
              : (callback.personId ? null : <Text fw={600}>{t('callbacks.unknownCaller')}</Text>)}
            <Badge color={STATUS_COLORS[callback.status]} variant="light" data-status={callback.status}>{t(`callbacks.status.${callback.status}`)}</Badge>
          </Group>
          <dl className="acd-facts">
            {facts.filter(([, , value]) => value !== null).map(([key, label, value]) => (
              <div key={key} data-fact={key}><dt>{label}</dt><dd><bdi>{value}</bdi></dd></div>
            ))}
          </dl>
        </Stack>
        {open ? (
          <Group gap="xs" wrap="nowrap">
            <Button size="sm" onClick={() => onClose('complete')} disabled={busy}>{t('callbacks.complete')}</Button>
            <Button size="sm" variant="default" onClick={() => onClose('cancel')} disabled={busy}>{t('callbacks.cancel')}</Button>
          </Group>
        ) : null}
      </div>
    </Paper>
  )
}

export function CallbacksPage() {
  const { t, i18n } = useTranslation()
  const [filter, setFilter] = useState<CallbackFilter>('open')
  const list = useCallbackList(filter)
  const names = useNames(list.data)
  const close = useCloseCallback()
  const n = formattersFor(i18n.language).number
  // The closed callback's buttons go away; keyboard focus moves to the heading instead of the page's start.
  const heading = useRef<HTMLHeadingElement>(null)
  return (
    <Stack gap="md">
      <Title order={1} size="h3" ref={heading} tabIndex={-1}>{t('callbacks.title')}</Title>
      <Text size="sm" c="dimmed">{t('callbacks.intro')}</Text>
      <SegmentedControl className="callbacks-filter" value={filter} onChange={(value) => setFilter(value as CallbackFilter)} aria-label={t('callbacks.filter')}
        data={CALLBACK_FILTERS.map((f) => ({ value: f, label: t(`callbacks.filters.${f}`) }))} />
      {list.isPending ? <Text c="dimmed" role="status">{t('app.loading')}</Text> : null}
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        list.data.length === 0
          ? <Paper withBorder p="lg" className="callbacks-empty"><Text c="dimmed">{t(`callbacks.empty.${filter}`)}</Text></Paper>
          : (
            <>
              <Text size="sm" role="status">{t('callbacks.count', { count: list.data.length, formatted: n(list.data.length) })}</Text>
              <ul className="acd-list" aria-label={t('callbacks.title')}>
                {list.data.map((callback) => (
                  <li key={callback.callId}>
                    <CallbackItem callback={callback} names={names} busy={close.isPending && close.variables?.callId === callback.callId}
                      onClose={(action) => { heading.current?.focus(); close.mutate({ callId: callback.callId, action }) }} />
                  </li>
                ))}
              </ul>
            </>
          )
      ) : null}
    </Stack>
  )
}
