/**
 * Select values a file uses that its fields do not offer yet (createOptions): read once before
 * the job starts, so a dry run can list them and an apply can add them to the data model first.
 * Matching is the import's own (case- and accent-insensitive, by value or label).
 */
import { fieldError } from '../../errors.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { CellError, matchChoice, splitList } from './cell-coercion.js'
import type { ImportMapping } from './header-mapping.js'
import { readRows, type FileFormat } from './import-file.js'
import { normaliseHeader } from './header-mapping.js'

/** More new options than this in one column is a wrongly mapped column, not a list of choices. */
export const MAX_NEW_OPTIONS = 100

/** Field API name → the labels to add, in the order the file first uses them. */
export async function missingChoices(file: string, format: FileFormat, object: ObjectMeta, mapping: ImportMapping): Promise<Record<string, string[]>> {
  const fields = Object.entries(mapping).flatMap(([header, name]) => {
    const field = name ? object.fieldsByName.get(name) : undefined
    return field && (field.type === 'select' || field.type === 'multiSelect') ? [{ header, field }] : []
  })
  if (fields.length === 0) return {}
  const found = new Map<string, Map<string, string>>(fields.map((f) => [f.field.apiName, new Map()]))
  let index: number[] = []
  for await (const { rowNo, cells } of readRows(file, format)) {
    if (rowNo === 1) { index = fields.map((f) => cells.map((c) => c.trim()).indexOf(f.header)); continue }
    fields.forEach(({ field }, i) => {
      const text = (cells[index[i]] ?? '').trim()
      if (!text) return
      for (const value of field.type === 'multiSelect' ? splitList(text) : [text]) {
        try {
          matchChoice(field, value)
        } catch (error) {
          if (!(error instanceof CellError)) throw error
          const seen = found.get(field.apiName)!
          if (!seen.has(normaliseHeader(value))) seen.set(normaliseHeader(value), value.slice(0, 100))
          if (seen.size > MAX_NEW_OPTIONS) throw fieldError(`/query/mapping/${fields[i].header.slice(0, 100)}`, `more than ${MAX_NEW_OPTIONS} values are not options of ${field.label}; is the column mapped to the right field?`)
        }
      }
    })
  }
  return Object.fromEntries([...found].filter(([, m]) => m.size > 0).map(([name, m]) => [name, [...m.values()]]))
}
