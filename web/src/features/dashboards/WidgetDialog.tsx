/**
 * Add or edit a widget: title, chart type, object, measure, group-by (with a date bucket),
 * a second group-by for pivots and tables, a KPI's comparison period, sort, width and the
 * records filter (the lists' own filter builder). The server checks the result; its problem
 * (with the field it names) shows in the dialog.
 */
import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { WIDGET_TYPES, type WidgetDefinition } from '../../api/dashboards.js'
import type { ObjectDescription } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { FilterBar } from '../filters/FilterBar.js'
import {
  BUCKET_CHOICES, FUNCTIONS, GROUPS_OF, WIDTHS, dateChoices, definitionOf, formOf, groupChoices, measureChoices,
  type Bucket, type FieldChoice, type Fn, type FormState,
} from './widget-form.js'

interface Props {
  opened: boolean
  widget: WidgetDefinition | null
  objects: ObjectDescription[]
  nextRow: number
  pending: boolean
  error: unknown
  onClose: () => void
  onSubmit: (widget: WidgetDefinition) => void
}

function Form({ widget, objects, nextRow, pending, error, onClose, onSubmit }: Omit<Props, 'opened'>) {
  const { t } = useTranslation()
  const [form, setForm] = useState<FormState>(() => formOf(widget, objects.find((o) => o.apiName === 'opportunities')?.apiName ?? objects[0]?.apiName ?? ''))
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }))
  const object = objects.find((o) => o.apiName === form.object)
  const groups = useMemo(() => (object ? groupChoices(object, t) : []), [object, t])
  const measureFields = useMemo(() => (object ? measureChoices(object, form.fn) : []), [object, form.fn])
  const dates = useMemo(() => (object ? dateChoices(object, t) : []), [object, t])
  const [, maxGroups] = GROUPS_OF[form.type]
  const isDate = (name: string) => groups.find((g: FieldChoice) => g.value === name)?.isDate ?? false
  const none = { value: '', label: t('dashboards.form.none') }
  const buckets = BUCKET_CHOICES.map((b) => ({ value: b, label: t(`dashboards.bucket.${b}`) }))
  const fieldSelect = (key: 'group1' | 'group2', bucketKey: 'bucket1' | 'bucket2', label: string) => (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
      <NativeSelect label={label} data={[none, ...groups]} value={form[key]}
        onChange={(e) => { const value = e.currentTarget.value; setForm((f) => ({ ...f, [key]: value, [bucketKey]: value && isDate(value) ? (f[bucketKey] || 'month') : '' })) }} />
      {form[key] && isDate(form[key]) ? (
        <NativeSelect label={t('dashboards.form.bucket')} data={buckets} value={form[bucketKey] || 'month'} onChange={(e) => set(bucketKey, e.currentTarget.value as Bucket)} />
      ) : null}
    </SimpleGrid>
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit(definitionOf(form, widget, nextRow))
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label={t('dashboards.form.title')} value={form.title} onChange={(e) => set('title', e.currentTarget.value)} required maxLength={120} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <NativeSelect label={t('dashboards.form.type')} data={WIDGET_TYPES.map((type) => ({ value: type, label: t(`dashboards.type.${type}`) }))}
            value={form.type} onChange={(e) => set('type', e.currentTarget.value as FormState['type'])} />
          <NativeSelect label={t('dashboards.form.object')} data={objects.map((o) => ({ value: o.apiName, label: o.labelPlural }))} value={form.object}
            onChange={(e) => { const value = e.currentTarget.value; setForm((f) => ({ ...formOf(null, value), title: f.title, type: f.type, width: f.width })) }} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <NativeSelect label={t('dashboards.form.measure')} data={FUNCTIONS.map((fn) => ({ value: fn, label: t(`dashboards.fnName.${fn}`) }))}
            value={form.fn} onChange={(e) => { const fn = e.currentTarget.value as Fn; setForm((f) => ({ ...f, fn, field: '' })) }} />
          {form.fn !== 'count' ? (
            <NativeSelect label={t('dashboards.form.field')} data={[none, ...measureFields]} value={form.field} required onChange={(e) => set('field', e.currentTarget.value)} />
          ) : null}
        </SimpleGrid>
        {maxGroups >= 1 ? fieldSelect('group1', 'bucket1', t('dashboards.form.groupBy')) : null}
        {maxGroups >= 2 ? fieldSelect('group2', 'bucket2', t('dashboards.form.groupBy2')) : null}
        {form.type === 'kpi' ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <NativeSelect label={t('dashboards.form.compareField')} data={[none, ...dates]} value={form.compareField} onChange={(e) => set('compareField', e.currentTarget.value)} />
            {form.compareField ? <NativeSelect label={t('dashboards.form.comparePeriod')} data={buckets} value={form.comparePeriod} onChange={(e) => set('comparePeriod', e.currentTarget.value as Bucket)} /> : null}
          </SimpleGrid>
        ) : (
          <NativeSelect label={t('dashboards.form.sort')} value={form.sort} onChange={(e) => set('sort', e.currentTarget.value as FormState['sort'])}
            data={(['key', 'valueDesc', 'valueAsc'] as const).map((s) => ({ value: s, label: t(`dashboards.sort.${s}`) }))} />
        )}
        <NativeSelect label={t('dashboards.form.width')} data={WIDTHS.map((w) => ({ value: w, label: t('dashboards.form.columns', { count: Number(w) }) }))} value={form.width} onChange={(e) => set('width', e.currentTarget.value)} />
        {object ? (
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('dashboards.form.filter')}</Text>
            <FilterBar object={object} objects={objects} filter={form.filter} onChange={(filter) => set('filter', filter)} />
          </Stack>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>{t('dashboards.cancel')}</Button>
          <Button type="submit" loading={pending} disabled={!form.title.trim()}>{t('dashboards.save')}</Button>
        </Group>
      </Stack>
    </form>
  )
}

export function WidgetDialog(props: Props) {
  const { t } = useTranslation()
  return (
    <Modal opened={props.opened} onClose={props.onClose} size="lg" title={props.widget ? t('dashboards.editWidget') : t('dashboards.addWidget')}
      closeButtonProps={{ 'aria-label': t('dashboards.close') }}>
      {props.opened ? <Form {...props} /> : null}
    </Modal>
  )
}
