/**
 * RFC 4180 CSV from export pages: CRLF line ends, a field quoted when it holds a comma,
 * quote, CR or LF (quotes doubled), UTF-8 with an optional byte order mark so Excel reads
 * Cyrillic, Persian and Lithuanian text right.
 */
import type { Cell, ExportColumn, RelationLabels } from './export-columns.js'
import { headerRow } from './export-columns.js'
import type { ApiRecord } from '../../engine/record-codec.js'

const NEEDS_QUOTES = /[",\r\n]/

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function cellText(cell: Cell): string {
  if (cell === null) return ''
  switch (cell.kind) {
    case 'text': return cell.value
    case 'number':
    case 'money': return String(cell.value)
    case 'date':
    case 'dateTime': return cell.text
    case 'boolean': return cell.value ? 'true' : 'false'
  }
}

export const csvLine = (cells: string[]) => `${cells.map(csvField).join(',')}\r\n`

/** The CSV text of a whole export, page by page; pulled, so a slow reader slows the query. */
export async function* csvChunks(columns: ExportColumn[], pages: AsyncIterable<{ records: ApiRecord[]; labels: RelationLabels }>, bom: boolean): AsyncGenerator<string> {
  yield (bom ? '\ufeff' : '') + csvLine(headerRow(columns))
  for await (const { records, labels } of pages) {
    let chunk = ''
    for (const record of records) chunk += csvLine(columns.map((c) => cellText(c.cell(record, labels))))
    yield chunk
  }
}
