import { Alert, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { OBJECT_ACTIONS, type ObjectAction, type ObjectPermission, type RolePermissions } from '../../../../contracts/access.js'
import { createRole, listRoles, updateRole, type Role } from '../../api/settings.js'
import type { ObjectDescription } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { ROLES } from './MembersSettings.js'

type FieldAccess = 'full' | 'readOnly' | 'hidden'

/** Roles: what each may do per object (read, create, …) and which fields it sees or may only read. */
export function RolesSettings({ objects }: { objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const roles = useQuery({ queryKey: ROLES, queryFn: ({ signal }) => listRoles(signal) })
  const [selected, setSelected] = useState<string | null>(null)
  if (roles.isError) return <ErrorAlert error={roles.error} onRetry={() => void roles.refetch()} />
  const role = roles.data?.find((r) => r.id === selected)
  return (
    <Stack gap="md">
      <Title order={2} size="h3">{t('settings.section.roles')}</Title>
      <Group gap="xs" role="group" aria-label={t('settings.section.roles')}>
        {(roles.data ?? []).map((r) => (
          <Button key={r.id} size="xs" variant={r.id === selected ? 'filled' : 'light'} onClick={() => setSelected(r.id)} aria-pressed={r.id === selected}>
            {r.name}{r.isAdmin ? <Badge ms={6} size="xs" color="gray">{t('settings.admin')}</Badge> : null}
          </Button>
        ))}
      </Group>
      <NewRoleForm onCreated={setSelected} />
      {role ? (role.isAdmin ? <Text c="dimmed">{t('settings.adminRoleNote')}</Text> : <RoleEditor key={role.id} role={role} objects={objects} />) : <Text c="dimmed">{t('settings.pickRole')}</Text>}
    </Stack>
  )
}

function NewRoleForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [name, setName] = useState('')
  const create = useMutation({
    mutationFn: () => createRole({ name: name.trim(), permissions: { defaultObject: { read: true } } }),
    meta: { handlesOwnErrors: true },
    onSuccess: async (role) => {
      setName('')
      await client.invalidateQueries({ queryKey: ROLES })
      onCreated(role.id)
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <TextInput label={t('settings.newRoleName')} value={name} onChange={(event) => setName(event.currentTarget.value)} error={fieldProblem(create.error, '/name')} />
        <Button type="submit" variant="light" loading={create.isPending}>{t('settings.createRole')}</Button>
      </Group>
      {!fieldProblem(create.error, '/name') ? <FormError error={create.error} /> : null}
    </form>
  )
}

function RoleEditor({ role, objects }: { role: Role; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [permissions, setPermissions] = useState<RolePermissions>(role.permissions)
  const [fieldObject, setFieldObject] = useState(objects[0]?.apiName ?? '')
  const save = useMutation({
    mutationFn: () => updateRole(role.id, { permissions }),
    meta: { handlesOwnErrors: true },
    onSuccess: () => client.invalidateQueries({ queryKey: ROLES }),
  })
  const effective = (object: string): ObjectPermission => permissions.objects?.[object] ?? permissions.defaultObject ?? {}
  const toggle = (object: string, action: ObjectAction, on: boolean) => {
    save.reset()
    setPermissions((p) => ({ ...p, objects: { ...p.objects, [object]: { ...effective(object), [action]: on } } }))
  }
  const fieldAccess = (object: string, field: string): FieldAccess => permissions.fields?.[object]?.[field] ?? 'full'
  const setFieldAccess = (object: string, field: string, access: FieldAccess) => {
    save.reset()
    setPermissions((p) => {
      const { [field]: _dropped, ...rest } = p.fields?.[object] ?? {}
      return { ...p, fields: { ...p.fields, [object]: access === 'full' ? rest : { ...rest, [field]: access } } }
    })
  }
  const target = objects.find((o) => o.apiName === fieldObject)
  return (
    <Stack gap="md">
      <Title order={3} size="h4">{t('settings.permissionsOf', { role: role.name })}</Title>
      <div className="settings-table-wrap">
        <Table striped aria-label={t('settings.objectPermissions')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.objectName')}</Table.Th>
              {OBJECT_ACTIONS.map((action) => <Table.Th key={action}>{t(`settings.action.${action}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {objects.map((object) => (
              <Table.Tr key={object.apiName}>
                <Table.Td><bdi>{object.labelPlural}</bdi></Table.Td>
                {OBJECT_ACTIONS.map((action) => (
                  <Table.Td key={action}>
                    <Checkbox aria-label={t('settings.mayDo', { action: t(`settings.action.${action}`), object: object.labelPlural })}
                      checked={effective(object.apiName)[action] === true} onChange={(event) => toggle(object.apiName, action, event.currentTarget.checked)} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Title order={4} size="h5">{t('settings.fieldSecurity')}</Title>
      <NativeSelect label={t('settings.objectName')} value={fieldObject} onChange={(event) => setFieldObject(event.currentTarget.value)}
        data={objects.map((o) => ({ value: o.apiName, label: o.labelPlural }))} maw={320} />
      {target ? (
        <Stack gap={6}>
          {target.fields.map((field) => (
            <Group key={field.apiName} justify="space-between" wrap="nowrap" maw={520}>
              <Text size="sm"><bdi>{field.label}</bdi></Text>
              <NativeSelect size="xs" aria-label={t('settings.fieldAccessOf', { field: field.label })} value={fieldAccess(target.apiName, field.apiName)}
                onChange={(event) => setFieldAccess(target.apiName, field.apiName, event.currentTarget.value as FieldAccess)}
                data={(['full', 'readOnly', 'hidden'] as const).map((value) => ({ value, label: t(`settings.fieldAccess.${value}`) }))} />
            </Group>
          ))}
        </Stack>
      ) : null}
      <FormError error={save.error} />
      {save.isSuccess ? <Alert color="green" variant="light" role="status">{t('settings.saved')}</Alert> : null}
      <Group><Button loading={save.isPending} onClick={() => save.mutate()}>{t('settings.saveRole')}</Button></Group>
    </Stack>
  )
}
