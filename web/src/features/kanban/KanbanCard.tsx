/**
 * One card: the record's title (a link), a few of its fields, and a "move to…" menu — the
 * keyboard and touch way to do what dragging does.
 */
import { ActionIcon, Anchor, Group, Menu, Paper } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { linkProps, recordPath } from '../../app/router.js'
import { CardFields } from '../records/CardFields.js'
import { recordTitle, type Column, type FormatContext } from '../records/fields.js'
import type { BoardColumn } from './board-model.js'

interface KanbanCardProps {
  object: ObjectDescription
  record: ApiRecord
  details: Column[]
  ctx: FormatContext
  column: BoardColumn
  columns: BoardColumn[]
  isDragging: boolean
  onDragStart: () => void
  onDragEnd: () => void
  onMove: (to: BoardColumn) => void
}

export function KanbanCard(props: KanbanCardProps) {
  const { t } = useTranslation()
  const { object, record, ctx } = props
  const title = recordTitle(object, record) || t('kanban.untitled')
  return (
    <Paper withBorder radius="md" p="sm" className="kanban-card" role="listitem" draggable data-card-id={record.id} data-dragging={props.isDragging || undefined}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move'
        event.dataTransfer.setData('text/plain', record.id)
        props.onDragStart()
      }}
      onDragEnd={props.onDragEnd}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
        <Anchor fw={600} size="sm" className="kanban-card-title" draggable={false} {...linkProps(recordPath(object.apiName, record.id))}><bdi>{title}</bdi></Anchor>
        <Menu position="bottom-end" withinPortal shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" size="sm" color="gray" aria-label={t('kanban.moveCard', { title })}>
              <span aria-hidden="true">⇄</span>
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('kanban.moveTo')}</Menu.Label>
            {props.columns.filter((c) => c.key !== props.column.key).map((c) => (
              <Menu.Item key={c.key} onClick={() => props.onMove(c)}><bdi>{c.label}</bdi></Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <CardFields columns={props.details} record={record} ctx={ctx} className="kanban-card-fields" fieldClassName="kanban-card-field" />
    </Paper>
  )
}
