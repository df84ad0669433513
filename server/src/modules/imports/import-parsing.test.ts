import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseLocaleDate, parseLocaleNumber, CellError } from './cell-coercion.js'
import { neutraliseCell, toCsvLine } from './errors-csv.js'
import { normaliseHeader } from './header-mapping.js'
import { detectDelimiter, detectEncoding } from './text-decoding.js'

test('locale numbers: grouping, decimal comma, Persian digits', () => {
  const cases: [string, boolean, string][] = [
    ['1.234,56', true, '1234.56'], ['1 234,56', true, '1234.56'], ['1\u00a0234,56', true, '1234.56'], ['1,234.56', false, '1234.56'],
    ['1,234', false, '1234'], ['1,5', true, '1.5'], ['1.234', true, '1234'], ['0.234', true, '0.234'], ['۱۲۳٫۵', false, '123.5'],
    ['-42', true, '-42'], ['1.234.567', false, '1234567'], ['12', true, '12'],
  ]
  for (const [raw, decimalComma, expected] of cases) assert.equal(parseLocaleNumber(raw, decimalComma), expected, raw)
  for (const bad of ['abc', '1,2,3.4.5', '', '--1']) assert.throws(() => parseLocaleNumber(bad, true), CellError, bad)
})

test('dates: ISO, day-first, US month-first for en-US, real calendar dates only', () => {
  assert.equal(parseLocaleDate('31.12.2025', false), '2025-12-31')
  assert.equal(parseLocaleDate('2025-02-03T10:00:00Z', false), '2025-02-03')
  assert.equal(parseLocaleDate('03/02/2025', false), '2025-02-03')
  assert.equal(parseLocaleDate('03/02/2025', true), '2025-03-02')
  assert.equal(parseLocaleDate('۰۵.۰۶.۱۹۷۰', false), '1970-06-05')
  assert.throws(() => parseLocaleDate('31.02.2025', false), CellError)
  assert.equal(parseLocaleDate('1403/01/01', false, true), '2024-03-20', 'Solar Hijri in a Persian workspace')
  assert.equal(parseLocaleDate('۱۳۹۹/۱۰/۱۱', false, true), '2020-12-31')
  assert.equal(parseLocaleDate('1402/12/29', false, true), '2024-03-19')
  assert.equal(parseLocaleDate('2024-03-20', false, true), '2024-03-20', 'Gregorian ISO still works in a Persian workspace')
  assert.throws(() => parseLocaleDate('1402/12/31', false, true), CellError)
  assert.throws(() => parseLocaleDate('yesterday', false), CellError)
})

test('formula cells are neutralised (C3 corpus), plain text and quoting are kept', () => {
  for (const cell of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '  =1', '\uff1d1', '"=1"', "'=1", '\u0000x']) {
    assert.ok(neutraliseCell(cell).startsWith("'"), JSON.stringify(cell))
  }
  for (const cell of ['Ann', 'a=b', '1-2', 'ann@example.com', '']) assert.equal(neutraliseCell(cell), cell)
  assert.equal(toCsvLine(['a', 'b "c"', 'x,y']), '"a","b ""c""","x,y"')
})

test('headers compare without case, accents and punctuation', () => {
  assert.equal(normaliseHeader('E-mail'), normaliseHeader('email'))
  assert.equal(normaliseHeader('Pavardė'), 'pavarde')
  assert.equal(normaliseHeader('Эл. почта'), normaliseHeader('эл почта'))
})

test('delimiter detection ignores delimiters inside quotes', () => {
  assert.equal(detectDelimiter('a;b;c\n"x, y";2;3\n'), ';')
  assert.equal(detectDelimiter('a,b,c\n"x; y",2,3\n'), ',')
  assert.equal(detectDelimiter('a\tb\n1\t2\n'), '\t')
  assert.equal(detectDelimiter('a|b|c\n1|2|3\n'), '|')
  assert.equal(detectDelimiter('single\nvalue\n'), ',')
})

test('encoding detection on short Russian and Lithuanian samples', () => {
  const encodeWith = (text: string, label: string) => {
    const decoder = new TextDecoder(label)
    const table = new Map<string, number>()
    for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b)
    return Uint8Array.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch)!)))
  }
  assert.equal(detectEncoding(encodeWith('Фамилия;Имя\nПетров;Иван\n', 'windows-1251'), false).encoding, 'windows-1251')
  assert.equal(detectEncoding(encodeWith('Фамилия;Имя\nПетров;Иван\n', 'koi8-r'), false).encoding, 'koi8-r')
  assert.equal(detectEncoding(encodeWith('Pavardė;Vardas\nŠėmaitytė;Žydrūnė\n', 'windows-1257'), false).encoding, 'windows-1257')
  assert.equal(detectEncoding(new TextEncoder().encode('Имя\nИван\n'), false).encoding, 'utf-8')
})
