import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SelectChoice } from '../../../../contracts/field-types.js'
import { apiNameFrom } from './api-name.js'

/**
 * The options of a select field: add, rename (the label; the stored value stays, so records
 * keep theirs), reorder, remove. A new option's value comes from its label, or a numbered
 * stand-in for labels in other scripts.
 */
export function ChoicesEditor({ choices, onChange }: { choices: SelectChoice[]; onChange: (choices: SelectChoice[]) => void }) {
  const { t } = useTranslation()
  const move = (from: number, to: number) => {
    const next = [...choices]
    const [moved] = next.splice(from, 1)
    next.splice(to, 0, moved)
    onChange(next)
  }
  const add = () => onChange([...choices, { value: '', label: '' }])
  const rename = (index: number, label: string) => onChange(choices.map((c, i) => (i === index ? { ...c, label } : c)))
  return (
    <Stack gap={6} role="group" aria-label={t('settings.options')}>
      <Text size="sm" fw={500}>{t('settings.options')}</Text>
      {choices.length === 0 ? <Text size="sm" c="dimmed">{t('settings.noOptions')}</Text> : null}
      {choices.map((choice, index) => (
        <Group key={index} gap={4} wrap="nowrap">
          <TextInput flex={1} size="xs" aria-label={t('settings.optionLabel', { index: index + 1 })} value={choice.label}
            onChange={(event) => rename(index, event.currentTarget.value)} />
          <ActionIcon variant="subtle" size="md" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('settings.moveUp', { name: choice.label })}>↑</ActionIcon>
          <ActionIcon variant="subtle" size="md" disabled={index === choices.length - 1} onClick={() => move(index, index + 1)} aria-label={t('settings.moveDown', { name: choice.label })}>↓</ActionIcon>
          <ActionIcon variant="subtle" color="red" size="md" onClick={() => onChange(choices.filter((_, i) => i !== index))} aria-label={t('settings.removeOption', { name: choice.label })}>×</ActionIcon>
        </Group>
      ))}
      <Group><Button size="compact-sm" variant="light" onClick={add}>{t('settings.addOption')}</Button></Group>
    </Stack>
  )
}

/** Gives options typed in the editor a stable, unique value (kept as is for existing ones). */
export function withValues(choices: SelectChoice[]): SelectChoice[] {
  const used = new Set(choices.map((c) => c.value).filter(Boolean))
  return choices.filter((c) => c.label.trim()).map((choice, index) => {
    if (choice.value) return { ...choice, label: choice.label.trim() }
    const base = apiNameFrom(choice.label) || `option${index + 1}`
    let value = base
    for (let n = 2; used.has(value); n++) value = `${base}${n}`
    used.add(value)
    return { ...choice, value, label: choice.label.trim() }
  })
}
