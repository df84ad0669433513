/**
 * The form of one IVR node, by type: prompt texts per enabled language, exits chosen from the
 * flow's node ids, menu keys, opening hours, lookup fields, queue and skills.
 */
import { ActionIcon, Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IvrNode, Prompt } from '../../api/contact-center.js'
import { CommaInput } from './CommaInput.js'

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
type Hours = Extract<IvrNode, { type: 'hours' }>

interface FormProps<N extends IvrNode> {
  node: N
  nodeIds: string[]
  languages: string[]
  onChange: (next: N) => void
}

function TargetSelect({ label, value, nodeIds, onChange }: { label: string; value: string | undefined; nodeIds: string[]; onChange: (next: string | undefined) => void }) {
  const { t } = useTranslation()
  return (
    <NativeSelect label={label} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value || undefined)}
      data={[{ value: '', label: t('contactCenter.ivr.noTarget') }, ...nodeIds.map((id) => ({ value: id, label: id }))]} />
  )
}

function PromptFields({ prompt, languages, onChange }: { prompt: Prompt | undefined; languages: string[]; onChange: (next: Prompt) => void }) {
  const { t } = useTranslation()
  const text = prompt?.text ?? {}
  return (
    <SimpleGrid cols={{ base: 1, sm: Math.min(languages.length, 2) }}>
      {languages.map((lang) => (
        <Textarea key={lang} autosize minRows={1} label={t('contactCenter.ivr.promptIn', { language: t(`contactCenter.languages.${lang}`) })}
          value={text[lang] ?? ''} onChange={(event) => onChange({ ...prompt, text: { ...text, [lang]: event.currentTarget.value } })} />
      ))}
    </SimpleGrid>
  )
}

function HoursDay({ day, value, onChange }: { day: string; value: [string, string][] | undefined; onChange: (next: [string, string][]) => void }) {
  const { t } = useTranslation()
  const [text, setText] = useState((value ?? []).map(([from, to]) => `${from}-${to}`).join(', '))
  return (
    <TextInput label={t(`contactCenter.ivr.days.${day}`)} placeholder="09:00-17:00" value={text}
      onChange={(event) => {
        setText(event.currentTarget.value)
        const spans = event.currentTarget.value.split(',').map((part) => part.trim().split('-').map((s) => s.trim()))
        onChange(spans.filter((span): span is [string, string] => span.length === 2 && !!span[0] && !!span[1]))
      }} />
  )
}

function MenuChoices({ node, nodeIds, onChange }: FormProps<Extract<IvrNode, { type: 'menu' }>>) {
  const { t } = useTranslation()
  const entries = Object.entries(node.choices)
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#']
  const free = keys.find((key) => !(key in node.choices))
  const setChoices = (choices: Record<string, string>) => onChange({ ...node, choices })
  return (
    <Stack gap="xs">
      {entries.map(([key, target]) => (
        <Group key={key} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput w={70} label={t('contactCenter.ivr.key')} value={key} readOnly />
          <NativeSelect style={{ flex: 1 }} label={t('contactCenter.ivr.goesTo')} value={target}
            onChange={(event) => setChoices({ ...node.choices, [key]: event.currentTarget.value })}
            data={[{ value: '', label: t('contactCenter.ivr.noTarget') }, ...nodeIds.map((id) => ({ value: id, label: id }))]} />
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('contactCenter.ivr.removeKey', { key })}
            onClick={() => setChoices(Object.fromEntries(entries.filter(([k]) => k !== key)))}>×</ActionIcon>
        </Group>
      ))}
      {free ? (
        <Button size="xs" variant="light" w="fit-content" onClick={() => setChoices({ ...node.choices, [free]: '' })}>
          {t('contactCenter.ivr.addKey', { key: free })}
        </Button>
      ) : null}
    </Stack>
  )
}

