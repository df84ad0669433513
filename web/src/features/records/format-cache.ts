/**
 * Cell text, formatted once per record version: rows that scroll out of view and back, or
 * re-render because a page arrived, reuse the text instead of formatting dates, money and
 * choices again. Keyed by the record object (a changed record is a new object in the query
 * cache) and the format context (a new language or changed relation titles make a new one).
 */
import type { ApiRecord } from '../../api/types.js'
import { formatCell, type Column, type FormatContext } from './fields.js'

const cache = new WeakMap<FormatContext, WeakMap<ApiRecord, Map<string, string>>>()

export function cachedFormatCell(column: Column, record: ApiRecord, ctx: FormatContext): string {
  let byRecord = cache.get(ctx)
  if (!byRecord) cache.set(ctx, byRecord = new WeakMap())
  let texts = byRecord.get(record)
  if (!texts) byRecord.set(record, texts = new Map())
  let text = texts.get(column.key)
  if (text === undefined) texts.set(column.key, text = formatCell(column, record, ctx))
  return text
}
