import { Button, Checkbox, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { FIELD_TYPES, RELATION_KINDS, type FieldOptions, type FieldType, type RelationKind, type SelectChoice } from '../../../../contracts/field-types.js'
import { createField, updateField } from '../../api/settings.js'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { OBJECTS_KEY } from '../records/useObjects.js'
import { apiNameFrom } from './api-name.js'
import { ChoicesEditor, withValues } from './ChoicesEditor.js'

/** Types a person can add here; `links` (polymorphic) belongs to the standard activities. */
const ADDABLE_TYPES = FIELD_TYPES.filter((type) => type !== 'links')
const hasChoices = (type: FieldType) => type === 'select' || type === 'multiSelect'

/** Adds a field (any type; relations name their target and kind) or edits one: label, API name, required, options. */
export function FieldDialog({ object, objects, field, onClose }: { object: ObjectDescription; objects: ObjectDescription[]; field?: FieldDescription; onClose: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [label, setLabel] = useState(field?.label ?? '')
  const [apiName, setApiName] = useState(field?.apiName ?? '')
  const [apiNameTouched, setApiNameTouched] = useState(field !== undefined)
  const [type, setType] = useState<FieldType>(field?.type ?? 'text')
  const [required, setRequired] = useState(field?.required ?? false)
  const [choices, setChoices] = useState<SelectChoice[]>(field?.options.choices ?? [])
  const [target, setTarget] = useState(objects[0]?.apiName ?? '')
  const [kind, setKind] = useState<RelationKind>('manyToOne')
  const [currency, setCurrency] = useState(field?.options.defaultCurrency ?? '')

  const options = (): FieldOptions | undefined => {
    if (hasChoices(type)) return { choices: withValues(choices) }
    if (type === 'relation' && !field) return { relation: { target, kind } }
    if (type === 'currency' && currency) return { defaultCurrency: currency.toUpperCase() }
    return undefined
  }
  const save = useMutation({
    mutationFn: () => {
      const opts = options()
      if (field) {
        return updateField(object.apiName, field.apiName, {
          label: label.trim(), required, ...(apiName !== field.apiName ? { apiName } : {}), ...(opts ? { options: opts } : {}),
        })
      }
      return createField(object.apiName, { apiName, label: label.trim(), type, required, ...(opts ? { options: opts } : {}) })
    },
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: OBJECTS_KEY })
      onClose()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  const problem = (pointer: string) => fieldProblem(save.error, pointer)

  return (
    <Modal opened onClose={onClose} centered size="lg" closeButtonProps={{ 'aria-label': t('settings.close') }}
      title={field ? t('settings.editFieldTitle', { field: field.label }) : t('settings.addFieldTitle', { object: object.labelSingular })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('settings.fieldLabel')} required data-autofocus value={label} error={problem('/label')}
            onChange={(event) => {
              const next = event.currentTarget.value
              setLabel(next)
              if (!apiNameTouched) setApiName(apiNameFrom(next))
            }} />
          <TextInput label={t('settings.apiName')} description={field ? t('settings.apiNameRenameHint') : t('settings.apiNameHint')} required dir="ltr"
            value={apiName} error={problem('/apiName')}
            onChange={(event) => {
              setApiNameTouched(true)
              setApiName(event.currentTarget.value)
            }} />
          <NativeSelect label={t('settings.fieldType')} value={type} disabled={field !== undefined} error={problem('/type')}
            onChange={(event) => setType(event.currentTarget.value as FieldType)}
            data={ADDABLE_TYPES.map((value) => ({ value, label: t(`settings.type.${value}`) }))} />
          {type === 'relation' && !field ? (
            <Group grow align="flex-start">
              <NativeSelect label={t('settings.relationTarget')} value={target} onChange={(event) => setTarget(event.currentTarget.value)}
                error={problem('/options/relation/target')} data={objects.map((o) => ({ value: o.apiName, label: o.labelPlural }))} />
              <NativeSelect label={t('settings.relationKind')} value={kind} onChange={(event) => setKind(event.currentTarget.value as RelationKind)}
                data={RELATION_KINDS.map((value) => ({ value, label: t(`settings.kind.${value}`) }))} />
            </Group>
          ) : null}
          {type === 'currency' ? (
            <TextInput label={t('settings.defaultCurrency')} description={t('settings.currencyHint')} dir="ltr" maxLength={3} value={currency}
              onChange={(event) => setCurrency(event.currentTarget.value)} error={problem('/options/defaultCurrency')} />
          ) : null}
          {hasChoices(type) ? <ChoicesEditor choices={choices} onChange={setChoices} /> : null}
          <Checkbox label={t('settings.required')} checked={required} onChange={(event) => setRequired(event.currentTarget.checked)} />
          <FormError error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('settings.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{field ? t('settings.save') : t('settings.addField')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
