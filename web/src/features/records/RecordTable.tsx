/**
 * The record list on wide screens: a virtualized grid (ARIA table roles) with a sticky header
 * whose buttons sort by a column. Rows are absolutely placed by the virtualizer; the grid
 * follows the document direction, so Persian reads right to left.
 */
import { Anchor, UnstyledButton } from '@mantine/core'
import { useRef, type CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { linkProps, recordPath } from '../../app/router.js'
import { ColumnResizeHandle } from '../views/ColumnResizeHandle.js'
import { CellText } from './CellText.js'
import { formatCell } from './fields.js'
import { ListFooterRow } from './ListFooterRow.js'
import { titleColumnKey, type RecordListViewProps } from './list-view.js'
import { useVirtualRows } from './useVirtualRows.js'
import { RowCheckbox, SelectAllCheckbox } from '../table-editing/RowCheckbox.js'

const ROW_HEIGHT = 40
const CHECKBOX_WIDTH = 44

function SortMark({ dir }: { dir: 'asc' | 'desc' | undefined }) {
  return <span className="sort-mark" aria-hidden="true">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}</span>
}

export function RecordTable(props: RecordListViewProps) {
  const { t } = useTranslation()
  const { object, columns, rows, ctx, sort } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualRows({
    scrollRef, rowCount: rows.length, estimateSize: ROW_HEIGHT, hasNextPage: props.hasNextPage,
    isFetchingNextPage: props.isFetchingNextPage, canFetch: !props.isFetchNextPageError, fetchNextPage: props.fetchNextPage,
  })
  const { selection, renderCell } = props
  const checkboxWidth = selection ? CHECKBOX_WIDTH : 0
  const template: CSSProperties = {
    gridTemplateColumns: [...(selection ? [`${CHECKBOX_WIDTH}px`] : []), ...columns.map((column) => `${column.width}px`)].join(' '),
    width: checkboxWidth + columns.reduce((sum, column) => sum + column.width, 0),
  }
  const titleKey = titleColumnKey(object, columns)
  const label = t('records.tableLabel', { object: object.labelPlural })

  return (
    <div ref={scrollRef} className="record-scroller" tabIndex={0} role="region" aria-label={label}>
      <div role="table" aria-label={label} aria-rowcount={props.hasNextPage ? -1 : rows.length + 1} className="record-table">
        <div role="rowgroup" className="record-head">
          <div role="row" className="record-row" style={template} aria-rowindex={1}>
            {selection ? <div role="columnheader" className="record-cell record-header-cell"><SelectAllCheckbox selection={selection} /></div> : null}
            {columns.map((column) => {
              const dir = sort[0]?.field === column.key ? sort[0].dir : undefined
              return (
                <div key={column.key} role="columnheader" className="record-cell record-header-cell"
                  aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
                  {column.sortable ? (
                    <UnstyledButton className="sort-button" onClick={() => props.onSort(column.key)}
                      title={t('records.sortBy', { field: column.label })}>
                      <span className="cell-text">{column.label}</span>
                      <SortMark dir={dir} />
                    </UnstyledButton>
                  ) : <span className="cell-text">{column.label}</span>}
                  {props.onResizeColumn ? <ColumnResizeHandle column={column} onResize={props.onResizeColumn} /> : null}
                </div>
              )
            })}
          </div>
        </div>
        <div role="rowgroup" className="record-body" style={{ height: virtualizer.getTotalSize(), width: template.width }}>
          {virtualizer.getVirtualItems().map((item) => {
            const record = rows[item.index]
            const position: CSSProperties = { ...template, height: item.size, transform: `translateY(${item.start}px)` }
            if (!record) {
              return (
                <div key="footer" role="row" className="record-row record-row-virtual" style={position}>
                  <div role="cell" className="record-footer-cell">
                    <ListFooterRow failed={props.isFetchNextPageError} onRetry={() => void props.fetchNextPage()} />
                  </div>
                </div>
              )
            }
            return (
              <div key={record.id} role="row" aria-rowindex={item.index + 2} className="record-row record-row-virtual" style={position}
                data-selected={selection?.isSelected(record.id) || undefined}>
                {selection ? <div role="cell" className="record-cell"><RowCheckbox selection={selection} object={object} record={record} /></div> : null}
                {columns.map((column) => {
                  const text = formatCell(column, record, ctx)
                  return (
                    <div key={column.key} role="cell" className="record-cell">
                      {column.key === titleKey ? (
                        <Anchor className="cell-text" {...linkProps(recordPath(object.apiName, record.id))}>
                          {text ? <CellText column={column} text={text} /> : t('records.untitled')}
                        </Anchor>
                      ) : renderCell?.(column, record, <CellText column={column} text={text} />, text)
                        ?? <span className="cell-text" title={text}><CellText column={column} text={text} /></span>}
                    </div>
                  )
                })}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
