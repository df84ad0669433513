/**
 * XLSX from export pages with exceljs's streaming WorkbookWriter: each row is committed and
 * leaves memory; numbers, money, dates and booleans are typed cells (money carries its
 * currency in the number format). Between pages the writer waits while the output is full,
 * so a slow download slows the database reads instead of growing the heap.
 */
import { PassThrough, type Readable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { loadExcelJs } from '../imports/load-exceljs.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import type { Cell, ExportColumn, RelationLabels } from './export-columns.js'
import { headerRow } from './export-columns.js'

const DATE_FORMAT = 'yyyy-mm-dd'
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss'
/** Sheet names are at most 31 characters and cannot hold : \ / ? * [ ]. */
const MAX_SHEET_NAME = 31
/** Bytes of finished XLSX held before the writer waits for the reader. */
const OUTPUT_HIGH_WATER = 1024 * 1024
/** Rows written between two waits for the zip and the output. */
const DRAIN_EVERY_ROWS = 500

const moneyFormat = (currency: string) => `#,##0.00 "${currency.replace(/[^A-Z]/g, '')}"`

function setCell(target: ExcelJS.Cell, cell: Cell): void {
  if (cell === null) return
  switch (cell.kind) {
    case 'text':
    case 'number':
    case 'boolean':
      target.value = cell.value
      return
    case 'money':
      target.value = cell.value
      target.numFmt = moneyFormat(cell.currency)
      return
    case 'date':
    case 'dateTime':
      target.value = cell.value
      target.numFmt = cell.kind === 'date' ? DATE_FORMAT : DATE_TIME_FORMAT
  }
}

export const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, MAX_SHEET_NAME) || 'Export'

/** Waits for room in `out`, or for the reader to go away (an aborted download). */
const drainedOrClosed = (out: PassThrough) => new Promise<void>((resolve) => {
  const done = () => { out.off('drain', done); out.off('close', done); resolve() }
  out.on('drain', done)
  out.on('close', done)
})

/**
 * exceljs hands each worksheet's XML to the zip through a PassThrough it never waits on, so a
 * writer faster than the deflate piles the whole sheet up in memory (measured: RSS grew with
 * the row count). Until exceljs applies backpressure itself, wait on that PassThrough between
 * pages. It is reached through exceljs internals (`_stream.pipes`); when they are not there,
 * nothing is waited on and only the output stream paces the writer.
 */
interface ZipInput {
  _writableState?: { needDrain?: boolean }
  once(event: 'drain', listener: () => void): unknown
}

async function sheetDrained(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = (sheet as unknown as { _stream?: { pipes?: ZipInput[] } })._stream?.pipes ?? []
  for (const pipe of pipes) {
    // archiver's PassThrough comes from readable-stream 2, which has no writableNeedDrain.
    if (pipe._writableState?.needDrain) await new Promise<void>((resolve) => pipe.once('drain', () => resolve()))
  }
}

/** Starts writing; the returned stream is the .xlsx file. Errors destroy it. */
export function xlsxStream(columns: ExportColumn[], pages: AsyncIterable<{ records: ApiRecord[]; labels: RelationLabels }>, title: string): Readable {
  const out = new PassThrough({ highWaterMark: OUTPUT_HIGH_WATER })
  const write = async () => {
    const { stream } = await loadExcelJs()
    const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    const sheet = workbook.addWorksheet(sheetName(title))
    sheet.addRow(headerRow(columns)).commit()
    for await (const { records, labels } of pages) {
      for (let r = 0; r < records.length; r++) {
        const row = sheet.addRow([])
        columns.forEach((column, i) => setCell(row.getCell(i + 1), column.cell(records[r], labels)))
        row.commit()
        // Pages are large (export-pages.ts); waiting every few hundred rows keeps exceljs's buffers small.
        if ((r + 1) % DRAIN_EVERY_ROWS === 0 || r === records.length - 1) {
          await sheetDrained(sheet)
          if (out.writableNeedDrain) await drainedOrClosed(out)
          if (out.destroyed) return
        }
      }
    }
    sheet.commit()
    await workbook.commit()
  }
  write().catch((error: unknown) => out.destroy(error as Error))
  return out
}
