/**
 * One editor per field type, shared by the record page and the table: text-like types are a
 * text box (one value per line for multi-valued emails and phones), numbers keep the typed
 * text until saved, money is an amount with its ISO currency code, dates use DateInput (the
 * browser's pickers, Solar Hijri selects in Persian), relations search as you type. Enter saves and Escape cancels (the caller's
 * `onSubmit` / `onCancel`); a multi-line box saves with Ctrl+Enter.
 */
import { Checkbox, Group, MultiSelect, Rating, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core'
import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldDescription } from '../../api/types.js'
import { DateInput, DateTimeInput } from '../../components/DateInput.js'
import { ADDRESS_PARTS, DEFAULT_RATING_MAX, type AddressDraft, type Draft, type MoneyDraft } from './field-values.js'
import { RelationPicker } from './RelationPicker.js'

export interface FieldEditorProps {
  field: FieldDescription
  draft: Draft
  onChange: (draft: Draft, relatedLabel?: string) => void
  error?: string | null
  /** The accessible name; visible as a label unless `hideLabel`. */
  label: string
  hideLabel?: boolean
  onSubmit: () => void
  onCancel: () => void
  /** Title of the currently related record (relation fields). */
  relationLabel?: string
  /** Dropdowns inside a popover must not portal out of it (a click there would close the popover). */
  withinPortal?: boolean
  size?: 'xs' | 'sm'
}

const LEFT_TO_RIGHT: ReadonlySet<string> = new Set(['email', 'phone', 'url', 'number', 'currency'])
const INPUT_TYPES: Partial<Record<FieldDescription['type'], string>> = { email: 'email', phone: 'tel', url: 'url' }

export function FieldEditor(props: FieldEditorProps) {
  const { t } = useTranslation()
  const { field, draft, onChange, error, size = 'sm' } = props
  const multiline = field.type === 'longText' || field.type === 'address' || (field.options.multiple === true && field.type !== 'multiSelect')
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      props.onCancel()
    } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault()
      props.onSubmit()
    }
  }
  // In a dropdown Enter picks an option; choosing already saves (see isCommittedOnChange).
  const escapeOnly = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onKeyDown(event)
  }
  const common = {
    label: props.hideLabel ? undefined : props.label,
    'aria-label': props.label,
    error: error ?? undefined,
    size,
    'data-autofocus': true,
    autoFocus: true,
    onKeyDown,
    dir: LEFT_TO_RIGHT.has(field.type) ? 'ltr' : undefined,
  }
  const comboboxProps = { withinPortal: props.withinPortal ?? true }

  if (field.options.multiple === true && field.type !== 'multiSelect') {
    return <Textarea {...common} autosize minRows={2} maxRows={6} description={t('record.onePerLine')}
      value={String(draft)} onChange={(event) => onChange(event.currentTarget.value)} />
  }
  switch (field.type) {
    case 'longText':
      return <Textarea {...common} dir="auto" autosize minRows={3} maxRows={12} description={t('record.ctrlEnterSaves')}
        value={String(draft)} onChange={(event) => onChange(event.currentTarget.value)} />
    case 'number':
      return <TextInput {...common} inputMode="decimal" value={String(draft)} onChange={(event) => onChange(event.currentTarget.value)} />
    case 'currency': {
      const money = draft as MoneyDraft
      return (
        <Group gap={6} wrap="nowrap" align="flex-start" dir="ltr">
          <TextInput {...common} inputMode="decimal" style={{ flex: 1 }} value={money.amount}
            onChange={(event) => onChange({ ...money, amount: event.currentTarget.value })} />
          <TextInput size={size} aria-label={t('record.currencyCode')} label={props.hideLabel ? undefined : t('record.currencyCode')}
            w={72} maxLength={3} value={money.currency} onKeyDown={onKeyDown} placeholder="EUR"
            onChange={(event) => onChange({ ...money, currency: event.currentTarget.value.toUpperCase() })} />
        </Group>
      )
    }
    case 'boolean':
      return <Checkbox label={props.label} aria-label={props.label} checked={draft === true} autoFocus onKeyDown={onKeyDown}
        onChange={(event) => onChange(event.currentTarget.checked)} error={error ?? undefined} size={size} />
    case 'select':
      return <Select {...common} data={(field.options.choices ?? []).map((choice) => ({ value: choice.value, label: choice.label }))}
        value={typeof draft === 'string' ? draft : null} onChange={(value) => onChange(value)} clearable={!field.required}
        searchable comboboxProps={comboboxProps} dir={undefined} onKeyDown={escapeOnly} />
    case 'multiSelect':
      return <MultiSelect {...common} data={(field.options.choices ?? []).map((choice) => ({ value: choice.value, label: choice.label }))}
        value={draft as string[]} onChange={(value) => onChange(value)} searchable clearable comboboxProps={comboboxProps} dir={undefined}
        onKeyDown={escapeOnly} />
    case 'rating':
      return (
        <Stack gap={2} onKeyDown={onKeyDown}>
          {props.hideLabel ? null : <Text size="sm" fw={500}>{props.label}</Text>}
          <Group gap="xs">
            <Rating count={field.options.max ?? DEFAULT_RATING_MAX} value={typeof draft === 'number' ? draft : 0}
              onChange={(value) => onChange(value)} aria-label={props.label} />
            {error ? <Text size="xs" c="red">{error}</Text> : null}
          </Group>
        </Stack>
      )
    case 'address': {
      const address = draft as AddressDraft
      return (
        <Stack gap={4}>
          {props.hideLabel ? null : <Text size="sm" fw={500}>{props.label}</Text>}
          <SimpleGrid cols={2} spacing={6} verticalSpacing={6}>
            {ADDRESS_PARTS.map((part, index) => (
              <TextInput key={part} size={size} aria-label={t(`record.address.${part}`)} placeholder={t(`record.address.${part}`)}
                autoFocus={index === 0} onKeyDown={onKeyDown} value={address[part]} maxLength={part === 'country' ? 2 : 200}
                onChange={(event) => onChange({ ...address, [part]: event.currentTarget.value })} />
            ))}
          </SimpleGrid>
          {error ? <Text size="xs" c="red" role="alert">{error}</Text> : null}
        </Stack>
      )
    }
    case 'date':
    case 'dateTime': {
      const Picker = field.type === 'date' ? DateInput : DateTimeInput
      return <Picker label={props.label} hideLabel={props.hideLabel} error={error ?? undefined} size={size} autoFocus
        onKeyDown={onKeyDown} value={String(draft ?? '')} onChange={(value) => onChange(value)} />
    }
    case 'relation':
      return <RelationPicker {...common} target={field.options.relation?.target ?? ''} value={typeof draft === 'string' ? draft : null}
        currentLabel={props.relationLabel} onChange={(id, title) => onChange(id, title)} clearable={!field.required} comboboxProps={comboboxProps} onKeyDown={escapeOnly} />
    default:
      return <TextInput {...common} dir={common.dir ?? 'auto'} type={INPUT_TYPES[field.type] ?? 'text'} value={String(draft ?? '')}
        onChange={(event) => onChange(event.currentTarget.value)} />
  }
}
