/**
 * The board: one column per value, side by side (scrolling sideways on a phone, right to left
 * in Persian). Dragging uses native HTML5 drag and drop; every card also has a move menu.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { formattersFor } from '../../i18n/format.js'
import { columnsOf, isListable } from '../records/fields.js'
import { amountFieldOf, type BoardColumn, type ColumnSource } from './board-model.js'
import { KanbanColumn, type DragState } from './KanbanColumn.js'
import { useColumnTotals } from './useBoard.js'
import { useMoveCard } from './useMoveCard.js'

/** Fields a card shows under its title. */
const FIELDS_PER_CARD = 3

interface KanbanBoardProps {
  object: ObjectDescription
  objects: ObjectDescription[]
  source: ColumnSource
  parentId: string | null
  columns: BoardColumn[]
}

export function KanbanBoard({ object, objects, source, parentId, columns }: KanbanBoardProps) {
  const { t, i18n } = useTranslation()
  const [dragging, setDragging] = useState<DragState | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const totals = useColumnTotals(object, source, parentId)
  const move = useMoveCard(object, source, parentId)
  const ctx = useMemo(() => ({ fmt: formattersFor(i18n.language), t }), [i18n.language, t])
  const details = useMemo(() => {
    // The title, the column's own field and the board's parent would only repeat what the board shows.
    const shown = new Set([...object.labelFields, source.field.apiName, ...(source.kind === 'relation' ? [source.parent.cardField.apiName] : [])])
    return columnsOf(object, t).filter((c) => c.field && isListable(c.field) && !shown.has(c.key)).slice(0, FIELDS_PER_CARD)
  }, [object, source, t])
  const amountField = amountFieldOf(object)

  const onMove = (card: ApiRecord, from: BoardColumn, to: BoardColumn) => {
    if (from.key === to.key) return
    move.mutate({ card, from, to })
    setAnnouncement(t('kanban.moved', { column: to.label }))
  }

  return (
    <>
      <div className="kanban-board" role="region" aria-label={t('kanban.boardLabel', { object: object.labelPlural })} aria-describedby="kanban-hint" tabIndex={0}>
        {columns.map((column) => (
          <KanbanColumn key={column.key} object={object} objects={objects} source={source} parentId={parentId} column={column} columns={columns}
            totals={totals.data ? totals.data.get(column.value) ?? { count: 0, sums: [] } : undefined} showsAmount={amountField !== undefined}
            details={details} ctx={ctx} dragging={dragging} onDrag={setDragging} onMove={onMove} />
        ))}
      </div>
      <p id="kanban-hint" className="kanban-hint">{t('kanban.hint')}</p>
      <div role="status" aria-live="polite" className="kanban-live">{announcement}</div>
    </>
  )
}
