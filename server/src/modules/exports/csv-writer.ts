/**
 * RFC 4180 CSV from export pages: CRLF line ends, a field quoted when it holds a comma,
 * quote, CR or LF (quotes doubled), UTF-8 with an optional byte order mark so Excel reads
 * Cyrillic, Persian and Lithuanian text right. A page becomes one string built by
 * concatenation (no per-row arrays), and one chunk is yielded per page: the stream pulls, so
 * a slow reader slows the database reads instead of growing memory.
 */
import type { Cell, ExportColumn, RelationLabels } from './export-columns.js'
import { headerRow } from './export-columns.js'
import type { ApiRecord } from '../../engine/record-codec.js'

const NEEDS_QUOTES = /[",\r\n]/
const QUOTES = /"/g

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTES, '""')}"` : value
}

function cellText(cell: Cell): string {
  if (cell === null) return ''
  switch (cell.kind) {
    case 'text': return csvField(cell.value)
    case 'number':
    case 'money': return String(cell.value)
    case 'date':
    case 'dateTime': return csvField(cell.text)
    case 'boolean': return cell.value ? 'true' : 'false'
  }
}

export const csvLine = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`

type Page = { rows: Record<string, unknown>[]; records: ApiRecord[]; labels: RelationLabels }

/** One page as CSV lines; columns that can read the stored row skip the record and the cell object. */
export function csvPage(columns: ExportColumn[], { rows, records, labels }: Page): string {
  const texts = columns.map((c) => (c.rowText
    ? (i: number) => csvField(c.rowText!(rows[i], labels))
    : (i: number) => cellText(c.cell(records[i], labels))))
  const last = texts.length - 1
  let chunk = ''
  for (let i = 0; i < rows.length; i++) {
    for (let c = 0; c < last; c++) chunk += texts[c](i) + ','
    chunk += texts[last](i) + '\r\n'
  }
  return chunk
}

/** The CSV text of a whole export, page by page. */
export async function* csvChunks(columns: ExportColumn[], pages: AsyncIterable<Page>, bom: boolean): AsyncGenerator<string> {
  yield (bom ? '\ufeff' : '') + csvLine(headerRow(columns))
  for await (const page of pages) yield csvPage(columns, page)
}
