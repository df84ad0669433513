/**
 * The value part of a condition, by the kind of value the operator takes: text, a number or
 * amount (decimal keyboard on phones), a day (DateInput: the browser's picker, Solar Hijri in Persian), yes/no, or the
 * field's choices as checkboxes; `between` shows two inputs.
 */
import { Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core'
import type { FilterOperator } from '../../../../contracts/field-types.js'
import { useTranslation } from 'react-i18next'
import { DateInput } from '../../components/DateInput.js'
import type { InputValue } from './filter-model.js'
import { valueKindOf, type ValueKind } from './operators.js'
import type { FilterPath } from './paths.js'

interface Props {
  path: FilterPath
  op: FilterOperator
  value: InputValue
  onChange: (value: InputValue) => void
  /** The accessible name's subject, e.g. "Last name". */
  label: string
}

function SingleInput({ kind, value, onChange, label }: { kind: ValueKind; value: string; onChange: (value: string) => void; label: string }) {
  const { t } = useTranslation()
  if (kind === 'boolean') {
    return (
      <NativeSelect aria-label={label} value={value} onChange={(event) => onChange(event.currentTarget.value)}
        data={[{ value: '', label: t('filters.choose') }, { value: 'true', label: t('filters.yes') }, { value: 'false', label: t('filters.no') }]} />
    )
  }
  if (kind === 'date' || kind === 'dateTime') return <DateInput label={label} hideLabel value={value} onChange={onChange} className="filter-value-input" />
  const inputMode = kind === 'number' || kind === 'money' ? 'decimal' : undefined
  return (
    <TextInput aria-label={label} inputMode={inputMode} value={value} className="filter-value-input"
      dir={inputMode ? 'ltr' : undefined} onChange={(event) => onChange(event.currentTarget.value)} />
  )
}

export function ValueInput({ path, op, value, onChange, label }: Props) {
  const { t } = useTranslation()
  const kind = valueKindOf(path.field, op)
  if (kind === 'none') return null
  if (kind === 'choices') {
    const selected = Array.isArray(value) ? value : []
    return (
      <Checkbox.Group aria-label={label} value={selected} onChange={onChange} className="filter-choices">
        <Stack gap={6}>
          {(path.field.options.choices ?? []).map((choice) => <Checkbox key={choice.value} value={choice.value} label={choice.label} size="sm" />)}
        </Stack>
      </Checkbox.Group>
    )
  }
  if (op === 'between') {
    const [from, to] = Array.isArray(value) && value.length === 2 ? value : ['', '']
    return (
      <Group gap="xs" wrap="nowrap" className="filter-between">
        <SingleInput kind={kind} value={from} label={t('filters.from', { field: label })} onChange={(next) => onChange([next, to])} />
        <SingleInput kind={kind} value={to} label={t('filters.to', { field: label })} onChange={(next) => onChange([from, next])} />
      </Group>
    )
  }
  return <SingleInput kind={kind} value={typeof value === 'string' ? value : ''} label={t('filters.valueOf', { field: label })} onChange={onChange} />
}
