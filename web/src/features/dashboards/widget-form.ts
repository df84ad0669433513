/**
 * The add/edit widget form's model: which fields of an object can group, be measured by each
 * function, or place a KPI in periods (from metadata, as the server's planner decides), and the
 * conversion between the form's flat state and a widget definition.
 */
import type { TFunction } from 'i18next'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import type { WidgetDefinition, WidgetType } from '../../api/dashboards.js'
import { isToOne } from '../records/fields.js'

export type Fn = WidgetDefinition['measures'][number]['fn']
export type Bucket = NonNullable<NonNullable<WidgetDefinition['groupBy']>[number]['bucket']>
export const FUNCTIONS: Fn[] = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct']
export const BUCKET_CHOICES: Bucket[] = ['day', 'week', 'month', 'quarter', 'year']
export const WIDTHS = ['3', '4', '6', '8', '12']

const GROUPABLE = new Set(['select', 'boolean', 'text', 'email', 'phone', 'url', 'number', 'rating', 'date', 'dateTime'])
const SUMMABLE = new Set(['number', 'rating', 'currency'])
const ORDERED = new Set(['number', 'rating', 'currency', 'date', 'dateTime'])
const DATES = new Set(['date', 'dateTime'])

export interface FieldChoice { value: string; label: string; isDate: boolean }

const choice = (f: FieldDescription): FieldChoice => ({ value: f.apiName, label: f.label, isDate: DATES.has(f.type) })
const plain = (f: FieldDescription) => !f.options.multiple

export function groupChoices(object: ObjectDescription, t: TFunction): FieldChoice[] {
  const fields = object.fields.filter((f) => plain(f) && (GROUPABLE.has(f.type) || isToOne(f))).map(choice)
  return [...fields, { value: 'ownerId', label: t('dashboards.owner'), isDate: false }, { value: 'createdAt', label: t('dashboards.createdAt'), isDate: true }]
}

export function measureChoices(object: ObjectDescription, fn: Fn): FieldChoice[] {
  if (fn === 'count') return []
  const allowed = fn === 'sum' || fn === 'avg' ? SUMMABLE : fn === 'min' || fn === 'max' ? ORDERED : GROUPABLE
  return object.fields.filter((f) => plain(f) && (allowed.has(f.type) || (fn === 'countDistinct' && isToOne(f)))).map(choice)
}

export function dateChoices(object: ObjectDescription, t: TFunction): FieldChoice[] {
  return [...object.fields.filter((f) => DATES.has(f.type)).map(choice), { value: 'createdAt', label: t('dashboards.createdAt'), isDate: true }]
}

export interface FormState {
  title: string
  type: WidgetType
  object: string
  fn: Fn
  field: string
  group1: string
  bucket1: Bucket | ''
  group2: string
  bucket2: Bucket | ''
  compareField: string
  comparePeriod: Bucket
  sort: 'key' | 'valueDesc' | 'valueAsc'
  width: string
  filter: unknown
}

export const GROUPS_OF: Record<WidgetType, [number, number]> = {
  kpi: [0, 0], bar: [1, 1], line: [1, 1], area: [1, 1], pie: [1, 1], funnel: [1, 1], table: [0, 2], pivot: [2, 2],
}

export function formOf(widget: WidgetDefinition | null, object: string): FormState {
  const [g1, g2] = widget?.groupBy ?? []
  return {
    title: widget?.title ?? '', type: widget?.type ?? 'bar', object: widget?.object ?? object,
    fn: widget?.measures[0]?.fn ?? 'count', field: widget?.measures[0]?.field ?? '',
    group1: g1?.field ?? '', bucket1: g1?.bucket ?? '', group2: g2?.field ?? '', bucket2: g2?.bucket ?? '',
    compareField: widget?.options?.compare?.field ?? '', comparePeriod: widget?.options?.compare?.period ?? 'month',
    sort: widget?.options?.sort ?? 'key', width: String(widget?.layout.w ?? 6), filter: widget?.filter ?? null,
  }
}

/** The definition the form describes, keeping what the form does not edit (other measures, ratio, position). */
export function definitionOf(form: FormState, previous: WidgetDefinition | null, nextRow: number): WidgetDefinition {
  const [, max] = GROUPS_OF[form.type]
  const groups = [[form.group1, form.bucket1], [form.group2, form.bucket2]]
    .filter(([field]) => field !== '').slice(0, max)
    .map(([field, bucket]) => ({ field, ...(bucket ? { bucket: bucket as Bucket } : {}) }))
  const measure = { fn: form.fn, ...(form.fn !== 'count' && form.field ? { field: form.field } : {}) }
  const keepMeasures = previous && form.type === 'table' ? previous.measures.slice(1) : []
  const width = Number(form.width)
  const layout = previous ? { ...previous.layout, w: width, x: Math.min(previous.layout.x, 12 - width) } : { x: 0, y: nextRow, w: width, h: form.type === 'kpi' ? 2 : 4 }
  const options = {
    ...(form.type !== 'kpi' && form.sort !== 'key' ? { sort: form.sort } : {}),
    ...(form.type === 'kpi' && form.compareField ? { compare: { field: form.compareField, period: form.comparePeriod } } : {}),
    ...(form.type === 'kpi' && previous?.options?.ratio ? { ratio: previous.options.ratio } : {}),
    ...(form.type !== 'kpi' && previous?.options?.limit ? { limit: previous.options.limit } : {}),
  }
  return {
    ...(previous?.id ? { id: previous.id } : {}),
    type: form.type, title: form.title.trim(), object: form.object,
    measures: [measure, ...keepMeasures], groupBy: groups, layout,
    ...(form.filter ? { filter: form.filter } : {}),
    ...(Object.keys(options).length ? { options } : {}),
  }
}
