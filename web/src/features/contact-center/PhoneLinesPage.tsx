/**
 * Phone lines (/contact-center/lines, administrators): the lines phone systems post calls with,
 * each with its provider's webhook address and the IVR flow it answers with. "Add line" creates
 * one and shows its token once (LineTokenOnce); a line's flow is saved on its own (LineIvrFlow);
 * revoking asks first. Others see that only administrators manage lines (the server refuses anyway).
 */
import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { listIvrFlows } from '../../api/contact-center.js'
import { listPhoneLines, revokePhoneLine, webhookUrl, type CreatedPhoneLine, type PhoneLine } from '../../api/phone-lines.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { useMe } from '../auth/session.js'
import { AddLineDialog } from './AddLineDialog.js'
import { LineIvrFlow } from './LineIvrFlow.js'
import { LineTokenOnce } from './LineTokenOnce.js'
import { PHONE_LINE_KEYS } from './phone-lines-shared.js'
import './acd.css'
import './phone-lines.css'

function LineCard({ line, flows, onRevoke }: { line: PhoneLine; flows: Parameters<typeof LineIvrFlow>[0]['flows']; onRevoke: () => void }) {
  const { t, i18n } = useTranslation()
  const fmt = formattersFor(i18n.language)
  const blocked = line.blockedNumbers.length
  const facts: [string, string, string, boolean][] = [
    ['number', t('phoneLines.number'), line.number ?? t('phoneLines.noNumber'), line.number !== null],
    ['provider', t('phoneLines.provider'), t(`phoneLines.providers.${line.provider}`), false],
    ['token', t('phoneLines.tokenPrefix'), `${line.tokenPrefix}…`, true],
    ['rate', t('phoneLines.rate'), t('phoneLines.perMinute', { formatted: fmt.number(line.ratePerMinute) }), false],
    ['blocked', t('phoneLines.blocked'), t('phoneLines.blockedCount', { count: blocked, formatted: fmt.number(blocked) }), false],
    ['signed', t('phoneLines.signed'), line.hasSecret ? t('phoneLines.signedYes') : t('phoneLines.signedNo'), false],
    ['created', t('phoneLines.created'), fmt.dateTime(line.createdAt), false],
  ]
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={`line-${line.id}`} data-line={line.name}>
      <div className="line-row">
        <Stack gap={4} miw={0}>
          <Title order={2} size="h5" id={`line-${line.id}`}><bdi>{line.name}</bdi></Title>
          <dl className="acd-facts">
            {facts.map(([key, label, value, ltr]) => (
              <div key={key} data-fact={key}><dt>{label}</dt><dd>{ltr ? <bdi dir="ltr">{value}</bdi> : <bdi>{value}</bdi>}</dd></div>
            ))}
          </dl>
          <Text size="xs" c="dimmed" className="line-url" data-fact="webhook">
            {t('phoneLines.webhook')}: <bdi dir="ltr">{webhookUrl(window.location.origin, line.provider, `${line.tokenPrefix}…`)}</bdi>
          </Text>
        </Stack>
        <Stack gap="xs" className="line-side">
          <LineIvrFlow line={line} flows={flows} />
          <Button size="xs" variant="subtle" color="red" w="fit-content" onClick={onRevoke} aria-label={t('phoneLines.revokeFor', { name: line.name })}>
            {t('phoneLines.revoke')}
          </Button>
        </Stack>
      </div>
    </Paper>
  )
}

function AdminOnly() {
  const { t } = useTranslation()
  return (
    <Stack gap="md">
      <Title order={1} size="h3">{t('phoneLines.title')}</Title>
      <Alert color="gray" variant="light" title={t('phoneLines.adminOnly')} data-state="admin-only">{t('phoneLines.adminOnlyDetail')}</Alert>
    </Stack>
  )
}

export function PhoneLinesPage() {
  const { t, i18n } = useTranslation()
  const me = useMe()
  const client = useQueryClient()
  const isAdmin = me.data?.role.isAdmin === true
  const lines = useQuery({ queryKey: PHONE_LINE_KEYS.lines, queryFn: ({ signal }) => listPhoneLines(signal), enabled: isAdmin, retry: false })
  const flows = useQuery({ queryKey: PHONE_LINE_KEYS.flows, queryFn: ({ signal }) => listIvrFlows(signal), enabled: isAdmin })
  const [adding, setAdding] = useState(false)
  const [created, setCreated] = useState<CreatedPhoneLine | null>(null)
  const [revoking, setRevoking] = useState<PhoneLine | null>(null)
  const revoke = useMutation({
    mutationFn: (line: PhoneLine) => revokePhoneLine(line.id),
    onSuccess: (_, line) => {
      // Drop the line at once and forget its flow, so nothing asks the server about a revoked line (a 404 toast).
      client.setQueryData<PhoneLine[]>(PHONE_LINE_KEYS.lines, (list) => list?.filter((l) => l.id !== line.id))
      client.removeQueries({ queryKey: PHONE_LINE_KEYS.flow(line.id) })
    },
    onSettled: () => { setRevoking(null); void client.invalidateQueries({ queryKey: PHONE_LINE_KEYS.lines, exact: true }) },
  })

  if (me.isPending) return <Text c="dimmed" role="status">{t('app.loading')}</Text>
  if (!isAdmin || (isApiError(lines.error) && lines.error.status === 403)) return <AdminOnly />
  const count = lines.data?.length ?? 0
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h3">{t('phoneLines.title')}</Title>
        <Button onClick={() => setAdding(true)}>{t('phoneLines.add')}</Button>
      </Group>
      <Text size="sm" c="dimmed">{t('phoneLines.intro')} {t('phoneLines.ivr.hint')}</Text>
      {lines.isPending ? <Text c="dimmed" role="status">{t('app.loading')}</Text> : null}
      {lines.isError ? <ErrorAlert error={lines.error} onRetry={() => void lines.refetch()} /> : null}
      {flows.isError ? <ErrorAlert error={flows.error} onRetry={() => void flows.refetch()} /> : null}
      {lines.data?.length === 0 ? <Text c="dimmed">{t('phoneLines.empty')}</Text> : null}
      {count > 0 ? <Text size="sm" c="dimmed">{t('phoneLines.count', { count, formatted: formattersFor(i18n.language).number(count) })}</Text> : null}
      <ul className="acd-list" aria-label={t('phoneLines.title')}>
        {lines.data?.map((line) => (
          <li key={line.id}><LineCard line={line} flows={flows.data} onRevoke={() => setRevoking(line)} /></li>
        ))}
      </ul>
      {adding ? <AddLineDialog onClose={() => setAdding(false)} onCreated={(line) => { setAdding(false); setCreated(line) }} /> : null}
      {created ? <LineTokenOnce line={created} onClose={() => setCreated(null)} /> : null}
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('phoneLines.revokeTitle')}>
        <Stack gap="sm">
          <Text>{t('phoneLines.revokeConfirm', { name: revoking?.name ?? '' })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setRevoking(null)}>{t('phoneLines.cancel')}</Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking)}>{t('phoneLines.revoke')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
