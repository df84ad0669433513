/**
 * The generated people CSV of the import benchmarks (about 200 bytes a row, so 1M rows ≈ 200 MB): 15 columns, 4 of them (first name, last
 * name, email, phone) mapped to standard fields by their headers, the rest reported as not
 * imported. Row i is a pure function of i, so a run can check every email afterwards.
 */
import fs from 'node:fs'
import { once } from 'node:events'

export const CSV_COLUMNS = ['First name', 'Last name', 'Email', 'Phone', 'City', 'Street', 'Zip', 'Country', 'Birthday', 'Score', 'Tier', 'Source', 'Notes', 'Tag', 'Ref']

/** The values the import stores for row i: first name, last name, email, phone (E.164). */
export const personValues = (i: number): [string, string, string, string] =>
  [`Name${i}`, `Surname${i % 997}`, `p${i}@bench.example`, `+3706${String(1_000_000 + i).slice(-7)}`]

export const emailOf = (i: number) => `p${i}@bench.example`

export function csvLine(i: number): string {
  const [first, last, email, phone] = personValues(i)
  return `${first},${last},${email},${phone},Vilnius,Gedimino pr. ${i % 200},0${i % 9999},LT,1990-01-0${1 + (i % 9)},${i % 100},gold,web,"Met at the Vilnius fair, asked for a quote; call back in spring, prefers e-mail ${i % 13}",t${i % 7},R${i}\n`
}

export function* csvLines(rows: number): Generator<string> {
  yield `${CSV_COLUMNS.join(',')}\n`
  for (let i = 0; i < rows; i++) yield csvLine(i)
}

/** Writes the file in 1 MB chunks; returns its size in bytes. */
export async function writeCsv(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file)
  let chunk = ''
  for (const line of csvLines(rows)) {
    chunk += line
    if (chunk.length > 1 << 20) { if (!out.write(chunk)) await once(out, 'drain'); chunk = '' }
  }
  out.write(chunk)
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  return fs.statSync(file).size
}
