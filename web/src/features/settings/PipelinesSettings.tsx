import { ActionIcon, Button, Center, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { listRecords } from '../../api/records.js'
import { createRecord, deleteRecord, updateRecord } from '../../api/settings.js'
import type { ApiRecord } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { FormError } from '../auth/FormError.js'
import { ConfirmDialog } from './ConfirmDialog.js'

const KEY = ['settings', 'pipelines'] as const
/** Far more than any sales process has; one page keeps the editor simple. */
const MAX_ROWS = 1000

interface Pipeline { record: ApiRecord; stages: ApiRecord[] }

async function loadPipelines(signal: AbortSignal): Promise<Pipeline[]> {
  const sort = [{ field: 'position', dir: 'asc' as const }]
  const [pipelines, stages] = await Promise.all([
    listRecords('pipelines', { sort, limit: MAX_ROWS, signal }),
    listRecords('pipelineStages', { sort, limit: MAX_ROWS, signal }),
  ])
  return pipelines.data.map((record) => ({ record, stages: stages.data.filter((stage) => stage.pipeline === record.id) }))
}

const nextPosition = (rows: ApiRecord[]) => Math.max(0, ...rows.map((r) => Number(r.position) || 0)) + 1

/** Pipelines and their stages (ordinary records): add, rename, reorder, set each stage's win probability. */
export function PipelinesSettings() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const pipelines = useQuery({ queryKey: KEY, queryFn: ({ signal }) => loadPipelines(signal) })
  const [name, setName] = useState('')
  const add = useMutation({
    mutationFn: () => createRecord('pipelines', { name: name.trim(), position: nextPosition(pipelines.data?.map((p) => p.record) ?? []) }),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      setName('')
      await client.invalidateQueries({ queryKey: KEY })
    },
  })
  if (pipelines.isPending) return <Center py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (pipelines.isError) return <ErrorAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />
  const submit = (event: FormEvent) => {
    event.preventDefault()
    add.mutate()
  }
  return (
    <Stack gap="md" maw={720}>
      <Title order={2} size="h3">{t('settings.section.pipelines')}</Title>
      {pipelines.data.length === 0 ? <Text c="dimmed">{t('settings.noPipelines')}</Text> : null}
      {pipelines.data.map((pipeline) => <PipelineCard key={pipeline.record.id} pipeline={pipeline} />)}
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('settings.newPipeline')} value={name} onChange={(event) => setName(event.currentTarget.value)} />
          <Button type="submit" variant="light" loading={add.isPending}>{t('settings.addPipeline')}</Button>
        </Group>
        <FormError error={add.error} />
      </form>
    </Stack>
  )
}

function PipelineCard({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const refresh = () => client.invalidateQueries({ queryKey: KEY })
  const [removing, setRemoving] = useState<ApiRecord | null>(null)
  // Failures toast (the query client's default), with the API's problem detail.
  const patch = useMutation({ mutationFn: (input: { object: string; id: string; body: Record<string, unknown> }) => updateRecord(input.object, input.id, input.body), onSettled: refresh })
  const addStage = useMutation({
    mutationFn: () => createRecord('pipelineStages', { name: t('settings.newStageName'), pipeline: pipeline.record.id, position: nextPosition(pipeline.stages), probability: 0 }),
    onSettled: refresh,
  })
  const remove = useMutation({
    mutationFn: (id: string) => deleteRecord('pipelineStages', id),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      setRemoving(null)
      await refresh()
    },
  })
  const swap = async (a: ApiRecord, b: ApiRecord) => {
    await updateRecord('pipelineStages', a.id, { position: b.position })
    await updateRecord('pipelineStages', b.id, { position: a.position })
    await refresh()
  }
  const { stages } = pipeline
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <SavedInput label={t('settings.pipelineName')} value={String(pipeline.record.name ?? '')}
          onSave={(value) => patch.mutate({ object: 'pipelines', id: pipeline.record.id, body: { name: value } })} />
        <Text size="sm" fw={500}>{t('settings.stages')}</Text>
        {stages.map((stage, index) => (
          <Group key={stage.id} gap={6} wrap="nowrap" align="flex-end">
            <SavedInput flex={1} label={t('settings.stageName')} hideLabel={index > 0} value={String(stage.name ?? '')}
              onSave={(value) => patch.mutate({ object: 'pipelineStages', id: stage.id, body: { name: value } })} />
            <SavedInput w={110} label={t('settings.probability')} hideLabel={index > 0} type="number" value={String(stage.probability ?? '')}
              onSave={(value) => patch.mutate({ object: 'pipelineStages', id: stage.id, body: { probability: value === '' ? null : Number(value) } })} />
            <ActionIcon variant="subtle" size="lg" disabled={index === 0} onClick={() => void swap(stage, stages[index - 1])} aria-label={t('settings.moveUp', { name: stage.name })}>↑</ActionIcon>
            <ActionIcon variant="subtle" size="lg" disabled={index === stages.length - 1} onClick={() => void swap(stage, stages[index + 1])} aria-label={t('settings.moveDown', { name: stage.name })}>↓</ActionIcon>
            <ActionIcon variant="subtle" color="red" size="lg" onClick={() => { remove.reset(); setRemoving(stage) }} aria-label={t('settings.removeStage', { name: stage.name })}>×</ActionIcon>
          </Group>
        ))}
        <Group><Button size="compact-sm" variant="light" loading={addStage.isPending} onClick={() => addStage.mutate()}>{t('settings.addStage')}</Button></Group>
      </Stack>
      <ConfirmDialog opened={removing !== null} onClose={() => setRemoving(null)} title={t('settings.removeStageTitle')}
        message={t('settings.removeStageLoss', { name: String(removing?.name ?? '') })} confirmLabel={t('settings.remove')}
        loading={remove.isPending} error={remove.error} onConfirm={() => removing && remove.mutate(removing.id)} />
    </Paper>
  )
}

/** A text input that saves when it loses focus (or on Enter) with a changed value. */
function SavedInput({ label, hideLabel, value, onSave, type, ...box }: { label: string; hideLabel?: boolean; value: string; onSave: (value: string) => void; type?: string; flex?: number; w?: number }) {
  const [draft, setDraft] = useState(value)
  // Enter and then leaving the field would otherwise save the same change twice.
  const [saved, setSaved] = useState(value)
  const commit = () => {
    if (draft.trim() === saved) return
    setSaved(draft.trim())
    onSave(draft.trim())
  }
  return (
    <TextInput {...box} type={type} label={hideLabel ? undefined : label} aria-label={label} value={draft}
      onChange={(event) => setDraft(event.currentTarget.value)} onBlur={commit}
      onKeyDown={(event) => { if (event.key === 'Enter') commit() }} />
  )
}
