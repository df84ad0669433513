/**
 * Cell text, formatted once per record version: rows that scroll out of view and back, or
 * re-render because a page arrived, reuse the text instead of formatting dates, money and
 * choices again. Keyed by the record object (a changed record is a new object in the query
 * cache), the format context (a new language or changed relation titles make a new one) and
 * the column's field description (changed metadata, e.g. a renamed choice, makes a new one).
 */
import type { ApiRecord, FieldDescription } from '../../api/types.js'
import { formatCell, type Column, type FormatContext } from './fields.js'

interface CachedText { field: FieldDescription | undefined; text: string }

const cache = new WeakMap<FormatContext, WeakMap<ApiRecord, Map<string, CachedText>>>()

export function cachedFormatCell(column: Column, record: ApiRecord, ctx: FormatContext): string {
  let byRecord = cache.get(ctx)
  if (!byRecord) cache.set(ctx, byRecord = new WeakMap())
  let texts = byRecord.get(record)
  if (!texts) byRecord.set(record, texts = new Map())
  const cached = texts.get(column.key)
  if (cached && cached.field === column.field) return cached.text
  const text = formatCell(column, record, ctx)
  texts.set(column.key, { field: column.field, text })
  return text
}
