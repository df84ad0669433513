/**
 * The uploaded file: streamed to disk under a random name with a size cap, inspected once
 * (encoding, delimiter, header, row count — a full parse, so a broken file is refused at
 * upload, not halfway through an apply), and re-read as a stream of rows from any row on.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { CsvSyntaxError, csvSplitter } from './csv-records.js'
import { AppError, fieldError } from '../../errors.js'
import { NOT_TEXT, SAMPLE_BYTES, assertTextual, decodingStream, detectDelimiter, detectEncoding, type ImportEncoding } from './text-decoding.js'

/** Longest single record (a row with all its quoted newlines): beyond this it is not a CRM row. */
export const MAX_RECORD_CHARS = 1024 * 1024
export const MAX_COLUMNS = 1000

/** The decoders drop a byte order mark themselves, so a format needs no BOM length. */
export interface FileFormat {
  encoding: ImportEncoding
  delimiter: string
}

export interface InspectedFile extends FileFormat {
  headers: string[]
  totalRows: number
}

/** Writes `body` to `dir/<random>.csv`, refusing more than `maxBytes`; returns the stored name. */
export async function storeUpload(body: Readable, dir: string, maxBytes: number): Promise<string> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const name = `${randomUUID()}.csv`
  const target = path.join(dir, name)
  let bytes = 0
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length
    if (bytes > maxBytes) body.destroy(new AppError('payload-too-large', `An import file may be at most ${maxBytes} bytes`))
  })
  try {
    await pipeline(body, fs.createWriteStream(target, { mode: 0o600 }))
  } catch (error) {
    fs.rmSync(target, { force: true })
    throw error instanceof AppError ? error : new AppError('validation-failed', 'The upload was interrupted', { cause: error })
  }
  return name
}

function readSample(file: string): { sample: Buffer; truncated: boolean } {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES)
    const read = fs.readSync(fd, buffer, 0, SAMPLE_BYTES, 0)
    return { sample: buffer.subarray(0, read), truncated: read === SAMPLE_BYTES }
  } finally {
    fs.closeSync(fd)
  }
}

/** Rows of the file as arrays of cells, numbered as a spreadsheet shows them (header = row 1). */
export async function* readRows(file: string, format: FileFormat): AsyncGenerator<{ rowNo: number; cells: string[] }> {
  const bytes = fs.createReadStream(file)
  const text = bytes.pipe(decodingStream(format.encoding)).setEncoding('utf8')
  bytes.on('error', (error) => text.destroy(error))
  const splitter = csvSplitter(format.delimiter, MAX_RECORD_CHARS)
  let rowNo = 0
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      for (const cells of splitter.push(chunk)) yield { rowNo: ++rowNo, cells }
    }
    for (const cells of splitter.end()) yield { rowNo: ++rowNo, cells }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw fieldError('/body', `after row ${rowNo}: ${error.message.slice(0, 300)}`)
    throw error
  } finally {
    bytes.destroy()
    text.destroy()
  }
}

/** Detects the format (unless given) and reads the whole file once: header, row count, syntax. */
export async function inspectFile(file: string, overrides: { encoding?: ImportEncoding; delimiter?: string }): Promise<InspectedFile> {
  const { sample, truncated } = readSample(file)
  if (sample.length === 0) throw fieldError('/body', 'the file is empty')
  const detected = detectEncoding(sample, truncated)
  const encoding = overrides.encoding ?? detected.encoding
  const text = new TextDecoder(encoding).decode(sample)
  assertTextual(truncated ? text.slice(0, -2) : text)
  const format: FileFormat = { encoding, delimiter: overrides.delimiter ?? detectDelimiter(text) }
  let headers: string[] | null = null
  let totalRows = 0
  for await (const { rowNo, cells } of readRows(file, format)) {
    // The sample was checked already; past it a NUL byte or undecodable byte is caught per row, before anything is written.
    if (cells.some((cell) => NOT_TEXT.test(cell))) {
      throw fieldError('/body', `row ${rowNo} contains a NUL byte, a control character or a byte that is not ${encoding}; check the file or pass encoding`)
    }
    if (headers === null) {
      headers = cells.map((h) => h.trim())
      if (headers.length > MAX_COLUMNS) throw fieldError('/body', `the file has ${headers.length} columns; at most ${MAX_COLUMNS} can be imported`)
      if (headers.every((h) => h === '')) throw fieldError('/body', 'the first row must be a header with column names')
      const dup = headers.find((h, i) => h !== '' && headers!.indexOf(h) !== i)
      if (dup) throw fieldError('/body', `the header has the column ${JSON.stringify(dup.slice(0, 100))} twice`)
    } else totalRows++
  }
  if (headers === null) throw fieldError('/body', 'the file has no header row')
  return { ...format, headers, totalRows }
}
