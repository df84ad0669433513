import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { parse } from 'csv-parse/sync'
import { CsvSyntaxError, csvSplitter } from './csv-records.js'

/** Splits `text` fed in the given chunk sizes; the records, or 'error'. */
function split(text: string, cuts: number[], delimiter = ',', max = 1 << 20): string[][] | 'error' {
  const splitter = csvSplitter(delimiter, max)
  const records: string[][] = []
  try {
    let at = 0
    for (const cut of cuts) { records.push(...splitter.push(text.slice(at, at + cut))); at += cut }
    records.push(...splitter.push(text.slice(at)), ...splitter.end())
    return records
  } catch (error) {
    if (error instanceof CsvSyntaxError) return 'error'
    throw error
  }
}

function reference(text: string, delimiter = ','): string[][] | 'error' {
  try {
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][]
  } catch {
    return 'error'
  }
}

test('csv records: quotes, doubled quotes, CRLF/LF/CR, empty lines and cells, any chunking', () => {
  const text = 'a,"b, ""c""",d\r\n\r\n"multi\nline",,\re,f\n"",x\n'
  const expected = [['a', 'b, "c"', 'd'], ['multi\nline', '', ''], ['e', 'f'], ['', 'x']]
  for (let cut = 1; cut < text.length; cut++) assert.deepEqual(split(text, Array(text.length).fill(cut)), expected, `chunks of ${cut}`)
  assert.deepEqual(split('h1;h2\nv1;v2', [], ';'), [['h1', 'h2'], ['v1', 'v2']], 'no newline at the end, semicolons')
})

test('csv records: refuses what csv-parse refuses, with a reason', () => {
  for (const bad of ['a\n"b,c\n', 'A"x"y,b\n', '"a"b,c\n']) assert.equal(split(bad, []), 'error', bad)
  assert.equal(split(`a,${'x'.repeat(2000)}\n`, [100, 100, 100], ',', 1000), 'error', 'a record past the maximum size')
})

test('csv records agree with csv-parse on generated files, whatever the chunking', () => {
  // One newline style per file: csv-parse takes the first it meets as the only one, this splitter any (a stray CR ends a record).
  const file = fc.constantFrom('\n', '\r\n', '\r').chain((newline) =>
    fc.array(fc.constantFrom('a', 'b', ' ', ',', '"', 'я', newline), { maxLength: 40 }).map((tokens) => tokens.join('')))
  fc.assert(fc.property(file, fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 10 }), (text, cuts) => {
    const ours = split(text, cuts)
    const theirs = reference(text)
    if (theirs === 'error') assert.equal(ours, 'error', JSON.stringify(text))
    else assert.deepEqual(ours, theirs, JSON.stringify(text))
  }), { numRuns: 5000 })
})