export function IvrNodeForm({ node, nodeIds, languages, onChange }: FormProps<IvrNode>) {
  const { t } = useTranslation()
  const target = (label: string, value: string | undefined, set: (next: string | undefined) => void) =>
    <TargetSelect label={label} value={value} nodeIds={nodeIds} onChange={set} />
  switch (node.type) {
    case 'prompt':
      return (
        <Stack gap="xs">
          <PromptFields prompt={node.prompt} languages={languages} onChange={(prompt) => onChange({ ...node, prompt })} />
          {target(t('contactCenter.ivr.next'), node.next, (next) => onChange({ ...node, next }))}
        </Stack>
      )
    case 'menu':
      return (
        <Stack gap="xs">
          <PromptFields prompt={node.prompt} languages={languages} onChange={(prompt) => onChange({ ...node, prompt })} />
          <MenuChoices node={node} nodeIds={nodeIds} languages={languages} onChange={onChange} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="number" min={0} max={5} label={t('contactCenter.ivr.retries')} value={String(node.retries ?? 2)}
              onChange={(event) => onChange({ ...node, retries: Math.max(0, Math.min(5, Number(event.currentTarget.value) || 0)) })} />
            {target(t('contactCenter.ivr.onFail'), node.onFail, (onFail) => onChange({ ...node, onFail }))}
          </SimpleGrid>
        </Stack>
      )
    case 'hours':
      return <HoursForm node={node} nodeIds={nodeIds} languages={languages} onChange={onChange} />
    case 'lookup':
      return (
        <Stack gap="xs">
          <PromptFields prompt={node.prompt} languages={languages} onChange={(prompt) => onChange({ ...node, prompt })} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('contactCenter.ivr.object')} value={node.object} onChange={(event) => onChange({ ...node, object: event.currentTarget.value })} />
            <TextInput label={t('contactCenter.ivr.matchField')} value={node.matchField} onChange={(event) => onChange({ ...node, matchField: event.currentTarget.value })} />
            <CommaInput label={t('contactCenter.ivr.answerFields')} value={node.answerFields} onChange={(answerFields) => onChange({ ...node, answerFields })} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {target(t('contactCenter.ivr.found'), node.found, (found) => onChange({ ...node, found }))}
            {target(t('contactCenter.ivr.notFound'), node.notFound, (notFound) => onChange({ ...node, notFound }))}
          </SimpleGrid>
        </Stack>
      )
    case 'queue':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('contactCenter.ivr.queue')} value={node.queue} onChange={(event) => onChange({ ...node, queue: event.currentTarget.value })} />
          <CommaInput label={t('contactCenter.ivr.skills')} value={node.skills ?? []} onChange={(skills) => onChange({ ...node, skills })} />
          <TextInput type="number" min={0} max={100} label={t('contactCenter.ivr.priority')} value={String(node.priority ?? 0)}
            onChange={(event) => onChange({ ...node, priority: Math.max(0, Math.min(100, Number(event.currentTarget.value) || 0)) })} />
        </SimpleGrid>
      )
    case 'voicemail':
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('contactCenter.ivr.mode')} value={node.mode}
            onChange={(event) => onChange({ ...node, mode: event.currentTarget.value as 'voicemail' | 'callback' })}
            data={[{ value: 'voicemail', label: t('contactCenter.ivr.modes.voicemail') }, { value: 'callback', label: t('contactCenter.ivr.modes.callback') }]} />
          <TextInput label={t('contactCenter.ivr.queue')} value={node.queue ?? ''} onChange={(event) => onChange({ ...node, queue: event.currentTarget.value || undefined })} />
        </SimpleGrid>
      )
    case 'hangup':
      return null
  }
}

function HoursForm({ node, nodeIds, onChange }: FormProps<Hours>) {
  const { t } = useTranslation()
  const [holidays, setHolidays] = useState((node.holidays ?? []).join(', '))
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {WEEKDAYS.map((day) => (
          <HoursDay key={day} day={day} value={node.weekly[day]} onChange={(spans) => onChange({ ...node, weekly: { ...node.weekly, [day]: spans } })} />
        ))}
      </SimpleGrid>
      <TextInput label={t('contactCenter.ivr.holidays')} placeholder="2026-12-24, 2026-12-25" value={holidays}
        onChange={(event) => {
          setHolidays(event.currentTarget.value)
          onChange({ ...node, holidays: event.currentTarget.value.split(',').map((d) => d.trim()).filter(Boolean) })
        }} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TargetSelect label={t('contactCenter.ivr.open')} value={node.open} nodeIds={nodeIds} onChange={(open) => onChange({ ...node, open })} />
        <TargetSelect label={t('contactCenter.ivr.closed')} value={node.closed} nodeIds={nodeIds} onChange={(closed) => onChange({ ...node, closed })} />
      </SimpleGrid>
    </Stack>
  )
}
