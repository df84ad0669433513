/**
 * Creates records from input already parsed and validated (parseForWrite) and returns only their
 * ids: the import path. Same rows, to-many links and search documents as createRecordsBulk, but
 * no API records are built for a response nobody reads, and the rows go through bulk-rows.ts
 * (prepared statements reused across batches on SQLite).
 */
import type { Kysely } from 'kysely'
import { insertRows } from '../db/bulk-rows.js'
import { insertNewSearchDocs } from '../db/search-docs-bulk.js'
import { handlerOf } from './fields/registry.js'
import { isVirtualField } from './fields/relation.js'
import { newId } from './ids.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'
import { readableFields, rowToRecord, type ParsedInput } from './record-codec.js'
import { columnKinds, insertOrUpdate, type RecordContext } from './records.js'
import { writeRelated } from './related.js'
import { searchDocOf, type SearchDoc } from './search.js'
import { requirePermission, visibleObject } from './visibility.js'

const SYSTEM_COLUMNS = ['id', 'created_at', 'updated_at', 'created_by', 'owner_id', 'deleted_at', 'version']

const columnsCache = new WeakMap<ObjectMeta, string[]>()

/** Every stored column of the object, system ones first. */
function insertColumns(object: ObjectMeta): string[] {
  let columns = columnsCache.get(object)
  if (!columns) {
    columns = [...new Set([...SYSTEM_COLUMNS, ...object.fields.flatMap((f) => handlerOf(f.type).columns(f).map((c) => c.name))])]
    columnsCache.set(object, columns)
  }
  return columns
}

/** The fields a search document is made of (labels and searchable ones) that the caller may read. */
function searchFields(ctx: RecordContext, object: ObjectMeta): FieldMeta[] {
  return readableFields(visibleObject(ctx.access, object)).filter((f) => object.labelFields.includes(f.apiName) || f.searchable)
}

/** New records' rows in the database's form, their ids and search documents: all an insert needs, nothing written yet. */
export interface PreparedInsert {
  ids: string[]
  table: string
  columns: string[]
  rows: unknown[][]
  docs: SearchDoc[]
}

/** Builds the rows and search documents of new records from validated input, without writing (the import's batch writer sends them). */
export function prepareParsedRecords(ctx: RecordContext, object: ObjectMeta, parsed: ParsedInput[]): PreparedInsert {
  requirePermission(ctx.access, object, 'create')
  const at = new Date().toISOString()
  // Only the columns this batch sets (createRecord's rule: the rest keep their defaults); binding
  // dozens of nulls per row is measurable at a million rows. Usually one shape per import.
  const present = new Set(parsed.flatMap((p) => Object.keys(p.columns)))
  const columns = insertColumns(object).filter((c, i) => i < SYSTEM_COLUMNS.length || present.has(c))
  const kinds = columnKinds(object)
  const dialect = ctx.ws.dialect
  const ids: string[] = []
  const rows = parsed.map((p) => {
    const id = newId()
    ids.push(id)
    const row: unknown[] = [id, at, at, ctx.actor, p.ownerId ?? ctx.access.userId ?? ctx.actor, null, 1]
    for (let i = SYSTEM_COLUMNS.length; i < columns.length; i++) {
      const value = p.columns[columns[i]]
      row.push(value === undefined ? null : dialect.toDb(kinds.get(columns[i])!.kind, value))
    }
    return row
  })
  const fields = searchFields(ctx, object)
  const wanted = new Set(fields.flatMap((f) => handlerOf(f.type).columns(f).map((c) => c.name)))
  const read = columns.flatMap((c, i) => (wanted.has(c) ? [{ c, i, kind: kinds.get(c)!.kind }] : []))
  const docs = rows.flatMap((values, r) => {
    // The record as a read would return it, but only its searchable fields (asReadRow's conversion).
    const row: Record<string, unknown> = { id: values[0], version: 1 }
    for (const { c, i, kind } of read) row[c] = dialect.asRead(kind, values[i])
    const record = rowToRecord(fields, row, dialect)
    for (const field of fields) if (isVirtualField(field)) record[field.apiName] = parsed[r].related.get(field) ?? []
    const doc = searchDocOf(object, record)
    return doc ? [doc] : []
  })
  return { ids, table: object.tableName, columns, rows, docs }
}

export async function insertParsedRecords(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, parsed: ParsedInput[], pointer = ''): Promise<string[]> {
  requirePermission(ctx.access, object, 'create')
  if (parsed.length === 0) return []
  const prepared = prepareParsedRecords(ctx, object, parsed)
  await insertOrUpdate(ctx, object, pointer, () => insertRows(ctx.ws, db, prepared.table, prepared.columns, prepared.rows))
  for (const [i, p] of parsed.entries()) for (const [field, value] of p.related) await writeRelated(db, field, prepared.ids[i], value)
  await insertNewSearchDocs(ctx.ws, db, prepared.docs)
  return prepared.ids
}
