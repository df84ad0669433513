/**
 * Ctrl/Cmd+K: a dialog that searches every object (GET /api/v1/search) as you type, or only
 * the objects whose chips are on. With an empty query it lists the records opened last
 * (recent-records.ts). The input is an ARIA combobox over a listbox: arrows move, Enter opens
 * the record, Esc closes; Tab reaches the object chips.
 */
import { Badge, Chip, Group, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useId, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { searchRecords } from '../../api/records.js'
import type { ObjectDescription } from '../../api/types.js'
import { navigate, recordPath } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useRecentRecords, type RecentRecord } from './recent-records.js'
import './search.css'

const MIN_QUERY_LENGTH = 2
const DEBOUNCE_MS = 150

function useSearch(query: string, objects: string[]) {
  const [debounced] = useDebouncedValue(query.trim(), DEBOUNCE_MS)
  return {
    debounced,
    ...useQuery({
      queryKey: ['search', debounced, objects.join(',')],
      queryFn: ({ signal }) => searchRecords(debounced, signal, objects.length ? objects : undefined),
      enabled: debounced.length >= MIN_QUERY_LENGTH,
      placeholderData: keepPreviousData,
      staleTime: 10_000,
    }),
  }
}

/** Objects worth a chip: those with a field the search index covers. */
const isSearchable = (object: ObjectDescription) => object.fields.some((field) => field.searchable)

export function SearchDialog({ opened, onClose, objects }: { opened: boolean; onClose: () => void; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [only, setOnly] = useState<string[]>([])
  const [active, setActive] = useState(0)
  const search = useSearch(query, only)
  const recent = useRecentRecords()
  const listId = useId()
  const showingRecent = query.trim() === ''
  const hits = search.debounced.length >= MIN_QUERY_LENGTH ? search.data ?? [] : []
  const items: RecentRecord[] = showingRecent ? recent.filter((entry) => only.length === 0 || only.includes(entry.object)) : hits
  const objectLabel = (apiName: string) => objects.find((object) => object.apiName === apiName)?.labelSingular ?? apiName

  const close = () => {
    setQuery('')
    setActive(0)
    onClose()
  }
  const open = (item: RecentRecord) => {
    navigate(recordPath(item.object, item.id))
    close()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (items.length) setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length)
    } else if (event.key === 'Enter' && items[active]) {
      event.preventDefault()
      open(items[active])
    }
  }
  const listLabel = showingRecent ? t('search.recent') : t('search.results')

  return (
    <Modal opened={opened} onClose={close} title={t('search.title')} size="lg" yOffset="10vh"
      closeButtonProps={{ 'aria-label': t('app.dismiss') }}>
      <Stack gap="sm">
        <TextInput data-autofocus aria-label={t('search.title')} placeholder={t('search.placeholder')} value={query}
          onChange={(event) => { setQuery(event.currentTarget.value); setActive(0) }} onKeyDown={onKeyDown}
          role="combobox" aria-expanded={items.length > 0} aria-controls={listId} aria-autocomplete="list"
          aria-activedescendant={items[active] ? `${listId}-${active}` : undefined}
          rightSection={search.isFetching ? <Loader size="xs" aria-hidden="true" /> : null} />
        <Chip.Group multiple value={only} onChange={(value) => { setOnly(value); setActive(0) }}>
          <div className="search-filters" role="group" aria-label={t('search.filterBy')}>
            {objects.filter(isSearchable).map((object) => (
              <Chip key={object.apiName} value={object.apiName} size="xs" variant="outline">{object.labelPlural}</Chip>
            ))}
          </div>
        </Chip.Group>
        {search.isError && !showingRecent ? <ErrorAlert error={search.error} /> : null}
        {showingRecent && items.length > 0 ? <Text size="xs" fw={600} c="dimmed" className="search-section-label" aria-hidden="true">{listLabel}</Text> : null}
        <div id={listId} role="listbox" aria-label={listLabel} className="search-results">
          {items.map((item, index) => (
            <UnstyledButton key={`${item.object}:${item.id}`} id={`${listId}-${index}`} role="option" aria-selected={index === active}
              tabIndex={-1} className="search-hit" data-active={index === active || undefined}
              onMouseEnter={() => setActive(index)} onClick={() => open(item)}>
              <Group justify="space-between" wrap="nowrap">
                <Text truncate><bdi>{item.title || t('records.untitled')}</bdi></Text>
                <Badge variant="light" size="sm">{objectLabel(item.object)}</Badge>
              </Group>
            </UnstyledButton>
          ))}
        </div>
        <Text size="xs" c="dimmed" role="status" aria-live="polite">
          {showingRecent ? (items.length > 0 ? t('search.hint') : t('search.typeMore'))
            : search.debounced.length < MIN_QUERY_LENGTH ? t('search.typeMore')
              : search.isSuccess && hits.length === 0 && !search.isFetching ? t('search.noResults', { query: search.debounced })
                : hits.length > 0 ? t('search.hint') : ''}
        </Text>
      </Stack>
    </Modal>
  )
}
