/**
 * How a widget's values read: group keys (date buckets in the UI's calendar — Persian shows the
 * Solar Hijri date a bucket starts on — relation titles, owners' names, choice labels) and
 * measures (numbers, exact money per currency) through Intl, never hand-made strings.
 */
import type { TFunction } from 'i18next'
import type { ObjectDescription } from '../../api/types.js'
import type { WidgetColumn, WidgetData, WidgetRow } from '../../api/dashboards.js'
import { intlLocaleOf, type Formatters } from '../../i18n/format.js'

type Cell = WidgetRow['values'][number]

const bucketFormats = new Map<string, Intl.DateTimeFormat>()
function bucketFormat(language: string, bucket: string): Intl.DateTimeFormat {
  const key = `${language}|${bucket}`
  let format = bucketFormats.get(key)
  if (!format) {
    // Gregorian buckets named in the Persian calendar by the day they start; elsewhere by their month or year.
    const options: Intl.DateTimeFormatOptions = language === 'fa' || bucket === 'day' || bucket === 'week'
      ? { dateStyle: 'medium', timeZone: 'UTC' }
      : bucket === 'year' ? { year: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'short', timeZone: 'UTC' }
    format = new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR-u-ca-persian' : language, options)
    bucketFormats.set(key, format)
  }
  return format
}

export interface LabelContext { fmt: Formatters; t: TFunction; language: string; object: ObjectDescription | undefined }

/** The text of a group key. */
export function groupLabel(column: WidgetColumn, value: Cell, label: string | null, ctx: LabelContext): string {
  if (value === null) return ctx.t('dashboards.none')
  if (label) return label
  if (column.bucket && typeof value === 'string') {
    const date = new Date(`${value}T00:00:00Z`)
    if (column.bucket === 'quarter' && ctx.language !== 'fa') {
      return ctx.t('dashboards.quarter', { quarter: ctx.fmt.number(Math.floor(date.getUTCMonth() / 3) + 1), year: bucketFormat(ctx.language, 'year').format(date) })
    }
    return bucketFormat(ctx.language, column.bucket).format(date)
  }
  if (typeof value === 'boolean') return value ? ctx.t('dashboards.yes') : ctx.t('dashboards.no')
  const field = ctx.object?.fields.find((f) => f.apiName === column.field)
  const choice = field?.options.choices?.find((c) => c.value === value)
  if (choice) return choice.label
  if (field?.type === 'date' && typeof value === 'string') return ctx.fmt.date(value)
  if (column.field === 'ownerId' || column.field === 'createdBy' || column.relation) return ctx.t('dashboards.unknown')
  return typeof value === 'number' ? ctx.fmt.number(value) : String(value)
}

/** The text of a measure value (money in its currency). */
export function measureText(column: WidgetColumn, value: Cell, fmt: Formatters): string {
  if (value === null) return '—'
  if (column.currency && typeof value === 'string') return fmt.money(value, column.currency)
  return typeof value === 'number' ? fmt.number(Math.round(value * 100) / 100) : String(value)
}

/** A measure column's heading: "Sum of Amount (EUR)". */
export function measureHeading(column: WidgetColumn, ctx: LabelContext): string {
  const field = column.field ? ctx.object?.fields.find((f) => f.apiName === column.field)?.label ?? column.field : null
  const text = ctx.t(`dashboards.fn.${column.fn ?? 'count'}`, { field: field ?? '' })
  return column.currency ? `${text} (${column.currency})` : text
}

export function groupHeading(column: WidgetColumn, ctx: LabelContext): string {
  if (column.field === 'ownerId') return ctx.t('dashboards.owner')
  if (column.field === 'createdAt') return ctx.t('dashboards.createdAt')
  return ctx.object?.fields.find((f) => f.apiName === column.field)?.label ?? column.field ?? ''
}

export const groupColumns = (data: WidgetData) => data.columns.filter((c) => c.kind === 'group')
export const measureColumns = (data: WidgetData) => data.columns.filter((c) => c.kind === 'measure')
/** The category name of a row: its group labels joined. */
export const rowLabel = (data: WidgetData, row: WidgetRow, ctx: LabelContext) =>
  groupColumns(data).map((c, i) => groupLabel(c, row.values[i], row.labels[i], ctx)).join(' · ')

const percentFormats = new Map<string, Intl.NumberFormat>()
/** `0.125` → "12.5%" in the UI language's digits and sign placement. */
export function percentText(fraction: number, language: string): string {
  let format = percentFormats.get(language)
  if (!format) {
    format = new Intl.NumberFormat(intlLocaleOf(language), { style: 'percent', maximumFractionDigits: 1 })
    percentFormats.set(language, format)
  }
  return format.format(fraction)
}
