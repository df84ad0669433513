/**
 * "Merge with…" on a record page: search the same object for the records to merge this one
 * with, then open the merge dialog with this record as the suggested survivor.
 */
import { Button, Checkbox, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { searchRecords } from '../../api/records.js'
import type { ObjectDescription } from '../../api/types.js'
import { navigate, recordPath } from '../../app/router.js'
import { MergeDialog } from './MergeDialog.js'

const SEARCH_DELAY_MS = 200

export function MergeWithButton({ object, objects, recordId }: { object: ObjectDescription; objects: ObjectDescription[]; recordId: string }) {
  const { t } = useTranslation()
  const [picking, setPicking] = useState(false)
  const [query, setQuery] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const [mergeIds, setMergeIds] = useState<string[] | null>(null)
  const [debounced] = useDebouncedValue(query.trim(), SEARCH_DELAY_MS)
  const hits = useQuery({
    queryKey: ['duplicates', 'pick', object.apiName, debounced],
    queryFn: ({ signal }) => searchRecords(debounced, signal, [object.apiName]),
    enabled: picking && debounced.length > 0,
  })
  if (object.access && !(object.access.update && object.access.delete)) return null
  const candidates = (hits.data ?? []).filter((hit) => hit.id !== recordId)
  const close = () => { setPicking(false); setQuery(''); setPicked([]) }

  return (
    <>
      <Button variant="default" size="xs" onClick={() => setPicking(true)}>{t('duplicates.mergeWith')}</Button>
      <Modal opened={picking} onClose={close} title={t('duplicates.pick.title', { object: object.labelPlural })}>
        <Stack gap="sm">
          <TextInput label={t('duplicates.pick.search')} value={query} onChange={(event) => setQuery(event.currentTarget.value)} data-autofocus
            rightSection={hits.isFetching ? <Loader size="xs" aria-label={t('app.loading')} /> : null} />
          {debounced && hits.isSuccess && candidates.length === 0 ? <Text size="sm" c="dimmed">{t('duplicates.pick.none')}</Text> : null}
          <Checkbox.Group value={picked} onChange={setPicked} label={candidates.length ? t('duplicates.pick.results') : undefined}>
            <Stack gap={6} mt={candidates.length ? 'xs' : 0}>
              {candidates.map((hit) => <Checkbox key={hit.id} value={hit.id} label={<bdi>{hit.title}</bdi>} />)}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('duplicates.merge.cancel')}</Button>
            <Button disabled={picked.length === 0} onClick={() => { setMergeIds([recordId, ...picked]); close() }}>{t('duplicates.pick.continue')}</Button>
          </Group>
        </Stack>
      </Modal>
      <MergeDialog object={object} objects={objects} ids={mergeIds} onClose={() => setMergeIds(null)}
        onMerged={(survivor) => { setMergeIds(null); navigate(recordPath(object.apiName, survivor.id)) }} />
    </>
  )
}
