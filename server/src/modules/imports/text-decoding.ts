/**
 * What a CSV file is written in: its character encoding (BOM, valid UTF-8, or the Cyrillic and
 * Baltic code pages people's spreadsheets still export, told apart by letter frequencies) and
 * its delimiter. Works on a sample from the start of the file.
 */
import { Transform } from 'node:stream'
import { fieldError } from '../../errors.js'
import { IMPORT_DELIMITERS, IMPORT_ENCODINGS, type ImportEncoding } from '../../../../contracts/imports.js'

export const ENCODINGS = IMPORT_ENCODINGS
export type { ImportEncoding }
export const DELIMITERS = IMPORT_DELIMITERS

/** Sample size for detection: enough lines for statistics, small enough to read at once. */
export const SAMPLE_BYTES = 64 * 1024
const MAX_UTF8_SEQUENCE = 4

/** The most frequent Russian letters; a right Cyrillic decoding is full of them in lower case. */
const FREQUENT_RUSSIAN = new Set('оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё')
const LITHUANIAN_LETTERS = new Set('ąčęėįšųūžĄČĘĖĮŠŲŪŽ')

function bomEncoding(bytes: Uint8Array): { encoding: ImportEncoding } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be' }
  return null
}

function isUtf8(bytes: Uint8Array, truncated: boolean): boolean {
  // A sample may end inside a multi-byte character: try dropping up to 3 trailing bytes.
  const tries = truncated ? MAX_UTF8_SEQUENCE : 1
  for (let cut = 0; cut < tries; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut))
      return true
    } catch { /* try a shorter prefix */ }
  }
  return false
}

/**
 * Plausibility of a decoding, word by word: frequent lower-case Russian letters and Lithuanian
 * diacritics score; words that mix scripts or switch to upper case mid-word are penalised
 * (the signature of reading KOI8-R as Windows-1251 and vice versa).
 */
export function textScore(text: string): number {
  let score = 0
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    const cyrillic = /\p{Script=Cyrillic}/u.test(word)
    const latin = /\p{Script=Latin}/u.test(word)
    if (cyrillic && latin) {
      score -= 5
      continue
    }
    for (let i = 0; i < word.length; i++) {
      const ch = word[i]
      if (FREQUENT_RUSSIAN.has(ch) || LITHUANIAN_LETTERS.has(ch)) score += 1
      if (i > 0 && ch !== ch.toLowerCase() && word[i - 1] === word[i - 1].toLowerCase()) score -= 3
    }
  }
  return score
}

/** Picks the encoding of a sample: explicit override, BOM, UTF-8, else the best-scoring code page. */
export function detectEncoding(sample: Uint8Array, truncated: boolean): { encoding: ImportEncoding } {
  const bom = bomEncoding(sample)
  if (bom) return bom
  if (isUtf8(sample, truncated)) return { encoding: 'utf-8' }
  const candidates = (['windows-1251', 'koi8-r', 'windows-1257'] as const).map((encoding) => ({
    encoding, score: textScore(new TextDecoder(encoding).decode(sample)),
  }))
  candidates.sort((a, b) => b.score - a.score)
  return { encoding: candidates[0].encoding }
}

export function checkEncoding(value: string | undefined): ImportEncoding | undefined {
  if (value === undefined || value === '') return undefined
  const normalised = value.toLowerCase().replace(/^cp/, 'windows-').replace(/^utf8$/, 'utf-8')
  if (!(ENCODINGS as readonly string[]).includes(normalised)) throw fieldError('/query/encoding', `must be one of ${ENCODINGS.join(', ')}`)
  return normalised as ImportEncoding
}

/** NUL and other C0 controls never occur in a real CSV; U+FFFD is a byte the encoding could not decode. */
// eslint-disable-next-line no-control-regex
export const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/

/** Refuses what is not text: NUL bytes and other C0 control characters never occur in a real CSV. */
export function assertTextual(decodedSample: string): void {
  if (NOT_TEXT.test(decodedSample)) {
    throw fieldError('/body', 'is not a text CSV file (it contains binary or control characters); check the file or pass encoding')
  }
}

/**
 * The delimiter that splits the first lines into the same number (> 0) of cells most often;
 * quoted text is skipped so a comma inside "Vilnius, LT" does not count.
 */
export function detectDelimiter(text: string): string {
  const lines: string[] = []
  let current = ''
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (current) lines.push(current)
      current = ''
      if (lines.length >= 20) break
      continue
    }
    if (!quoted) current += ch
    else if (ch !== '"') current += ' '
  }
  if (current && lines.length < 20) lines.push(current)
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 }
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => line.split(delimiter).length - 1)
    const header = counts[0] ?? 0
    if (header === 0) continue
    const consistent = counts.filter((c) => c === header).length
    const score = consistent * 1000 + header
    if (score > best.score) best = { delimiter, score }
  }
  return best.delimiter
}

export function checkDelimiter(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  const named: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', '\\t': '\t' }
  const delimiter = named[value] ?? value
  if (!(DELIMITERS as readonly string[]).includes(delimiter)) throw fieldError('/query/delimiter', 'must be one of , ; tab |')
  return delimiter
}

/** A stream of bytes in `encoding` → a stream of text, decoded incrementally (constant memory). */
export function decodingStream(encoding: ImportEncoding): Transform {
  const decoder = new TextDecoder(encoding)
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }))
    },
    flush(done) {
      done(null, decoder.decode())
    },
  })
}
