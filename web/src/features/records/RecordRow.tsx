/**
 * One row of the record table, memoised: scrolling moves the virtual window but leaves a row's
 * props alone (its offset is fixed by its index), and a new page of rows keeps the props of the
 * rows already shown, so React skips them; only rows coming into view render. Every prop must
 * therefore be stable across renders of the table: the record object (replaced by the query
 * cache only when it changes), the memoised columns, template and format context, and callbacks
 * that do not close over per-render state.
 */
import { Anchor } from '@mantine/core'
import { memo, type CSSProperties } from 'react'
import { linkProps, recordPath } from '../../app/router.js'
import type { ApiRecord } from '../../api/types.js'
import { CellText } from './CellText.js'
import type { Column, FormatContext } from './fields.js'
import { cachedFormatCell } from './format-cache.js'
import type { CellRenderer } from '../table-editing/useTableEditing.js'
import { RowCheckbox } from '../table-editing/RowCheckbox.js'

export interface RecordRowProps {
  objectName: string
  record: ApiRecord
  index: number
  start: number
  size: number
  /** Grid columns and width, shared by the header and every row. */
  template: CSSProperties
  columns: Column[]
  /** With virtual columns: the aria-colindex of the first rendered column; spacer tracks surround them. */
  firstColumn: number | undefined
  titleKey: string | undefined
  ctx: FormatContext
  untitled: string
  /** Undefined when the table has no checkbox column. */
  selected: boolean | undefined
  onToggle: ((id: string) => void) | undefined
  recordLabel: (record: ApiRecord) => string
  renderCell: CellRenderer | undefined
}

export const RecordRow = memo(function RecordRow(props: RecordRowProps) {
  const { record, columns, ctx, titleKey, renderCell, onToggle } = props
  const position: CSSProperties = { ...props.template, height: props.size, transform: `translateY(${props.start}px)` }
  return (
    <div role="row" aria-rowindex={props.index + 2} className="record-row record-row-virtual" style={position}
      data-selected={props.selected || undefined}>
      {onToggle ? (
        <div role="cell" className="record-cell">
          <RowCheckbox id={record.id} checked={!!props.selected} onToggle={onToggle} label={props.recordLabel(record)} />
        </div>
      ) : null}
      {props.firstColumn !== undefined ? <div aria-hidden="true" className="record-spacer" /> : null}
      {columns.map((column, i) => {
        const text = cachedFormatCell(column, record, ctx)
        return (
          <div key={column.key} role="cell" className="record-cell" aria-colindex={props.firstColumn === undefined ? undefined : props.firstColumn + i}>
            {column.key === titleKey ? (
              <Anchor className="cell-text" {...linkProps(recordPath(props.objectName, record.id))}>
                {text ? <CellText column={column} text={text} /> : props.untitled}
              </Anchor>
            ) : renderCell?.(column, record, <CellText column={column} text={text} />, text)
              ?? <span className="cell-text" title={text}><CellText column={column} text={text} /></span>}
          </div>
        )
      })}
      {props.firstColumn !== undefined ? <div aria-hidden="true" className="record-spacer" /> : null}
    </div>
  )
})
