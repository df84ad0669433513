/**
 * The toolbar above the record list: the view picker and its actions, then the filter chips and
 * the column chooser. It only edits the page's view state; the list reads from that state.
 */
import { Alert, Group, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { FilterBar } from '../filters/FilterBar.js'
import type { Column } from '../records/fields.js'
import { ColumnChooser } from './ColumnChooser.js'
import type { ViewState } from './useViewState.js'
import { ViewActions } from './ViewActions.js'
import { ViewPicker } from './ViewPicker.js'
import './views.css'

interface Props {
  object: ObjectDescription
  objects: ObjectDescription[]
  state: ViewState
  allColumns: Column[]
  shownColumns: Column[]
}

export function ViewsBar({ object, objects, state, allColumns, shownColumns }: Props) {
  const { t } = useTranslation()
  return (
    <Stack gap={6} className="views-bar">
      <Group gap="xs" wrap="wrap" justify="space-between">
        <ViewPicker views={state.views.data ?? []} active={state.active} onSelect={state.select} />
        <ViewActions object={object} state={state} />
      </Group>
      {state.missing ? <Alert color="yellow" variant="light" role="status" py={6}>{t('views.missing')}</Alert> : null}
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        <FilterBar object={object} objects={objects} filter={state.parts.filter} onChange={state.setFilter} />
        <ColumnChooser all={allColumns} shown={shownColumns} onChange={state.setColumns} />
      </Group>
    </Stack>
  )
}
