import { Alert, Button, Code, CopyButton, Group, NativeSelect, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createApiKey, listApiKeys, listRoles, revokeApiKey, type ApiKeyInfo } from '../../api/settings.js'
import type { Me } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { ConfirmDialog } from './ConfirmDialog.js'

const KEYS = ['settings', 'api-keys'] as const

/** API keys: yours (administrators see all and may make role keys). A new key is shown once. */
export function ApiKeysSettings({ me }: { me: Me }) {
  const { t, i18n } = useTranslation()
  const client = useQueryClient()
  const keys = useQuery({ queryKey: KEYS, queryFn: ({ signal }) => listApiKeys(signal) })
  const roles = useQuery({ queryKey: ['settings', 'roles'], queryFn: ({ signal }) => listRoles(signal), enabled: me.role.isAdmin })
  const [name, setName] = useState('')
  const [roleId, setRoleId] = useState('')
  const [created, setCreated] = useState<string | null>(null)
  const [revoking, setRevoking] = useState<ApiKeyInfo | null>(null)
  const create = useMutation({
    mutationFn: () => createApiKey({ name: name.trim(), ...(roleId ? { roleId } : {}) }),
    meta: { handlesOwnErrors: true },
    onSuccess: async (key) => {
      setCreated(key.key)
      setName('')
      await client.invalidateQueries({ queryKey: KEYS })
    },
  })
  const revoke = useMutation({
    mutationFn: (id: string) => revokeApiKey(id),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      setRevoking(null)
      await client.invalidateQueries({ queryKey: KEYS })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setCreated(null)
    create.mutate()
  }
  return (
    <Stack gap="md">
      <Title order={2} size="h3">{t('settings.section.api-keys')}</Title>
      <Text c="dimmed" size="sm">{t('settings.apiKeysIntro')}</Text>
      <Code className="settings-secret">Authorization: Bearer rpk_…</Code>
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('settings.keyName')} required value={name} onChange={(event) => setName(event.currentTarget.value)} error={fieldProblem(create.error, '/name')} />
          {me.role.isAdmin && roles.data ? (
            <NativeSelect label={t('settings.keyActsAs')} value={roleId} onChange={(event) => setRoleId(event.currentTarget.value)}
              data={[{ value: '', label: t('settings.keyAsMe') }, ...roles.data.map((r) => ({ value: r.id, label: t('settings.keyAsRole', { role: r.name }) }))]} />
          ) : null}
          <Button type="submit" loading={create.isPending}>{t('settings.createKey')}</Button>
        </Group>
      </form>
      <FormError error={create.error} />
      {created ? (
        <Alert color="green" variant="light" title={t('settings.keyCreated')} role="status">
          <Stack gap="xs">
            <Text size="sm">{t('settings.keyShownOnce')}</Text>
            <Code block className="settings-secret" data-testid="new-api-key">{created}</Code>
            <Group>
              <CopyButton value={created}>
                {({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? t('settings.copied') : t('settings.copyKey')}</Button>}
              </CopyButton>
              <Button size="xs" variant="subtle" onClick={() => setCreated(null)}>{t('settings.keyDone')}</Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {keys.isError ? <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} /> : null}
      {keys.data?.length === 0 ? <Text c="dimmed">{t('settings.noKeys')}</Text> : null}
      {keys.data && keys.data.length > 0 ? (
        <div className="settings-table-wrap">
          <Table striped aria-label={t('settings.section.api-keys')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.keyName')}</Table.Th>
                <Table.Th>{t('settings.keyPrefix')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('settings.keyCreatedAt')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('settings.keyLastUsed')}</Table.Th>
                <Table.Th><VisuallyHidden>{t('settings.actions')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td><bdi>{key.name}</bdi></Table.Td>
                  <Table.Td><code dir="ltr">{key.prefix}…</code></Table.Td>
                  <Table.Td visibleFrom="sm">{formattersFor(i18n.language).dateTime(key.createdAt)}</Table.Td>
                  <Table.Td visibleFrom="sm">{key.lastUsedAt ? formattersFor(i18n.language).dateTime(key.lastUsedAt) : t('settings.never')}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="light" color="red" onClick={() => { revoke.reset(); setRevoking(key) }}
                      aria-label={t('settings.revokeKeyNamed', { name: key.name })}>{t('settings.revoke')}</Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ) : null}
      <ConfirmDialog opened={revoking !== null} onClose={() => setRevoking(null)} title={t('settings.revokeKeyTitle')}
        message={t('settings.revokeKeyLoss', { name: revoking?.name ?? '' })} confirmLabel={t('settings.revoke')}
        loading={revoke.isPending} error={revoke.error} onConfirm={() => revoking && revoke.mutate(revoking.id)} />
    </Stack>
  )
}
