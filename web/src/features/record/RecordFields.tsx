/**
 * The record's own fields, each editable in place when the role may update the object and
 * field-level security does not make the field read-only. To-many relations are not fields
 * here: they are the related lists beside.
 */
import { Paper, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, FieldDescription, ObjectDescription } from '../../api/types.js'
import type { RecordSaver } from '../editing/useSaveRecord.js'
import type { FormatContext } from '../records/fields.js'
import { EditableField } from './EditableField.js'

/** Fields that hold one value on the record itself (not to-many relations or links). */
export const ownFields = (object: ObjectDescription): FieldDescription[] =>
  object.fields
    .filter((field) => field.type !== 'links' && (field.type !== 'relation' || field.options.relation?.kind === 'manyToOne'))
    .sort((a, b) => a.position - b.position)

export function RecordFields({ object, record, ctx, saver }: { object: ObjectDescription; record: ApiRecord; ctx: FormatContext; saver: RecordSaver }) {
  const { t } = useTranslation()
  const canEdit = object.access?.update !== false
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="record-fields-title">
      <Text component="h2" fw={600} size="sm" mb="sm" id="record-fields-title">{t('record.details')}</Text>
      <dl className="record-field-list">
        {ownFields(object).map((field) => (
          <EditableField key={field.apiName} field={field} record={record} ctx={ctx} saver={saver} canEdit={canEdit} />
        ))}
        {(['createdAt', 'updatedAt'] as const).map((key) => (
          <div key={key} className="record-field">
            <Text component="dt" size="xs" c="dimmed">{t(key === 'createdAt' ? 'records.created' : 'records.updated')}</Text>
            <dd>
              <Text size="sm" className="field-value" data-system-field={key}>
                <bdi>{typeof record[key] === 'string' ? ctx.fmt.dateTime(record[key]) : '—'}</bdi>
              </Text>
            </dd>
          </div>
        ))}
      </dl>
    </Paper>
  )
}
