/**
 * A card's fields as a description list: each column's label and formatted value. Empty values
 * are left out: a card has room for a few lines, and blanks would push real values off it.
 * Shared by the phone record list and the kanban board; each styles it with its own classes.
 */
import { Text } from '@mantine/core'
import type { ApiRecord } from '../../api/types.js'
import { CellText } from './CellText.js'
import { formatCell, type Column, type FormatContext } from './fields.js'

interface CardFieldsProps {
  columns: Column[]
  record: ApiRecord
  ctx: FormatContext
  /** Class of the list (`<dl>`) and of each label/value pair in it. */
  className: string
  fieldClassName: string
}

export function CardFields({ columns, record, ctx, className, fieldClassName }: CardFieldsProps) {
  return (
    <dl className={className}>
      {columns.map((column) => {
        const text = formatCell(column, record, ctx)
        return text ? (
          <div key={column.key} className={fieldClassName}>
            <Text component="dt" size="xs" c="dimmed">{column.label}</Text>
            <Text component="dd" size="sm"><CellText column={column} text={text} /></Text>
          </div>
        ) : null
      })}
    </dl>
  )
}
