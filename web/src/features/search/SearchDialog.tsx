/**
 * Ctrl/Cmd+K: a dialog that searches every object (GET /api/v1/search) as you type. The input
 * is an ARIA combobox over a listbox of hits; arrows move, Enter opens the record.
 */
import { Badge, Group, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useId, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { searchRecords } from '../../api/records.js'
import type { ObjectDescription, SearchHit } from '../../api/types.js'
import { navigate, recordPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'

const MIN_QUERY_LENGTH = 2
const DEBOUNCE_MS = 150

function useSearch(query: string) {
  const [debounced] = useDebouncedValue(query.trim(), DEBOUNCE_MS)
  return {
    debounced,
    ...useQuery({
      queryKey: ['search', debounced],
      queryFn: ({ signal }) => searchRecords(debounced, signal),
      enabled: debounced.length >= MIN_QUERY_LENGTH,
      placeholderData: keepPreviousData,
      staleTime: 10_000,
    }),
  }
}

export function SearchDialog({ opened, onClose, objects }: { opened: boolean; onClose: () => void; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const search = useSearch(query)
  const listId = useId()
  const hits: SearchHit[] = search.debounced.length >= MIN_QUERY_LENGTH ? search.data ?? [] : []
  const objectLabel = (apiName: string) => objects.find((object) => object.apiName === apiName)?.labelSingular ?? apiName

  const close = () => {
    setQuery('')
    setActive(0)
    onClose()
  }
  const open = (hit: SearchHit) => {
    navigate(recordPath(hit.object, hit.id))
    close()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (hits.length) setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length)
    } else if (event.key === 'Enter' && hits[active]) {
      event.preventDefault()
      open(hits[active])
    }
  }

  return (
    <Modal opened={opened} onClose={close} title={t('search.title')} size="lg" yOffset="10vh"
      closeButtonProps={{ 'aria-label': t('app.dismiss') }}>
      <Stack gap="sm">
        <TextInput data-autofocus aria-label={t('search.title')} placeholder={t('search.placeholder')} value={query}
          onChange={(event) => { setQuery(event.currentTarget.value); setActive(0) }} onKeyDown={onKeyDown}
          role="combobox" aria-expanded={hits.length > 0} aria-controls={listId} aria-autocomplete="list"
          aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
          rightSection={search.isFetching ? <Loader size="xs" aria-hidden="true" /> : null} />
        {search.isError ? <ErrorAlert error={search.error} /> : null}
        <div id={listId} role="listbox" aria-label={t('search.results')} className="search-results">
          {hits.map((hit, index) => (
            <UnstyledButton key={`${hit.object}:${hit.id}`} id={`${listId}-${index}`} role="option" aria-selected={index === active}
              tabIndex={-1} className="search-hit" data-active={index === active || undefined}
              onMouseEnter={() => setActive(index)} onClick={() => open(hit)}>
              <Group justify="space-between" wrap="nowrap">
                <Text truncate>{hit.title || t('records.untitled')}</Text>
                <Badge variant="light" size="sm">{objectLabel(hit.object)}</Badge>
              </Group>
            </UnstyledButton>
          ))}
        </div>
        <Text size="xs" c="dimmed" role="status" aria-live="polite">
          {search.debounced.length < MIN_QUERY_LENGTH ? t('search.typeMore')
            : search.isSuccess && hits.length === 0 && !search.isFetching ? t('search.noResults', { query: search.debounced })
              : hits.length > 0 ? t('search.hint') : ''}
        </Text>
      </Stack>
    </Modal>
  )
}
