import type { ApiRecord, ObjectDescription, SortKey } from '../../api/types.js'
import type { CellRenderer } from '../table-editing/useTableEditing.js'
import type { RowSelection } from '../table-editing/useRowSelection.js'
import type { Column, FormatContext } from './fields.js'

/** What the table and the card list both render: loaded rows and how to get more. */
export interface RecordListViewProps {
  object: ObjectDescription
  columns: Column[]
  rows: ApiRecord[]
  ctx: FormatContext
  sort: SortKey[]
  onSort: (field: string) => void
  hasNextPage: boolean
  isFetchingNextPage: boolean
  isFetchNextPageError: boolean
  fetchNextPage: () => unknown
  /** Given, header edges can be dragged to resize columns (the table; cards have none). */
  onResizeColumn?: (key: string, width: number) => void
  /** Checkbox column for bulk actions (table-editing). */
  selection?: RowSelection
  /** An editable cell in place of the plain one, or null to keep it (table-editing). */
  renderCell?: CellRenderer
}

/** The column whose cell links to the record: the first of the object's label fields shown. */
export const titleColumnKey = (object: ObjectDescription, columns: Column[]) =>
  columns.find((column) => object.labelFields.includes(column.key))?.key ?? columns[0]?.key
