import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { deleteField, deleteObject, updateObject } from '../../api/settings.js'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import { linkProps, navigate, recordsPath } from '../../app/router.js'
import { FormError } from '../auth/FormError.js'
import { OBJECTS_KEY } from '../records/useObjects.js'
import { ConfirmDialog } from './ConfirmDialog.js'
import { FieldDialog } from './FieldDialog.js'

/** One object: its labels, its fields (add, edit, delete) and, for a custom object, deleting it. */
export function ObjectEditor({ apiName, objects }: { apiName: string; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const object = objects.find((o) => o.apiName === apiName)
  const [editing, setEditing] = useState<FieldDescription | 'new' | null>(null)
  const [removingField, setRemovingField] = useState<FieldDescription | null>(null)
  const [removingObject, setRemovingObject] = useState(false)
  const refresh = () => client.invalidateQueries({ queryKey: OBJECTS_KEY })
  const removeField = useMutation({
    mutationFn: (field: FieldDescription) => deleteField(apiName, field.apiName),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      await refresh()
      setRemovingField(null)
    },
  })
  const removeObject = useMutation({
    mutationFn: () => deleteObject(apiName),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      navigate('/settings/data-model', { replace: true })
      await refresh()
    },
  })

  if (!object) return <Text role="alert">{t('settings.objectMissing')}</Text>
  const fields = [...object.fields].sort((a, b) => a.position - b.position)
  return (
    <Stack gap="md">
      <Anchor size="sm" {...linkProps('/settings/data-model')}>{t('settings.backToDataModel')}</Anchor>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3"><bdi>{object.labelPlural}</bdi></Title>
        <Anchor size="sm" {...linkProps(recordsPath(object.apiName))}>{t('settings.openRecords')}</Anchor>
      </Group>
      <ObjectLabels key={`${object.labelSingular}/${object.labelPlural}`} object={object} />
      <Group justify="space-between">
        <Title order={3} size="h4">{t('settings.fieldsTitle')}</Title>
        <Button onClick={() => setEditing('new')}>{t('settings.addField')}</Button>
      </Group>
      <div className="settings-table-wrap">
        <Table striped aria-label={t('settings.fieldsTable', { object: object.labelPlural })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.fieldLabel')}</Table.Th>
              <Table.Th>{t('settings.apiName')}</Table.Th>
              <Table.Th>{t('settings.fieldType')}</Table.Th>
              <Table.Th><VisuallyHidden>{t('settings.actions')}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((field) => (
              <Table.Tr key={field.apiName}>
                <Table.Td>
                  <bdi>{field.label}</bdi>
                  {field.required ? <Text span c="red" ms={4} title={t('settings.required')}>*<VisuallyHidden>{t('settings.required')}</VisuallyHidden></Text> : null}
                </Table.Td>
                <Table.Td><code dir="ltr">{field.apiName}</code></Table.Td>
                <Table.Td>{t(`settings.type.${field.type}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    <Button size="compact-xs" variant="light" onClick={() => setEditing(field)} aria-label={t('settings.editField', { field: field.label })}>{t('settings.edit')}</Button>
                    {/* The record's title field and standard fields stay; the server refuses deleting them too. */}
                    {!field.isStandard && !object.labelFields.includes(field.apiName) ? (
                      <Button size="compact-xs" variant="light" color="red" onClick={() => { removeField.reset(); setRemovingField(field) }}
                        aria-label={t('settings.deleteField', { field: field.label })}>{t('settings.delete')}</Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {!object.isStandard ? (
        <Group>
          <Button variant="outline" color="red" onClick={() => { removeObject.reset(); setRemovingObject(true) }}>{t('settings.deleteObject', { object: object.labelPlural })}</Button>
        </Group>
      ) : null}
      {editing ? <FieldDialog object={object} objects={objects} field={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog opened={removingField !== null} onClose={() => setRemovingField(null)} title={t('settings.deleteFieldTitle')}
        message={t('settings.deleteFieldLoss', { field: removingField?.label ?? '', object: object.labelPlural })}
        confirmLabel={t('settings.deleteFieldConfirm')} loading={removeField.isPending} error={removeField.error}
        onConfirm={() => removingField && removeField.mutate(removingField)} />
      <ConfirmDialog opened={removingObject} onClose={() => setRemovingObject(false)} title={t('settings.deleteObjectTitle')}
        message={t('settings.deleteObjectLoss', { object: object.labelPlural })}
        confirmLabel={t('settings.deleteObjectConfirm')} loading={removeObject.isPending} error={removeObject.error}
        onConfirm={() => removeObject.mutate()} />
    </Stack>
  )
}

function ObjectLabels({ object }: { object: ObjectDescription }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [labels, setLabels] = useState({ labelSingular: object.labelSingular, labelPlural: object.labelPlural })
  const save = useMutation({
    mutationFn: () => updateObject(object.apiName, { labelSingular: labels.labelSingular.trim(), labelPlural: labels.labelPlural.trim() }),
    meta: { handlesOwnErrors: true },
    onSuccess: () => client.invalidateQueries({ queryKey: OBJECTS_KEY }),
  })
  const changed = labels.labelSingular !== object.labelSingular || labels.labelPlural !== object.labelPlural
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <TextInput label={t('settings.labelSingular')} value={labels.labelSingular} onChange={(e) => { const v = e.currentTarget.value; setLabels((l) => ({ ...l, labelSingular: v })) }} />
          <TextInput label={t('settings.labelPlural')} value={labels.labelPlural} onChange={(e) => { const v = e.currentTarget.value; setLabels((l) => ({ ...l, labelPlural: v })) }} />
          <Button type="submit" variant="light" disabled={!changed} loading={save.isPending}>{t('settings.rename')}</Button>
        </Group>
        <FormError error={save.error} />
      </Stack>
    </form>
  )
}
