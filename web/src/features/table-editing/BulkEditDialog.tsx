/** Sets one field to one value on every selected record (batch updates, 1000 per request). */
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import { FieldEditor } from '../editing/FieldEditor.js'
import { draftOf, parseDraft, type Draft } from '../editing/field-values.js'

/** Fields one value can be set on: the record's own, writable by the caller. */
export const bulkEditableFields = (object: ObjectDescription): FieldDescription[] =>
  object.fields.filter((field) => !field.readOnly && !field.unique && field.type !== 'links'
    && (field.type !== 'relation' || field.options.relation?.kind === 'manyToOne')).sort((a, b) => a.position - b.position)

export function BulkEditDialog({ object, count, opened, onClose, onApply }: {
  object: ObjectDescription
  count: number
  opened: boolean
  onClose: () => void
  onApply: (field: FieldDescription, value: unknown, labels: Record<string, string>) => void
}) {
  const { t } = useTranslation()
  const fields = bulkEditableFields(object)
  const [fieldName, setFieldName] = useState<string | null>(null)
  const [draft, setDraft] = useState<Draft>('')
  const [labels, setLabels] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const field = fields.find((candidate) => candidate.apiName === fieldName)

  const pick = (name: string | null) => {
    setFieldName(name)
    const next = fields.find((candidate) => candidate.apiName === name)
    setDraft(next ? draftOf(next, null) : '')
    setError(null)
  }
  const apply = () => {
    if (!field) return
    const parsed = parseDraft(field, draft, t)
    if (!parsed.ok) {
      setError(parsed.error)
      return
    }
    onApply(field, parsed.value, labels)
    pick(null)
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('bulk.editTitle', { count })} closeButtonProps={{ 'aria-label': t('app.dismiss') }}>
      <Stack gap="sm">
        <Select label={t('bulk.field')} data={fields.map((candidate) => ({ value: candidate.apiName, label: candidate.label }))}
          value={fieldName} onChange={pick} searchable comboboxProps={{ withinPortal: false }} />
        {field ? (
          <FieldEditor key={field.apiName} field={field} draft={draft} error={error} label={t('bulk.newValue', { field: field.label })}
            onChange={(value, title) => { setDraft(value); setError(null); if (title && typeof value === 'string') setLabels({ [value]: title }) }}
            onSubmit={apply} onCancel={onClose} withinPortal={false} />
        ) : <Text size="sm" c="dimmed">{t('bulk.pickField')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('record.cancel')}</Button>
          <Button onClick={apply} disabled={!field}>{t('bulk.apply', { count })}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
