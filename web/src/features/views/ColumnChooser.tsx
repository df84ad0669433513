/**
 * Which columns the list shows and in what order: a checkbox per column, up/down buttons (the
 * keyboard and phone way) and drag and drop (the mouse way). Widths are kept; resizing happens
 * on the table's header edges (ColumnResizeHandle).
 */
import { ActionIcon, Button, Checkbox, Drawer, Group, Stack, Text } from '@mantine/core'
import { useDisclosure, useMediaQuery } from '@mantine/hooks'
import { useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ViewColumn } from '../../api/views.js'
import type { Column } from '../records/fields.js'

interface Props {
  /** Every column the object can show, in its default order and widths. */
  all: Column[]
  /** The columns shown now, in order. */
  shown: Column[]
  onChange: (columns: ViewColumn[]) => void
}

interface Entry {
  column: Column
  visible: boolean
}

function entriesOf(all: Column[], shown: Column[]): Entry[] {
  const visible = new Set(shown.map((column) => column.key))
  return [...shown.map((column) => ({ column, visible: true })), ...all.filter((c) => !visible.has(c.key)).map((column) => ({ column, visible: false }))]
}

const toView = (entries: Entry[]): ViewColumn[] => entries.filter((e) => e.visible).map((e) => ({ field: e.column.key, width: e.column.width }))

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item)
  return next
}

export function ColumnChooser({ all, shown, onChange }: Props) {
  const { t } = useTranslation()
  const [opened, drawer] = useDisclosure(false)
  const [dragged, setDragged] = useState<number | null>(null)
  const isPhone = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false })
  const entries = entriesOf(all, shown)
  const visibleCount = entries.filter((e) => e.visible).length
  const update = (next: Entry[]) => onChange(toView(next))
  const drop = (event: DragEvent, to: number) => {
    event.preventDefault()
    if (dragged !== null) update(move(entries, dragged, to))
    setDragged(null)
  }

  return (
    <>
      <Button size="xs" variant="default" onClick={drawer.open} aria-haspopup="dialog">{t('views.columns')}</Button>
      <Drawer opened={opened} onClose={drawer.close} title={t('views.columnsTitle')} size={isPhone ? '85%' : 'sm'}
        position={isPhone ? 'bottom' : 'right'} closeButtonProps={{ 'aria-label': t('views.close') }}>
        <Text size="sm" c="dimmed" mb="sm">{t('views.columnsHint')}</Text>
        <Stack gap={4} role="list" aria-label={t('views.columnsTitle')}>
          {entries.map((entry, index) => (
            <Group key={entry.column.key} role="listitem" gap="xs" wrap="nowrap" className="column-choice"
              data-dragging={dragged === index || undefined} draggable
              onDragStart={(event) => { setDragged(index); event.dataTransfer.effectAllowed = 'move' }}
              onDragOver={(event) => event.preventDefault()} onDrop={(event) => drop(event, index)} onDragEnd={() => setDragged(null)}>
              <span className="drag-grip" aria-hidden="true">⋮⋮</span>
              <Checkbox className="column-choice-label" label={entry.column.label} checked={entry.visible}
                disabled={entry.visible && visibleCount === 1}
                onChange={(event) => update(entries.map((e, i) => (i === index ? { ...e, visible: event.currentTarget.checked } : e)))} />
              <ActionIcon variant="subtle" size="sm" disabled={index === 0} aria-label={t('views.moveUp', { column: entry.column.label })}
                onClick={() => update(move(entries, index, index - 1))}>↑</ActionIcon>
              <ActionIcon variant="subtle" size="sm" disabled={index === entries.length - 1} aria-label={t('views.moveDown', { column: entry.column.label })}
                onClick={() => update(move(entries, index, index + 1))}>↓</ActionIcon>
            </Group>
          ))}
        </Stack>
        <Button mt="md" variant="subtle" size="xs" onClick={() => onChange([])}>{t('views.defaultColumns')}</Button>
      </Drawer>
    </>
  )
}
