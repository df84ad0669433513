/**
 * The IVR flow one phone line answers with: a select of the workspace's flows ("none" sends calls
 * straight to the ACD) saved with PUT …/lines/{id}/ivr-flow. Calls run a flow's published
 * version, so drafts never published are listed but disabled. The server's problem (an unknown
 * flow names `/flowId`) shows under the select; a save says "Saved".
 */
import { Button, Group, NativeSelect, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IvrFlow } from '../../api/contact-center.js'
import { getLineIvrFlow, setLineIvrFlow, type LineIvrFlow as Attached, type PhoneLine } from '../../api/phone-lines.js'
import { otherProblems, problemAt } from './acd-shared.js'
import { PHONE_LINE_KEYS } from './phone-lines-shared.js'

const NONE = ''

function FlowForm({ line, flows, attached }: { line: PhoneLine; flows: IvrFlow[]; attached: string | null }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [choice, setChoice] = useState(attached ?? NONE)
  const save = useMutation({
    mutationFn: () => setLineIvrFlow(line.id, choice === NONE ? null : choice),
    meta: { handlesOwnErrors: true },
    onSuccess: (saved) => client.setQueryData<Attached>(PHONE_LINE_KEYS.flow(line.id), saved),
  })
  const general = otherProblems(save.error, (pointer) => pointer === '/flowId')
  const options = [
    { value: NONE, label: t('phoneLines.ivr.none') },
    ...flows.map((flow) => ({
      value: flow.id,
      label: flow.publishedVersion === null ? t('phoneLines.ivr.draft', { name: flow.name }) : flow.name,
      // The attached flow stays selectable even if it has no published version, so the select shows the truth.
      disabled: flow.publishedVersion === null && flow.id !== attached,
    })),
  ]
  const changed = choice !== (attached ?? NONE)
  return (
    <form noValidate aria-label={t('phoneLines.ivr.label')} onSubmit={(event) => { event.preventDefault(); save.mutate() }}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <NativeSelect className="line-flow" label={t('phoneLines.ivr.label')} data={options} value={choice}
          onChange={(event) => { setChoice(event.currentTarget.value); save.reset() }} error={problemAt(save.error, '/flowId')} />
        <Button type="submit" size="sm" variant="light" loading={save.isPending} disabled={!changed}
          aria-label={t('phoneLines.ivr.saveFor', { name: line.name })}>{t('phoneLines.ivr.save')}</Button>
      </Group>
      {save.isSuccess && !changed ? <Text size="xs" c="teal" role="status" mt={4}>{t('phoneLines.ivr.saved')}</Text> : null}
      {general.length ? <Text size="xs" c="red" role="alert" mt={4}><bdi>{general.join(' · ')}</bdi></Text> : null}
      {flows.length === 0 ? <Text size="xs" c="dimmed" mt={4}>{t('phoneLines.ivr.noFlows')}</Text> : null}
    </form>
  )
}

export function LineIvrFlow({ line, flows }: { line: PhoneLine; flows: IvrFlow[] | undefined }) {
  const { t } = useTranslation()
  const attached = useQuery({ queryKey: PHONE_LINE_KEYS.flow(line.id), queryFn: ({ signal }) => getLineIvrFlow(line.id, signal) })
  if (attached.isError) return <Text size="xs" c="red" role="alert"><bdi>{attached.error.message}</bdi></Text>
  if (!attached.data || !flows) return <Text size="xs" c="dimmed" role="status">{t('phoneLines.ivr.loading')}</Text>
  return <FlowForm line={line} flows={flows} attached={attached.data.flowId} />
}
