/**
 * The record list on wide screens: a virtualized grid (ARIA table roles) with a sticky header
 * whose buttons sort by a column. Rows are absolutely placed by the virtualizer, and wide
 * objects render only the columns in view (useVirtualColumns); the grid follows the document
 * direction, so Persian reads right to left.
 */
import { UnstyledButton } from '@mantine/core'
import { memo, useCallback, useRef, type CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { ColumnResizeHandle } from '../views/ColumnResizeHandle.js'
import type { ApiRecord, SortKey } from '../../api/types.js'
import { recordTitle, type Column } from './fields.js'
import { ListFooterRow } from './ListFooterRow.js'
import { titleColumnKey, type RecordListViewProps } from './list-view.js'
import { useVirtualRows } from './useVirtualRows.js'
import { useVirtualColumns, type ColumnWindow } from './useVirtualColumns.js'
import { SelectAllCheckbox } from '../table-editing/RowCheckbox.js'
import type { RowSelection } from '../table-editing/useRowSelection.js'
import { RecordRow } from './RecordRow.js'

const ROW_HEIGHT = 40
const CHECKBOX_WIDTH = 44

function SortMark({ dir }: { dir: 'asc' | 'desc' | undefined }) {
  return <span className="sort-mark" aria-hidden="true">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}</span>
}

/**
 * The sticky header, memoised apart from the body: the table re-renders on every scroll event
 * (the virtual window moves) and the header's buttons need not.
 */
const RecordTableHead = memo(function RecordTableHead({ template, columns, columnWindow, sort, selection, onSort, onResizeColumn }: {
  template: CSSProperties
  columns: Column[]
  columnWindow: ColumnWindow
  sort: SortKey[]
  selection: RowSelection | undefined
  onSort: (field: string) => void
  onResizeColumn: ((key: string, width: number) => void) | undefined
}) {
  const { t } = useTranslation()
  return (
    <div role="rowgroup" className="record-head">
      <div role="row" className="record-row" style={template} aria-rowindex={1}>
        {selection ? <div role="columnheader" className="record-cell record-header-cell"><SelectAllCheckbox selection={selection} /></div> : null}
        {columnWindow.virtual ? <div aria-hidden="true" className="record-header-cell record-spacer" /> : null}
        {columns.map((column, i) => {
          const dir = sort[0]?.field === column.key ? sort[0].dir : undefined
          return (
            <div key={column.key} role="columnheader" className="record-cell record-header-cell"
              aria-colindex={columnWindow.virtual ? columnWindow.firstIndex + i + (selection ? 1 : 0) : undefined}
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
              {column.sortable ? (
                <UnstyledButton className="sort-button" onClick={() => onSort(column.key)}
                  title={t('records.sortBy', { field: column.label })}>
                  <span className="cell-text">{column.label}</span>
                  <SortMark dir={dir} />
                </UnstyledButton>
              ) : <span className="cell-text">{column.label}</span>}
              {onResizeColumn ? <ColumnResizeHandle column={column} onResize={onResizeColumn} /> : null}
            </div>
          )
        })}
        {columnWindow.virtual ? <div aria-hidden="true" className="record-header-cell record-spacer" /> : null}
      </div>
    </div>
  )
})

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
  // Rows are memoised (RecordRow): what they get (columnWindow.columns, columnWindow.template) keeps its
  // identity between renders until the visible columns change.
  const columnWindow = useVirtualColumns(scrollRef, columns, checkboxWidth)
  const template = columnWindow.template
  const titleKey = titleColumnKey(object, columns)
  const recordLabel = useCallback((record: ApiRecord) => t('bulk.selectRow', { title: recordTitle(object, record) || t('records.untitled') }), [object, t])
  const label = t('records.tableLabel', { object: object.labelPlural })

  return (
    <div ref={scrollRef} className="record-scroller" tabIndex={0} role="region" aria-label={label}>
      <div role="table" aria-label={label} aria-rowcount={props.hasNextPage ? -1 : rows.length + 1} className="record-table"
        aria-colcount={columnWindow.virtual ? columns.length + (selection ? 1 : 0) : undefined}>
        <RecordTableHead template={template} columns={columnWindow.columns} columnWindow={columnWindow} sort={sort} selection={selection} onSort={props.onSort} onResizeColumn={props.onResizeColumn} />
        <div role="rowgroup" className="record-body" style={{ height: virtualizer.getTotalSize(), width: template.width }}>
          {virtualizer.getVirtualItems().map((item) => {
            const record = rows[item.index]
            if (!record) {
              return (
                <div key="footer" role="row" className="record-row record-row-virtual"
                  style={{ ...template, height: item.size, transform: `translateY(${item.start}px)` }}>
                  <div role="cell" className="record-footer-cell">
                    <ListFooterRow failed={props.isFetchNextPageError} onRetry={() => void props.fetchNextPage()} />
                  </div>
                </div>
              )
            }
            return (
              <RecordRow key={record.id} objectName={object.apiName} record={record} index={item.index} start={item.start} size={item.size}
                template={template} columns={columnWindow.columns} firstColumn={columnWindow.virtual ? columnWindow.firstIndex + (selection ? 1 : 0) : undefined} titleKey={titleKey} ctx={ctx} untitled={t('records.untitled')}
                selected={selection?.isSelected(record.id)} onToggle={selection?.toggle} recordLabel={recordLabel} renderCell={renderCell} />
            )
          })}
        </div>
      </div>
    </div>
  )
}
