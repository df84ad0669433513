/**
 * One timeline entry. A related record (an activity) shows its title, its choice fields as
 * badges (type, status), its dates and its long text; a field change shows old → new,
 * formatted like the field; everything is read from metadata, never from an object's name.
 */
import { Badge, Group, Stack, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TimelineItem } from '../../api/record-writes.js'
import type { ApiRecord, FieldDescription, ObjectDescription } from '../../api/types.js'
import { CellText } from '../records/CellText.js'
import { MergeEntry, isMergeEntry } from '../duplicates/MergeEntry.js'
import { formatCell, recordTitle, type Column, type FormatContext } from '../records/fields.js'
import { isPendingItem } from './useTimeline.js'

const columnOf = (field: FieldDescription): Column => ({ key: field.apiName, label: field.label, field, sortable: false, width: 0 })

function RelatedRecordEntry({ record, source, ctx }: { record: ApiRecord; source: ObjectDescription | undefined; ctx: FormatContext }) {
  const { t } = useTranslation()
  const fields = source?.fields ?? []
  const shown = (types: FieldDescription['type'][]) => fields.filter((field) => types.includes(field.type) && !source?.labelFields.includes(field.apiName))
    .map((field) => ({ field, text: formatCell(columnOf(field), record, ctx) })).filter((entry) => entry.text)
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap">
        {shown(['select']).map(({ field, text }) => <Badge key={field.apiName} size="sm" variant="light" data-field={field.apiName}>{text}</Badge>)}
        <Text size="sm" fw={600}><bdi>{(source && recordTitle(source, record)) || t('records.untitled')}</bdi></Text>
      </Group>
      {shown(['date', 'dateTime']).map(({ field, text }) => (
        <Text key={field.apiName} size="xs" c="dimmed">{field.label}: <bdi>{text}</bdi></Text>
      ))}
      {shown(['longText', 'text']).map(({ field, text }) => (
        <Text key={field.apiName} size="sm" className="timeline-body"><bdi>{text}</bdi></Text>
      ))}
    </Stack>
  )
}

function ChangeEntry({ item, object, ctx }: { item: Extract<TimelineItem, { kind: 'change' }>; object: ObjectDescription; ctx: FormatContext }) {
  const { t } = useTranslation()
  if (item.field === 'deletedAt') return <Text size="sm">{t(item.newValue ? 'record.timeline.deleted' : 'record.timeline.restored')}</Text>
  if (item.field === 'ownerId') return <Text size="sm">{t('record.timeline.ownerChanged')}</Text>
  if (isMergeEntry(item.field)) return <MergeEntry item={item} object={object} />
  const field = object.fields.find((candidate) => candidate.apiName === item.field)
  if (!field) return <Text size="sm">{t('record.timeline.changed', { field: item.field })}</Text>
  const column = columnOf(field)
  const show = (value: unknown) => formatCell(column, { id: '', createdAt: '', updatedAt: '', version: 0, [field.apiName]: value }, ctx) || '—'
  return (
    <Stack gap={2}>
      <Text size="sm">{t('record.timeline.changed', { field: field.label })}</Text>
      <Text size="sm" c="dimmed" className="timeline-change">
        <del><CellText column={column} text={show(item.oldValue)} /></del>
        {' '}<span aria-hidden="true" className="timeline-arrow">→</span>{' '}
        <VisuallyHidden>{t('record.timeline.to')}</VisuallyHidden>
        <ins><CellText column={column} text={show(item.newValue)} /></ins>
      </Text>
    </Stack>
  )
}

export function TimelineEntry({ item, object, objects, ctx }: { item: TimelineItem; object: ObjectDescription; objects: ObjectDescription[]; ctx: FormatContext }) {
  const { t } = useTranslation()
  const pending = isPendingItem(item)
  return (
    <li className="timeline-entry" data-kind={item.kind} data-pending={pending || undefined} aria-busy={pending || undefined}>
      <Text size="xs" c="dimmed"><time dateTime={item.at}>{ctx.fmt.dateTime(item.at)}</time>{pending ? ` · ${t('record.timeline.saving')}` : null}</Text>
      {item.kind === 'record' ? <RelatedRecordEntry record={item.record} source={objects.find((o) => o.apiName === item.object)} ctx={ctx} />
        : item.kind === 'change' ? <ChangeEntry item={item} object={object} ctx={ctx} />
          : <Text size="sm">{t('record.timeline.created', { object: object.labelSingular })}</Text>}
    </li>
  )
}
