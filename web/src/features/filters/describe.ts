/** Short human text for a condition or group: the chips above the list show these. */
import type { TFunction } from 'i18next'
import { intlLocaleOf, type Formatters } from '../../i18n/format.js'
import type { Condition, Group } from './filter-model.js'
import { operatorLabelKey, valueKindOf } from './operators.js'
import type { FilterPath } from './paths.js'

const lists = new Map<string, Intl.ListFormat>()
/** "Gold, Silver": a comma list (the table's narrow list drops the commas, which reads oddly in a sentence). */
function commaList(language: string, items: string[]): string {
  let format = lists.get(language)
  if (!format) lists.set(language, (format = new Intl.ListFormat(intlLocaleOf(language), { style: 'short', type: 'unit' })))
  return format.format(items)
}

function valueText(path: FilterPath, kind: string, value: string, fmt: Formatters, t: TFunction): string {
  if (value === '') return '…'
  if (kind === 'date' || kind === 'dateTime') return fmt.date(value)
  if (kind === 'boolean') return value === 'true' ? t('filters.yes') : t('filters.no')
  if (kind === 'number') return Number.isFinite(Number(value)) ? fmt.number(Number(value)) : value
  return path.field.options.choices?.find((choice) => choice.value === value)?.label ?? value
}

export function describeCondition(condition: Condition, byPath: Map<string, FilterPath>, fmt: Formatters, t: TFunction, language: string): string {
  const path = byPath.get(condition.path)
  if (!path) return condition.path
  const op = t(operatorLabelKey(path.field, condition.op))
  const kind = valueKindOf(path.field, condition.op)
  if (kind === 'none') return `${path.label} ${op}`
  const values = Array.isArray(condition.value) ? condition.value : [condition.value]
  const texts = values.map((value) => valueText(path, kind, value, fmt, t))
  const shown = condition.op === 'between' ? t('filters.range', { from: texts[0], to: texts[1] }) : commaList(language, texts)
  return `${path.label} ${op} ${shown}`
}

export function describeItem(item: Condition | Group, byPath: Map<string, FilterPath>, fmt: Formatters, t: TFunction, language: string): string {
  if (item.kind === 'condition') return describeCondition(item, byPath, fmt, t, language)
  const parts = item.items.map((child) => describeItem(child, byPath, fmt, t, language))
  return `(${parts.join(item.join === 'and' ? ` ${t('filters.and')} ` : ` ${t('filters.or')} `)})`
}
