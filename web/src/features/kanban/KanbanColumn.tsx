/**
 * One column: header with totals, its cards (keyset pages, "load more"), and a drop target
 * for cards dragged from other columns.
 */
import { Button, Center, Loader, Text } from '@mantine/core'
import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import type { Column, FormatContext } from '../records/fields.js'
import type { BoardColumn, ColumnSource } from './board-model.js'
import { ColumnHeader } from './ColumnHeader.js'
import { KanbanCard } from './KanbanCard.js'
import { useColumnCards, type ColumnTotals } from './useBoard.js'

export interface DragState {
  card: ApiRecord
  from: BoardColumn
}

interface KanbanColumnProps {
  object: ObjectDescription
  objects: ObjectDescription[]
  source: ColumnSource
  parentId: string | null
  column: BoardColumn
  columns: BoardColumn[]
  totals: ColumnTotals | undefined
  showsAmount: boolean
  details: Column[]
  ctx: Omit<FormatContext, 'labels'>
  dragging: DragState | null
  onDrag: (state: DragState | null) => void
  onMove: (card: ApiRecord, from: BoardColumn, to: BoardColumn) => void
}

export function KanbanColumn(props: KanbanColumnProps) {
  const { t } = useTranslation()
  const { column, dragging } = props
  const headingId = useId()
  const [isOver, setOver] = useState(false)
  const cards = useColumnCards(props.object, props.objects, props.source, props.parentId, column)
  const pages = cards.data?.pages
  const rows = useMemo(() => pages?.flatMap((page) => page.data) ?? [], [pages])
  const ctx: FormatContext = useMemo(() => ({ ...props.ctx, labels: new Map((pages ?? []).flatMap((page) => Object.entries(page.labels))) }), [props.ctx, pages])
  const accepts = dragging !== null && dragging.from.key !== column.key

  return (
    <section className="kanban-column" aria-labelledby={headingId} data-column={column.key} data-drop-target={(accepts && isOver) || undefined}
      onDragOver={(event) => {
        if (!accepts) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'move'
        setOver(true)
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false)
      }}
      onDrop={(event) => {
        event.preventDefault()
        setOver(false)
        if (accepts) props.onMove(dragging.card, dragging.from, column)
        props.onDrag(null)
      }}>
      <ColumnHeader column={column} headingId={headingId} totals={props.totals} showsAmount={props.showsAmount} fmt={props.ctx.fmt} />
      <div className="kanban-cards" role="list" aria-labelledby={headingId}>
        {cards.isPending ? (
          <Center py="md" role="status"><Loader size="xs" aria-label={t('kanban.loading')} /></Center>
        ) : cards.isError && rows.length === 0 ? (
          <ErrorAlert error={cards.error} onRetry={() => void cards.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">{t('kanban.emptyColumn')}</Text>
        ) : rows.map((record) => (
          <KanbanCard key={record.id} object={props.object} record={record} details={props.details} ctx={ctx} column={column} columns={props.columns}
            isDragging={dragging?.card.id === record.id}
            onDragStart={() => props.onDrag({ card: record, from: column })} onDragEnd={() => props.onDrag(null)}
            onMove={(to) => props.onMove(record, column, to)} />
        ))}
        {cards.hasNextPage ? (
          <Button variant="subtle" size="compact-sm" onClick={() => void cards.fetchNextPage()} loading={cards.isFetchingNextPage}>{t('kanban.loadMore')}</Button>
        ) : null}
      </div>
    </section>
  )
}
