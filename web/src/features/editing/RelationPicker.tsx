/**
 * Picks a related record by searching as you type (GET /api/v1/search limited to the target
 * object: ranked, prefix, diacritics-insensitive). The current record stays in the options so
 * its title shows before any search.
 */
import { Loader, Select, type ComboboxProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { searchObject } from '../../api/record-writes.js'

const SEARCH_DEBOUNCE_MS = 200
const MIN_QUERY_LENGTH = 1

export interface RelationPickerProps {
  target: string
  value: string | null
  currentLabel?: string
  onChange: (id: string | null, title?: string) => void
  label?: string
  'aria-label': string
  error?: string
  size?: 'xs' | 'sm'
  clearable: boolean
  comboboxProps: ComboboxProps
  onKeyDown: (event: KeyboardEvent) => void
  autoFocus?: boolean
}

export function RelationPicker(props: RelationPickerProps) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS)
  const current = props.value ? { value: props.value, label: props.currentLabel || props.value } : null
  const hits = useQuery({
    queryKey: ['search', props.target, debounced],
    queryFn: ({ signal }) => searchObject(debounced, props.target, signal),
    enabled: debounced.length >= MIN_QUERY_LENGTH && debounced !== current?.label,
    placeholderData: keepPreviousData,
  })
  const options = (hits.data ?? []).map((hit) => ({ value: hit.id, label: hit.title || t('records.untitled') }))
  const data = current && !options.some((option) => option.value === current.value) ? [current, ...options] : options

  return (
    <Select label={props.label} aria-label={props['aria-label']} error={props.error} size={props.size} autoFocus={props.autoFocus}
      data={data} value={props.value} onChange={(id, option) => props.onChange(id, option?.label)} clearable={props.clearable}
      searchable searchValue={search} onSearchChange={setSearch} filter={({ options: all }) => all}
      placeholder={t('record.searchToPick')} nothingFoundMessage={debounced ? t('record.nothingFound') : t('record.typeToSearch')}
      rightSection={hits.isFetching ? <Loader size="xs" aria-hidden="true" /> : undefined}
      comboboxProps={props.comboboxProps} onKeyDown={props.onKeyDown} />
  )
}
