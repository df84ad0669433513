/** One condition in the builder: which field, which operator, what value, and a remove button. */
import { CloseButton, Group, NativeSelect, Paper } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { FilterOperator } from '../../../../contracts/field-types.js'
import { initialValue, type Condition } from './filter-model.js'
import { operatorLabelKey, operatorsFor, valueKindOf } from './operators.js'
import type { FilterPath } from './paths.js'
import { ValueInput } from './ValueInput.js'

interface Props {
  condition: Condition
  index: number
  paths: FilterPath[]
  byPath: Map<string, FilterPath>
  onChange: (next: Condition) => void
  onRemove: () => void
}

/** Own fields first, then one option group per related record. */
function fieldOptions(paths: FilterPath[], ownLabel: string) {
  const own = paths.filter((p) => !p.via).map((p) => ({ value: p.path, label: p.label }))
  const groups = new Map<string, { value: string; label: string }[]>()
  for (const p of paths.filter((candidate) => candidate.via)) groups.set(p.via!, [...(groups.get(p.via!) ?? []), { value: p.path, label: p.label }])
  return [{ group: ownLabel, items: own }, ...[...groups].map(([group, items]) => ({ group, items }))]
}

export function ConditionRow({ condition, index, paths, byPath, onChange, onRemove }: Props) {
  const { t } = useTranslation()
  const path = byPath.get(condition.path)
  const name = t('filters.conditionN', { n: index + 1 })
  if (!path) return null
  const changeField = (value: string) => {
    const next = byPath.get(value)
    if (!next) return
    const keepOp = operatorsFor(next.field).includes(condition.op) && valueKindOf(next.field, condition.op) === valueKindOf(path.field, condition.op)
    const op = keepOp ? condition.op : operatorsFor(next.field)[0]
    onChange({ ...condition, path: next.path, op, value: keepOp ? condition.value : initialValue(next, op) })
  }
  const changeOp = (op: FilterOperator) => {
    const sameShape = valueKindOf(path.field, op) === valueKindOf(path.field, condition.op) && (op === 'between') === (condition.op === 'between')
    onChange({ ...condition, op, value: sameShape ? condition.value : initialValue(path, op) })
  }
  return (
    <Paper withBorder p="xs" radius="sm" role="group" aria-label={name} className="filter-condition">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <div className="filter-condition-parts">
          <NativeSelect aria-label={t('filters.field')} value={condition.path} onChange={(event) => changeField(event.currentTarget.value)}
            data={fieldOptions(paths, t('filters.ownFields'))} className="filter-field" />
          <NativeSelect aria-label={t('filters.operator')} value={condition.op} onChange={(event) => changeOp(event.currentTarget.value as FilterOperator)}
            data={operatorsFor(path.field).map((op) => ({ value: op, label: t(operatorLabelKey(path.field, op)) }))} className="filter-operator" />
          <ValueInput path={path} op={condition.op} value={condition.value} label={path.label} onChange={(value) => onChange({ ...condition, value })} />
        </div>
        <CloseButton aria-label={t('filters.removeCondition', { n: index + 1 })} onClick={onRemove} />
      </Group>
    </Paper>
  )
}
