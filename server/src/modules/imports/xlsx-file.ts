/**
 * XLSX uploads for import jobs. What a file is comes from its first bytes, not its name: a
 * zip named .csv or a text file named .xlsx is refused with a clear 4xx. Before any XML is
 * parsed the whole archive is streamed through fflate with a budget — total uncompressed bytes,
 * the uncompressed/compressed ratio (a zip bomb inflates 1 KB to gigabytes), entry count and
 * names — and any XML carrying a DTD or entity declaration (XXE, billion laughs) is refused.
 * Only then is the chosen sheet read with exceljs's streaming reader and written as a UTF-8
 * CSV, so the job's mapping, coercion, dry run, apply, resume and undo are the CSV path's own.
 */
import fs from 'node:fs'
import { Unzip, UnzipInflate } from 'fflate'
import type ExcelJS from 'exceljs'
import { loadExcelJs } from './load-exceljs.js'
import { AppError, fieldError } from '../../errors.js'
import { csvLine } from '../exports/csv-writer.js'
import { MAX_COLUMNS } from './import-file.js'

export type UploadKind = 'csv' | 'xlsx'

/** An XLSX's XML, unpacked, may be at most this large (a million wide rows fit). */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024
/** Real spreadsheets inflate 5–50×; far beyond is a bomb. Checked once this much is unpacked. */
export const MAX_XLSX_RATIO = 200
const RATIO_CHECK_AFTER_BYTES = 16 * 1024 * 1024
const MAX_ZIP_ENTRIES = 10_000
const READ_CHUNK = 64 * 1024
/** Longest declaration keyword we look for, kept across chunk boundaries. */
const DECLARATION_TAIL = 16
const DECLARATION = /<!(DOCTYPE|ENTITY)/i

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

/** What the bytes are; the declared kind (from the name or Content-Type) must agree. */
export function sniffUpload(file: string, declared: UploadKind | undefined): UploadKind {
  const fd = fs.openSync(file, 'r')
  const head = Buffer.alloc(8)
  const read = fs.readSync(fd, head, 0, 8, 0)
  fs.closeSync(fd)
  const bytes = head.subarray(0, read)
  if (startsWith(bytes, OLE_MAGIC)) throw fieldError('/body', 'this is a legacy Excel .xls (or another OLE) file; save it as .xlsx or CSV and import that')
  const actual: UploadKind = startsWith(bytes, ZIP_MAGIC) ? 'xlsx' : 'csv'
  if (declared === 'csv' && actual === 'xlsx') throw fieldError('/body', 'the file was sent as CSV but is a zip archive (an XLSX workbook?); send it as .xlsx')
  if (declared === 'xlsx' && actual === 'csv') throw fieldError('/body', 'the file was sent as XLSX but is not a zip archive (a CSV or text file?); send it as .csv')
  return actual
}

const refuse = (detail: string) => fieldError('/body', detail)

/**
 * Streams the archive once, inflating into nothing but counters, and throws at the first sign
 * of a bomb, a path outside the archive or XML with a DTD. Memory: one chunk per entry.
 */
