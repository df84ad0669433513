/**
 * The applied filter as removable chips, and the button that opens the builder. A filter the
 * builder cannot show (made through the API) is one chip that can be cleared.
 */
import { Button, CloseButton, Group } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { formattersFor } from '../../i18n/format.js'
import { describeItem } from './describe.js'
import { astToGroup, groupToAst, type FilterNode } from './filter-model.js'
import { FilterDrawer } from './FilterDrawer.js'
import { filterPathsOf } from './paths.js'

interface Props {
  object: ObjectDescription
  objects: ObjectDescription[]
  filter: unknown
  onChange: (filter: FilterNode | null) => void
}

function Chip({ label, removeLabel, onRemove }: { label: string; removeLabel: string; onRemove: () => void }) {
  return (
    <span className="filter-chip" role="listitem">
      {/* The UI direction, not the first letter's: a Persian sentence may start with a Latin field label. */}
      <span className="filter-chip-text" title={label}>{label}</span>
      <CloseButton size="xs" aria-label={removeLabel} onClick={onRemove} />
    </span>
  )
}

export function FilterBar({ object, objects, filter, onChange }: Props) {
  const { t, i18n } = useTranslation()
  const [opened, drawer] = useDisclosure(false)
  const paths = useMemo(() => filterPathsOf(object, objects, t), [object, objects, t])
  const byPath = useMemo(() => new Map(paths.map((p) => [p.path, p])), [paths])
  const group = useMemo(() => astToGroup(filter, byPath), [filter, byPath])
  const fmt = formattersFor(i18n.language)
  const count = group ? group.items.length : 1

  return (
    <Group gap="xs" wrap="wrap" className="filter-bar">
      <Button size="xs" variant={count > 0 ? 'light' : 'default'} onClick={drawer.open} aria-haspopup="dialog">
        {count > 0 ? t('filters.buttonCount', { count }) : t('filters.button')}
      </Button>
      <div role="list" aria-label={t('filters.applied')} className="filter-chips">
        {group ? group.items.map((item) => {
          const label = describeItem(item, byPath, fmt, t, i18n.language)
          const rest = { ...group, items: group.items.filter((other) => other.id !== item.id) }
          return <Chip key={item.id} label={label} removeLabel={t('filters.removeChip', { condition: label })} onRemove={() => onChange(groupToAst(rest, byPath))} />
        }) : filter ? <Chip label={t('filters.custom')} removeLabel={t('filters.clearCustom')} onRemove={() => onChange(null)} /> : null}
      </div>
      <FilterDrawer opened={opened} onClose={drawer.close} initial={group} paths={paths} byPath={byPath} onApply={onChange} />
    </Group>
  )
}
