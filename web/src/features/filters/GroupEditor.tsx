/**
 * A group of conditions joined by "all" (and) or "any" (or). The top group can hold nested
 * groups one level down, which covers "lastName starts with K and (tier is gold or score ≥ 80)".
 */
import { Button, CloseButton, Group as Row, Paper, SegmentedControl, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ConditionRow } from './ConditionRow.js'
import { emptyGroup, newCondition, type Condition, type Group } from './filter-model.js'
import type { FilterPath } from './paths.js'

interface Props {
  group: Group
  paths: FilterPath[]
  byPath: Map<string, FilterPath>
  onChange: (next: Group) => void
  depth?: number
  onRemove?: () => void
}

export function GroupEditor({ group, paths, byPath, onChange, depth = 0, onRemove }: Props) {
  const { t } = useTranslation()
  const replace = (id: string, next: Condition | Group | null) =>
    onChange({ ...group, items: group.items.flatMap((item) => (item.id !== id ? [item] : next ? [next] : [])) })
  const add = (item: Condition | Group) => onChange({ ...group, items: [...group.items, item] })
  const first = paths[0]
  let conditionIndex = 0

  const body = (
    <Stack gap="xs">
      <Row justify="space-between" wrap="nowrap" gap="xs">
        <SegmentedControl size="xs" value={group.join} onChange={(join) => onChange({ ...group, join: join as Group['join'] })}
          aria-label={t('filters.join')} data={[{ value: 'and', label: t('filters.matchAll') }, { value: 'or', label: t('filters.matchAny') }]} />
        {onRemove ? <CloseButton aria-label={t('filters.removeGroup')} onClick={onRemove} /> : null}
      </Row>
      {group.items.length === 0 ? <Text size="sm" c="dimmed">{t('filters.noConditions')}</Text> : null}
      {group.items.map((item) => item.kind === 'group' ? (
        <GroupEditor key={item.id} group={item} paths={paths} byPath={byPath} depth={depth + 1}
          onChange={(next) => replace(item.id, next)} onRemove={() => replace(item.id, null)} />
      ) : (
        <ConditionRow key={item.id} condition={item} index={conditionIndex++} paths={paths} byPath={byPath}
          onChange={(next) => replace(item.id, next)} onRemove={() => replace(item.id, null)} />
      ))}
      <Row gap="xs">
        <Button size="xs" variant="light" disabled={!first} onClick={() => first && add(newCondition(first))}>{t('filters.addCondition')}</Button>
        {depth === 0 ? (
          <Button size="xs" variant="subtle" disabled={!first} onClick={() => first && add({ ...emptyGroup('or'), items: [newCondition(first)] })}>
            {t('filters.addGroup')}
          </Button>
        ) : null}
      </Row>
    </Stack>
  )
  return depth === 0 ? body : <Paper withBorder p="xs" radius="sm" role="group" aria-label={t('filters.group')} className="filter-group">{body}</Paper>
}
