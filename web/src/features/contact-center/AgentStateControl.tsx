/**
 * "My state" in the app header (in the navigation drawer on phones), only for members who are contact-center agents (GET agents/me
 * answers 404 for everyone else, and then nothing shows): available / break / offline, and while
 * the router holds the agent on a call or in wrap-up, that state with the wrap-up countdown.
 * Polls every few seconds, since calls change the state without the agent choosing.
 */
import { Badge, Group, NativeSelect } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CHOSEN_STATES, getMyAgent, setMyState, type AcdAgentInfo, type ChosenState } from '../../api/acd-agent.js'
import { formattersFor } from '../../i18n/format.js'
import './agent-state.css'

const KEY = ['contact-center', 'acd', 'me']
const POLL_MS = 5000
const COLORS: Record<AcdAgentInfo['state'], string> = { available: 'green', onCall: 'blue', wrapUp: 'yellow', break: 'orange', offline: 'gray' }

/** Seconds left until `until`, ticking every second while there are some. */
function useCountdown(until: string | null): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!until) return undefined
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [until])
  return until ? Math.max(0, Math.ceil((Date.parse(until) - now) / 1000)) : null
}

/** `visibleFrom`/`hiddenFrom`: the header shows it from tablet width up, the navigation drawer on phones. */
export function AgentStateControl({ visibleFrom, hiddenFrom }: { visibleFrom?: 'sm'; hiddenFrom?: 'sm' }) {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const me = useQuery({
    queryKey: KEY, queryFn: ({ signal }) => getMyAgent(signal), retry: false, staleTime: Infinity,
    refetchInterval: (query) => (query.state.data ? POLL_MS : false),
  })
  const change = useMutation({
    mutationFn: (state: ChosenState) => setMyState(state),
    onSuccess: (agent) => client.setQueryData(KEY, agent),
  })
  const left = useCountdown(me.data?.state === 'wrapUp' ? me.data.wrapUpUntil : null)
  if (!me.data) return null
  const state = change.isPending && change.variables ? change.variables : me.data.state
  const chosen = (CHOSEN_STATES as readonly string[]).includes(state)
  const n = formattersFor(i18n.language).number
  const clock = left === null ? '' : `${n(Math.floor(left / 60))}:${n(left % 60).padStart(2, n(0))}`
  return (
    <Group gap={6} wrap="nowrap" className="agent-state" visibleFrom={visibleFrom} hiddenFrom={hiddenFrom} px={hiddenFrom ? 'sm' : undefined}>
      {left !== null ? <Badge color="yellow" variant="light" size="sm" role="timer" aria-label={t('acdadmin.state.wrapUpLeft', { time: clock })}>{clock}</Badge> : null}
      <NativeSelect size="xs" aria-label={t('acdadmin.state.mine')} value={state} disabled={change.isPending} w="7.5rem"
        leftSection={<span className="agent-state-dot" style={{ background: `var(--mantine-color-${COLORS[state]}-6)` }} aria-hidden />} leftSectionWidth={22}
        onChange={(event) => change.mutate(event.currentTarget.value as ChosenState)}
        data={[...(chosen ? [] : [{ value: state, label: t(`acdadmin.state.${state}`), disabled: true }]), ...CHOSEN_STATES.map((value) => ({ value, label: t(`acdadmin.state.${value}`) }))]} />
    </Group>
  )
}
