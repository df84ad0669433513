/**
 * Quota management for administrators: add a quota per owner, period (month YYYY-MM or quarter
 * YYYY-Qn) and currency, change its amount, delete it. Every write refreshes the attainment
 * table beside it; a refused write shows the API's problem (toast from the query client, and
 * the field's message under the input it names).
 */
import { ActionIcon, Button, Group, Select, Stack, Table, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { createQuota, deleteQuota, listQuotas, updateQuota, type Quota } from '../../api/planning.js'
import { analysisFormat } from './format.js'
import { currentQuarter, useMembers, useWorkspaceCurrency } from './planning-hooks.js'
import { QueryState } from './QueryState.js'

const fieldError = (error: unknown, pointer: string) =>
  isApiError(error) ? error.errors.find((problem) => problem.pointer === pointer)?.detail : undefined

function useRefresh() {
  const client = useQueryClient()
  return () => Promise.all([
    client.invalidateQueries({ queryKey: ['planning', 'quotas'] }),
    client.invalidateQueries({ queryKey: ['analysis', 'attainment'] }),
  ])
}

function AddQuota({ owners }: { owners: { value: string; label: string }[] }) {
  const { t } = useTranslation()
  const currency = useWorkspaceCurrency()
  const refresh = useRefresh()
  const [ownerId, setOwnerId] = useState<string | null>(null)
  const [period, setPeriod] = useState(currentQuarter())
  const [amount, setAmount] = useState('')
  const [code, setCode] = useState<string | null>(null)
  const create = useMutation({
    mutationFn: () => createQuota({ ownerId: ownerId ?? '', period: period.trim(), amount: amount.trim(), currency: (code ?? currency).trim().toUpperCase() }),
    onSuccess: async () => {
      setAmount('')
      await refresh()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate()
  }
  return (
    <form onSubmit={submit} aria-label={t('planning.quotas.addTitle')}>
      <Group align="flex-start" gap="xs" wrap="wrap">
        <Select label={t('planning.quotas.owner')} data={owners} value={ownerId} onChange={setOwnerId} required searchable allowDeselect={false} w={200} error={fieldError(create.error, '/ownerId')} />
        <TextInput label={t('planning.quotas.period')} placeholder={t('planning.quotas.periodHint')} dir="ltr" value={period} onChange={(e) => setPeriod(e.currentTarget.value)} required w={140}
          error={fieldError(create.error, '/period')} />
        <TextInput label={t('planning.quotas.amount')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} required w={150}
          error={fieldError(create.error, '/amount')} />
        <TextInput label={t('planning.quotas.currency')} value={code ?? currency} onChange={(e) => setCode(e.currentTarget.value)} dir="ltr" required maxLength={3} w={90}
          error={fieldError(create.error, '/currency')} />
        <Button type="submit" mt={24} loading={create.isPending} disabled={!ownerId || !amount.trim()}>{t('planning.quotas.add')}</Button>
      </Group>
    </form>
  )
}

function QuotaRow({ quota, ownerName, periodName }: { quota: Quota; ownerName: string; periodName: string }) {
  const { t, i18n } = useTranslation()
  const f = analysisFormat(i18n.language)
  const refresh = useRefresh()
  const [editing, setEditing] = useState<string | null>(null)
  const update = useMutation({ mutationFn: (amount: string) => updateQuota(quota.id, { amount, currency: quota.currency }), onSuccess: async () => { setEditing(null); await refresh() } })
  const remove = useMutation({ mutationFn: () => deleteQuota(quota.id), onSuccess: refresh })
  const label = t('planning.quotas.rowLabel', { owner: ownerName, period: periodName })
  return (
    <Table.Tr>
      <Table.Td><bdi>{ownerName}</bdi></Table.Td>
      <Table.Td>{periodName}</Table.Td>
      <Table.Td>
        {editing === null ? f.money(quota.amount, quota.currency) : (
          <form onSubmit={(e) => { e.preventDefault(); update.mutate(editing.trim()) }}>
            <Group gap={4} wrap="nowrap">
              <TextInput size="xs" inputMode="decimal" aria-label={t('planning.quotas.newAmount', { row: label })} value={editing} onChange={(e) => setEditing(e.currentTarget.value)} w={120}
                error={fieldError(update.error, '/amount')} autoFocus />
              <Button size="xs" type="submit" loading={update.isPending}>{t('planning.save')}</Button>
              <Button size="xs" variant="subtle" onClick={() => setEditing(null)}>{t('planning.cancel')}</Button>
            </Group>
          </form>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {editing === null ? <Button size="xs" variant="light" onClick={() => setEditing(quota.amount)} aria-label={t('planning.quotas.edit', { row: label })}>{t('planning.edit')}</Button> : null}
          <ActionIcon variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()} aria-label={t('planning.quotas.delete', { row: label })}>×</ActionIcon>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

export function QuotaManager({ ownerName, periodName }: { ownerName: (id: string | null) => string; periodName: (period: string) => string }) {
  const { t } = useTranslation()
  const members = useMembers(true)
  const quotas = useQuery({ queryKey: ['planning', 'quotas'], queryFn: ({ signal }) => listQuotas(signal) })
  const owners = (members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">{t('planning.quotas.title')}</Title>
      <AddQuota owners={owners} />
      <QueryState query={quotas} empty={(rows) => rows.length === 0}>
        {(rows) => (
          <div className="analysis-table-wrap">
            <Table data-testid="quota-list">
              <Table.Thead><Table.Tr>
                <Table.Th>{t('planning.quotas.owner')}</Table.Th><Table.Th>{t('planning.quotas.period')}</Table.Th>
                <Table.Th>{t('planning.quotas.amount')}</Table.Th><Table.Th><VisuallyHidden>{t('planning.actions')}</VisuallyHidden></Table.Th>
              </Table.Tr></Table.Thead>
              <Table.Tbody>{rows.map((q) => <QuotaRow key={q.id} quota={q} ownerName={ownerName(q.ownerId)} periodName={periodName(q.period)} />)}</Table.Tbody>
            </Table>
          </div>
        )}
      </QueryState>
    </Stack>
  )
}