export async function checkXlsxArchive(file: string): Promise<void> {
  let compressed = 0
  let uncompressed = 0
  let entries = 0
  let failure: AppError | null = null
  const unzip = new Unzip((entry) => {
    if (failure) return
    entries++
    if (entries > MAX_ZIP_ENTRIES) failure = refuse(`the workbook has more than ${MAX_ZIP_ENTRIES} parts`)
    else if (entry.name.startsWith('/') || entry.name.split(/[\\/]/).includes('..')) failure = refuse('the workbook has a part with a path outside the archive')
    else if (entry.compression !== 0 && entry.compression !== 8) failure = refuse(`the workbook uses zip compression method ${entry.compression}, which XLSX never does`)
    if (failure) return
    const isXml = /\.(xml|rels|vml)$/i.test(entry.name)
    let tail = ''
    entry.ondata = (error, chunk) => {
      if (failure) return
      if (error) { failure = refuse(`the workbook is not a valid zip archive (${error.message})`); return }
      uncompressed += chunk.length
      if (uncompressed > MAX_XLSX_UNCOMPRESSED_BYTES) failure = refuse(`the workbook unpacks to more than ${MAX_XLSX_UNCOMPRESSED_BYTES} bytes`)
      else if (uncompressed > RATIO_CHECK_AFTER_BYTES && uncompressed > compressed * MAX_XLSX_RATIO) failure = refuse(`the workbook unpacks more than ${MAX_XLSX_RATIO} times its size (a zip bomb?)`)
      else if (isXml) {
        const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1')
        if (DECLARATION.test(text)) failure = refuse(`${entry.name.slice(0, 100)} declares a DTD or entities, which an XLSX never needs; refused (XXE)`)
        tail = text.slice(-DECLARATION_TAIL)
      }
      if (failure) entry.terminate()
    }
    try {
      entry.start()
    } catch (error) {
      failure = refuse(`the workbook cannot be unpacked (${(error as Error).message})`)
    }
  })
  unzip.register(UnzipInflate)
  const stream = fs.createReadStream(file, { highWaterMark: READ_CHUNK })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      compressed += chunk.length
      try {
        unzip.push(chunk)
      } catch (error) {
        failure ??= refuse(`the workbook is not a valid zip archive (${(error as Error).message})`)
      }
      if (failure) throw failure
    }
    unzip.push(new Uint8Array(0), true)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw refuse(`the workbook is not a valid zip archive (${(error as Error).message})`)
  } finally {
    stream.destroy()
  }
  if (failure) throw failure
  if (entries === 0) throw refuse('the zip archive is empty; it is not an XLSX workbook')
}

type CellValue = ExcelJS.CellValue

const pad = (n: number) => String(n).padStart(2, '0')

function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
  const midnight = date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0
  return midnight ? day : date.toISOString()
}

/**
 * A typed cell as the text the CSV coercion reads back as the same value: numbers with the
 * workspace's decimal mark and no grouping (so "1234,5" in a Lithuanian workspace and
 * "1234.5" in an English one are unambiguous), dates as ISO, formulas as their cached result.
 */
export function cellText(value: CellValue, decimalComma: boolean): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return decimalComma ? String(value).replace('.', ',') : String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'string') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('result' in value) return cellText((value.result ?? null) as CellValue, decimalComma)
  if ('error' in value) return ''
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue, decimalComma)
  return ''
}

/**
 * Writes sheet `sheet` (1-based position, or name; default the first) of the checked workbook
 * as CSV to `target`. Empty rows are left out, as the CSV reader skips empty lines.
 */
export async function xlsxToCsv(file: string, target: string, options: { sheet?: string; decimalComma: boolean }): Promise<void> {
  const { stream } = await loadExcelJs()
  const reader = new stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' })
  const out = fs.createWriteStream(target, { mode: 0o600 })
  let position = 0
  let found = false
  const wantedIndex = options.sheet && /^\d+$/.test(options.sheet) ? Number(options.sheet) : options.sheet ? null : 1
  try {
    for await (const worksheet of reader) {
      position++
      const name = (worksheet as unknown as { name?: string }).name
      if (found || (wantedIndex !== null ? position !== wantedIndex : name !== options.sheet)) {
        for await (const _row of worksheet) { /* skip this sheet's rows */ }
        continue
      }
      found = true
      for await (const row of worksheet) {
        const values = row.values as CellValue[]
        if (values.length - 1 > MAX_COLUMNS) throw refuse(`row ${row.number} has ${values.length - 1} columns; at most ${MAX_COLUMNS} can be imported`)
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1] ?? null, options.decimalComma))
        if (!out.write(csvLine(cells))) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw refuse(`the workbook cannot be read (${(error as Error).message.slice(0, 200)})`)
  } finally {
    await new Promise<void>((resolve) => out.end(resolve))
  }
  if (!found) throw fieldError('/query/sheet', options.sheet ? `the workbook has no sheet ${JSON.stringify(options.sheet.slice(0, 100))}` : 'the workbook has no sheet')
}
