import { Anchor, Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createObject } from '../../api/settings.js'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps, navigate } from '../../app/router.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { OBJECTS_KEY } from '../records/useObjects.js'
import { apiNameFrom } from './api-name.js'

export const objectSettingsPath = (apiName: string) => `/settings/data-model/${encodeURIComponent(apiName)}`

/** The data model: every object with its field count; a new custom object starts here. */
export function DataModelSettings({ objects }: { objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const [creating, setCreating] = useState(false)
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">{t('settings.section.data-model')}</Title>
        <Button onClick={() => setCreating(true)}>{t('settings.newObject')}</Button>
      </Group>
      <div className="settings-table-wrap">
        <Table striped highlightOnHover aria-label={t('settings.objectsTable')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.objectName')}</Table.Th>
              <Table.Th>{t('settings.apiName')}</Table.Th>
              <Table.Th>{t('settings.fieldCount')}</Table.Th>
              <Table.Th>{t('settings.objectKind')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {objects.map((object) => (
              <Table.Tr key={object.apiName}>
                <Table.Td><Anchor {...linkProps(objectSettingsPath(object.apiName))}><bdi>{object.labelPlural}</bdi></Anchor></Table.Td>
                <Table.Td><code dir="ltr">{object.apiName}</code></Table.Td>
                <Table.Td>{t('settings.fields', { count: object.fields.length })}</Table.Td>
                <Table.Td>{object.isStandard ? <Badge variant="light" color="gray">{t('settings.standard')}</Badge> : <Badge variant="light">{t('settings.custom')}</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <NewObjectDialog opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  )
}

function NewObjectDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [form, setForm] = useState({ labelSingular: '', labelPlural: '', apiName: '' })
  const [apiNameTouched, setApiNameTouched] = useState(false)
  const create = useMutation({
    mutationFn: () => createObject({ labelSingular: form.labelSingular.trim(), labelPlural: form.labelPlural.trim(), apiName: form.apiName }),
    meta: { handlesOwnErrors: true },
    onSuccess: async (object) => {
      await client.invalidateQueries({ queryKey: OBJECTS_KEY })
      onClose()
      setForm({ labelSingular: '', labelPlural: '', apiName: '' })
      setApiNameTouched(false)
      navigate(objectSettingsPath(object.apiName))
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate()
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.newObject')} centered closeButtonProps={{ 'aria-label': t('settings.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('settings.labelSingular')} required data-autofocus value={form.labelSingular} error={fieldProblem(create.error, '/labelSingular')}
            onChange={(event) => {
              const labelSingular = event.currentTarget.value
              setForm((f) => ({ ...f, labelSingular }))
            }} />
          <TextInput label={t('settings.labelPlural')} required value={form.labelPlural} error={fieldProblem(create.error, '/labelPlural')}
            onChange={(event) => {
              const labelPlural = event.currentTarget.value
              setForm((f) => ({ ...f, labelPlural, apiName: apiNameTouched ? f.apiName : apiNameFrom(labelPlural) }))
            }} />
          <TextInput label={t('settings.apiName')} description={t('settings.apiNameHint')} required dir="ltr" value={form.apiName} error={fieldProblem(create.error, '/apiName')}
            onChange={(event) => {
              const apiName = event.currentTarget.value
              setApiNameTouched(true)
              setForm((f) => ({ ...f, apiName }))
            }} />
          <FormError error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('settings.cancel')}</Button>
            <Button type="submit" loading={create.isPending}>{t('settings.create')}</Button>
          </Group>
          <Text size="xs" c="dimmed">{t('settings.newObjectNote')}</Text>
        </Stack>
      </form>
    </Modal>
  )
}
