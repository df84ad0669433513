/**
 * "Phone endpoints" beside the skills matrix: where the phone system rings each agent (a Twilio
 * Client identity, a SIP URI, a phone number or a PBX dial string). Administrators edit them;
 * supervisors see them read-only. The server checks the address against its kind and names
 * `/address` when it does not fit; that message is shown under the field. Each agent is one
 * small form that wraps into a card on phones.
 */
import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AcdAgentInfo } from '../../api/acd.js'
import { ENDPOINT_KINDS, listEndpoints, removeEndpoint, setEndpoint, type AgentEndpoint, type EndpointKind } from '../../api/callbacks.js'
import { isApiError } from '../../api/client.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { useMe } from '../auth/session.js'
import { otherProblems, problemAt } from './acd-shared.js'
import './callbacks.css'

export const ENDPOINTS_KEY = ['contact-center', 'acd', 'endpoints'] as const

/** An example address per kind, as the input's placeholder. */
const EXAMPLES: Record<EndpointKind, string> = {
  client: 'agent_7', sip: 'sip:agent7@pbx.example.com', number: '+37061234567', extension: 'PJSIP/agent-7',
}

function EndpointForm({ agent, endpoint, canEdit }: { agent: AcdAgentInfo; endpoint: AgentEndpoint | undefined; canEdit: boolean }) {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const fmt = formattersFor(i18n.language)
  const [kind, setKind] = useState<EndpointKind>(endpoint?.kind ?? 'sip')
  const [address, setAddress] = useState(endpoint?.address ?? '')
  const store = (next: (list: AgentEndpoint[]) => AgentEndpoint[]) => client.setQueryData<AgentEndpoint[]>(ENDPOINTS_KEY, (list) => next(list ?? []))
  const save = useMutation({
    mutationFn: () => setEndpoint(agent.userId, { kind, address: address.trim() }),
    meta: { handlesOwnErrors: true },
    onSuccess: (saved) => store((list) => [...list.filter((e) => e.userId !== saved.userId), saved]),
  })
  const remove = useMutation({
    mutationFn: () => removeEndpoint(agent.userId),
    meta: { handlesOwnErrors: true },
    onSuccess: () => store((list) => list.filter((e) => e.userId !== agent.userId)),
  })
  const error = save.error ?? remove.error
  const general = otherProblems(error, (pointer) => pointer === '/address' || pointer === '/kind')
  const changed = kind !== endpoint?.kind || address.trim() !== (endpoint?.address ?? '')
  return (
    <Paper withBorder p="sm" component="form" aria-label={agent.name} data-agent={agent.name} noValidate
      onSubmit={(event) => { event.preventDefault(); if (canEdit) save.mutate() }}>
      <div className="endpoint-row">
        <div className="endpoint-agent">
          <Text fw={600}><bdi>{agent.name}</bdi></Text>
          {endpoint
            ? <Text size="xs" c="dimmed">{t('callbacks.endpoints.savedAt', { time: fmt.dateTime(endpoint.updatedAt) })}</Text>
            : <Badge variant="outline" color="gray" size="sm">{t('callbacks.endpoints.notSet')}</Badge>}
        </div>
        <NativeSelect label={t('callbacks.endpoints.kind')} value={kind} disabled={!canEdit}
          onChange={(e) => setKind(e.currentTarget.value as EndpointKind)} error={problemAt(error, '/kind')}
          data={ENDPOINT_KINDS.map((k) => ({ value: k, label: t(`callbacks.endpoints.kinds.${k}`) }))} />
        <TextInput label={t('callbacks.endpoints.address')} value={address} dir="ltr" readOnly={!canEdit} autoComplete="off"
          placeholder={EXAMPLES[kind]} onChange={(e) => setAddress(e.currentTarget.value)}
          description={t(`callbacks.endpoints.hints.${kind}`)}
          error={problemAt(error, '/address')} />
        {canEdit ? (
          <Group gap="xs" className="endpoint-actions" wrap="nowrap">
            <Button type="submit" size="sm" loading={save.isPending} disabled={!changed || address.trim() === ''}>{t('callbacks.endpoints.save')}</Button>
            {endpoint ? (
              <Button type="button" size="sm" variant="subtle" color="red" loading={remove.isPending}
                aria-label={t('callbacks.endpoints.removeFor', { agent: agent.name })} onClick={() => remove.mutate()}>
                {t('callbacks.endpoints.remove')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </div>
      {general.length ? <Text c="red" size="sm" role="alert" mt="xs"><bdi>{general.join(' · ')}</bdi></Text> : null}
    </Paper>
  )
}

/** The endpoints of the given agents. */
export function AgentEndpoints({ agents }: { agents: AcdAgentInfo[] }) {
  const { t } = useTranslation()
  const me = useMe()
  const endpoints = useQuery({ queryKey: ENDPOINTS_KEY, queryFn: ({ signal }) => listEndpoints(signal), retry: false })
  // Nothing to configure without agents (the matrix above says so), nor for someone who may not read endpoints.
  if (agents.length === 0 || (isApiError(endpoints.error) && endpoints.error.status === 403)) return null
  const canEdit = me.data?.role.isAdmin === true
  return (
    <Stack gap="xs" component="section" aria-labelledby="endpoints-title">
      <Title order={2} size="h4" id="endpoints-title">{t('callbacks.endpoints.title')}</Title>
      <Text size="sm" c="dimmed">{canEdit ? t('callbacks.endpoints.intro') : t('callbacks.endpoints.readOnly')}</Text>
      {endpoints.isPending ? <Text c="dimmed" role="status">{t('app.loading')}</Text> : null}
      {endpoints.error ? <ErrorAlert error={endpoints.error} onRetry={() => void endpoints.refetch()} /> : null}
      {endpoints.data ? (
        <ul className="acd-list">
          {agents.map((agent) => {
            const endpoint = endpoints.data.find((e) => e.userId === agent.userId)
            // Remounts after a save or removal elsewhere, so the form starts from what is stored.
            return <li key={`${agent.userId}:${endpoint?.updatedAt ?? ''}`}><EndpointForm agent={agent} endpoint={endpoint} canEdit={canEdit} /></li>
          })}
        </ul>
      ) : null}
    </Stack>
  )
}
