import { Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { inviteMember, listMembers, listRoles, removeMember, setMemberRole, type Member } from '../../api/settings.js'
import type { Me } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { ConfirmDialog } from './ConfirmDialog.js'

const MEMBERS = ['settings', 'members'] as const
export const ROLES = ['settings', 'roles'] as const

/** Who is in the workspace, with which role; invitations by mail; removing someone. */
export function MembersSettings({ me }: { me: Me }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const members = useQuery({ queryKey: MEMBERS, queryFn: ({ signal }) => listMembers(signal) })
  const roles = useQuery({ queryKey: ROLES, queryFn: ({ signal }) => listRoles(signal) })
  const [removing, setRemoving] = useState<Member | null>(null)
  const refresh = () => client.invalidateQueries({ queryKey: MEMBERS })
  const assign = useMutation({ mutationFn: (input: { userId: string; roleId: string }) => setMemberRole(input.userId, input.roleId), onSettled: refresh })
  const remove = useMutation({
    mutationFn: (userId: string) => removeMember(userId),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      setRemoving(null)
      await refresh()
    },
  })
  if (members.isError) return <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))
  return (
    <Stack gap="md">
      <Title order={2} size="h3">{t('settings.section.members')}</Title>
      <div className="settings-table-wrap">
        <Table striped aria-label={t('settings.section.members')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.memberName')}</Table.Th>
              <Table.Th>{t('auth.email')}</Table.Th>
              <Table.Th>{t('settings.role')}</Table.Th>
              <Table.Th><VisuallyHidden>{t('settings.actions')}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(members.data ?? []).map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Td><bdi>{member.name}</bdi></Table.Td>
                <Table.Td><bdi dir="ltr">{member.email}</bdi></Table.Td>
                <Table.Td>
                  <NativeSelect size="xs" aria-label={t('settings.roleOf', { name: member.name })} value={member.roleId} data={roleOptions}
                    disabled={member.userId === me.user?.id} onChange={(event) => assign.mutate({ userId: member.userId, roleId: event.currentTarget.value })} />
                </Table.Td>
                <Table.Td>
                  {member.userId !== me.user?.id ? (
                    <Button size="compact-xs" variant="light" color="red" onClick={() => { remove.reset(); setRemoving(member) }}
                      aria-label={t('settings.removeMemberNamed', { name: member.name })}>{t('settings.remove')}</Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <InviteForm roleOptions={roleOptions} />
      <ConfirmDialog opened={removing !== null} onClose={() => setRemoving(null)} title={t('settings.removeMemberTitle')}
        message={t('settings.removeMemberLoss', { name: removing?.name ?? '' })} confirmLabel={t('settings.remove')}
        loading={remove.isPending} error={remove.error} onConfirm={() => removing && remove.mutate(removing.userId)} />
    </Stack>
  )
}

function InviteForm({ roleOptions }: { roleOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [roleId, setRoleId] = useState('')
  const invite = useMutation({
    mutationFn: () => inviteMember({ email: email.trim(), roleId: roleId || roleOptions.find((r) => r.label === 'Member')?.value || roleOptions[0]?.value || '' }),
    meta: { handlesOwnErrors: true },
    onSuccess: () => setEmail(''),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    invite.mutate()
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="invite-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="invite-title">{t('settings.inviteTitle')}</Title>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('auth.email')} type="email" required value={email} onChange={(event) => setEmail(event.currentTarget.value)} error={fieldProblem(invite.error, '/email')} />
          <NativeSelect label={t('settings.role')} value={roleId || roleOptions.find((r) => r.label === 'Member')?.value} data={roleOptions}
            onChange={(event) => setRoleId(event.currentTarget.value)} error={fieldProblem(invite.error, '/roleId')} />
          <Button type="submit" loading={invite.isPending}>{t('settings.invite')}</Button>
        </Group>
        <FormError error={invite.error} />
        {invite.isSuccess ? <Alert color="green" variant="light" role="status">{t('settings.invited', { email: invite.data.data.email })}</Alert> : null}
        <Text size="xs" c="dimmed">{t('settings.inviteHint')}</Text>
      </Stack>
    </form>
  )
}
