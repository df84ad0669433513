/**
 * Who is calling: each matching person or company with company, value class and open items,
 * linked to their record pages; for an unknown number, a button that creates a person with
 * the number filled in and opens them.
 */
import { Anchor, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { createRecord } from '../../api/records-write.js'
import { fetchCallCard, type CallPush, type CardMatch } from '../../api/telephony.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { showErrorToast } from '../../components/toasts.js'
import { linkProps, navigate, recordPath } from '../../app/router.js'

function MatchView({ match }: { match: CardMatch }) {
  const { t } = useTranslation()
  return (
    <Stack gap={4} className="screen-pop-match">
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Anchor fw={600} {...linkProps(recordPath(match.object, match.id))}><bdi>{match.label}</bdi></Anchor>
        {match.valueClass ? <Badge size="sm" variant="light" title={match.valueClass.label}>{t('telephony.valueClass', { value: match.valueClass.value })}</Badge> : null}
      </Group>
      {match.company ? <Anchor size="sm" {...linkProps(recordPath('companies', match.company.id))}><bdi>{match.company.label}</bdi></Anchor> : null}
      {match.object === 'companies' ? <Text size="xs" c="dimmed">{t('telephony.company')}</Text> : null}
      <Text size="xs" fw={600}>{t('telephony.openOpportunities', { count: match.openOpportunities.length })}</Text>
      {match.openOpportunities.length ? (
        <Stack gap={2} component="ul" className="screen-pop-items">
          {match.openOpportunities.map((o) => (
            <li key={o.id}><Anchor size="xs" {...linkProps(recordPath('opportunities', o.id))}><bdi>{o.label}</bdi></Anchor>{o.detail ? <Text span size="xs" c="dimmed"> · <bdi>{o.detail}</bdi></Text> : null}</li>
          ))}
        </Stack>
      ) : null}
      <Text size="xs" fw={600}>{t('telephony.openActivities', { count: match.openActivities.length })}</Text>
      {match.openActivities.length ? (
        <Stack gap={2} component="ul" className="screen-pop-items">
          {match.openActivities.map((a) => <li key={a.id}><Anchor size="xs" {...linkProps(recordPath('activities', a.id))}><bdi>{a.label}</bdi></Anchor></li>)}
        </Stack>
      ) : null}
    </Stack>
  )
}

export function CallerCard({ call }: { call: CallPush }) {
  const { t } = useTranslation()
  const card = useQuery({ queryKey: ['telephony', 'card', call.lineId, call.callId], queryFn: ({ signal }) => fetchCallCard(call, signal), staleTime: 60_000 })
  const create = useMutation({
    mutationFn: (phone: string) => createRecord('people', { phone }),
    onSuccess: (person) => navigate(recordPath('people', person.id)),
    onError: (error) => showErrorToast(t('telephony.createFailed'), error.message),
  })
  if (card.isPending) return <Group justify="center" py="xs"><Loader size="xs" aria-label={t('telephony.loadingCard')} /></Group>
  if (card.isError) return <ErrorAlert error={card.error} onRetry={() => void card.refetch()} />
  const { matches, createPrefill } = card.data
  return (
    <Stack gap="sm">
      {matches.length > 1 ? <Text size="xs" c="dimmed">{t('telephony.severalMatches', { count: matches.length })}</Text> : null}
      {matches.map((match) => <MatchView key={`${match.object}/${match.id}`} match={match} />)}
      {matches.length === 0 ? <Text size="sm">{t('telephony.unknownCaller')}</Text> : null}
      {createPrefill ? (
        <Button size="xs" variant="light" loading={create.isPending} onClick={() => create.mutate(createPrefill.values.phone)}>
          {t('telephony.createPerson')}
        </Button>
      ) : null}
    </Stack>
  )
}
