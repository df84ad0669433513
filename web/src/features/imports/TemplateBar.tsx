import { ActionIcon, Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportMapping, ImportTemplateOptions } from '../../../../contracts/imports.js'
import { deleteTemplate, listTemplates, saveTemplate, suggestTemplates, type ImportTemplate } from '../../api/imports.js'

interface Props {
  object: string
  headers: string[]
  mapping: ImportMapping
  options: ImportTemplateOptions
  onApply: (template: ImportTemplate) => void
}

/** Saved mappings for the object: the one that fits this file is offered first; save the current one. */
export function TemplateBar({ object, headers, mapping, options, onApply }: Props) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const key = ['imports', 'templates', object]
  const templates = useQuery({ queryKey: key, queryFn: ({ signal }) => listTemplates(object, signal) })
  const suggestion = useQuery({ queryKey: [...key, 'suggest', headers], queryFn: () => suggestTemplates(object, headers) })
  const [chosen, setChosen] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: () => saveTemplate({ object, name, mapping, options }),
    onSuccess: (saved) => { setNotice(t('imports.templateSaved', { name: saved.name })); setName(''); void client.invalidateQueries({ queryKey: key }) },
  })
  const remove = useMutation({ mutationFn: deleteTemplate, onSuccess: () => { setChosen(null); void client.invalidateQueries({ queryKey: key }) } })
  const apply = (template: ImportTemplate) => { onApply(template); setNotice(t('imports.templateApplied', { name: template.name })) }
  const best = suggestion.data?.[0]?.template
  const selected = templates.data?.find((tpl) => tpl.id === chosen)

  return (
    <Stack gap="xs" className="import-templates">
      {best ? (
        <Alert variant="light" color="blue" title={t('imports.suggested', { name: best.name })}>
          <Button size="xs" onClick={() => apply(best)}>{t('imports.applyTemplate')}</Button>
        </Alert>
      ) : null}
      {notice ? <Alert variant="light" color="green" role="status" withCloseButton onClose={() => setNotice(null)}>{notice}</Alert> : null}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select size="xs" label={t('imports.chooseTemplate')} data={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          value={chosen} onChange={setChosen} disabled={!templates.data?.length} className="import-grow" />
        <Button size="xs" variant="light" disabled={!selected} onClick={() => selected && apply(selected)}>{t('imports.applyTemplate')}</Button>
        {selected ? (
          <ActionIcon variant="subtle" color="red" aria-label={t('imports.deleteTemplate', { name: selected.name })} loading={remove.isPending} onClick={() => remove.mutate(selected.id)}>✕</ActionIcon>
        ) : null}
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput size="xs" label={t('imports.templateName')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} className="import-grow" />
        <Button size="xs" variant="default" disabled={!name.trim()} loading={save.isPending} onClick={() => save.mutate()}>{t('imports.saveTemplate')}</Button>
      </Group>
    </Stack>
  )
}
