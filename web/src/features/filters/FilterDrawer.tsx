/**
 * The filter builder in a drawer: from the side on wide screens, from the bottom on phones.
 * It edits a copy; "Apply" hands the AST to the page, "Cancel" drops the edits.
 */
import { Button, Drawer, Group, Stack } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { emptyGroup, groupToAst, type FilterNode, type Group as FilterGroup } from './filter-model.js'
import { GroupEditor } from './GroupEditor.js'
import type { FilterPath } from './paths.js'

interface Props {
  opened: boolean
  onClose: () => void
  /** The applied filter as the builder's model (null: it cannot be shown, so editing starts empty). */
  initial: FilterGroup | null
  paths: FilterPath[]
  byPath: Map<string, FilterPath>
  onApply: (filter: FilterNode | null) => void
}

function Editor({ initial, paths, byPath, onApply, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation()
  const [group, setGroup] = useState<FilterGroup>(() => initial ?? emptyGroup())
  return (
    <Stack gap="md">
      <GroupEditor group={group} paths={paths} byPath={byPath} onChange={setGroup} />
      <Group justify="space-between" className="filter-actions">
        <Button variant="subtle" color="gray" onClick={() => setGroup(emptyGroup())}>{t('filters.clearAll')}</Button>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>{t('filters.cancel')}</Button>
          <Button onClick={() => { onApply(groupToAst(group, byPath)); onClose() }}>{t('filters.apply')}</Button>
        </Group>
      </Group>
    </Stack>
  )
}

export function FilterDrawer(props: Props) {
  const { t } = useTranslation()
  const isPhone = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false })
  // Mantine mirrors 'right' to the left edge in a right-to-left page: the drawer comes from the end side.
  const position = isPhone ? 'bottom' : 'right'
  return (
    <Drawer opened={props.opened} onClose={props.onClose} position={position} size={isPhone ? '85%' : 'lg'}
      title={t('filters.title')} closeButtonProps={{ 'aria-label': t('filters.close') }}>
      {/* Mounted only while open, so each opening starts from the applied filter. */}
      {props.opened ? <Editor {...props} /> : null}
    </Drawer>
  )
}
