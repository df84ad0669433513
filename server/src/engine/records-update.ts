/**
 * Updates many records from input already parsed and validated (parseForWrite): the import's
 * upsert path. The rules are updateRecord's — the caller must be able to read and change each
 * record, its version must be the one the caller saw, unchanged records are left alone (no new
 * version, no history), changes are recorded in history and searchable changes re-indexed — but
 * the current rows are read a page at a time and the writes go through reused prepared statements
 * on SQLite, instead of ten statements compiled per record.
 *
 * Any refusal (not found, not writable, version moved on, a unique value taken) throws for the
 * whole call, so the caller's transaction rolls back; the import then halves the batch to find
 * the row (import-runner.ts).
 */
import { sql, type Kysely } from 'kysely'
import { AppError } from '../errors.js'
import { guardedUpdateSql, insertRows, sqliteRunEach } from '../db/bulk-rows.js'
import { upsertSearchDocsBulk } from '../db/search-docs-bulk.js'
import { recordChanges } from './history.js'
import { isVirtualField } from './fields/relation.js'
import type { ObjectMeta } from './metadata-types.js'
import { readableFields, rowToRecord, selectColumns, type ApiRecord, type ParsedInput } from './record-codec.js'
import { andScope, scopeOf } from './record-access.js'
import {
  HISTORY_COLUMNS, asReadRow, attachRelated, historyRows, insertOrUpdate, notFound, searchRelevant, toDbColumns, versionConflict, type RecordContext,
} from './records.js'
import { writeRelated } from './related.js'
import { searchDocOf, type SearchDoc } from './search.js'
import { requirePermission, visibleObject } from './visibility.js'

/** Ids per read: well under both dialects' parameter limits. */
const READ_CHUNK = 500

export interface ParsedUpdate {
  id: string
  /** The version the caller read; the update is refused if the record has moved on. */
  version: number
  parsed: ParsedInput
}

/** Current rows by id (the caller's read scope), deleted ones included so they can be told apart from missing ones. */
async function currentRows(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, ids: string[], columns: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>()
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const chunk = ids.slice(start, start + READ_CHUNK)
    const result = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))}
      from ${sql.table(object.tableName)} where id in (${sql.join(chunk)}) ${andScope(ctx, object, 'read')}`.execute(db)
    for (const row of result.rows) rows.set(String(row.id), row)
  }
  return rows
}

/** The ids among `ids` the caller may change, or null when every readable row is writable. */
async function writableIds(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, ids: string[]): Promise<Set<string> | null> {
  const scope = scopeOf(ctx, object, 'write')
  if (!scope) return null
  const writable = new Set<string>()
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const result = await sql<{ id: string }>`select id from ${sql.table(object.tableName)}
      where id in (${sql.join(ids.slice(start, start + READ_CHUNK))}) and ${scope}`.execute(db)
    for (const row of result.rows) writable.add(String(row.id))
  }
  return writable
}

/** One guarded update: the row changes only if it is live and still at `version`. */
async function updateRow(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, set: Record<string, unknown>, id: string, version: number): Promise<boolean> {
  const columns = Object.keys(set)
  const changed = sqliteRunEach(ctx.ws, db, guardedUpdateSql(object.tableName, columns), [[...columns.map((c) => set[c]), id, version]])
  if (changed) return changed[0] === 1
  const result = await db.updateTable(object.tableName).set(set).where('id', '=', id).where('version', '=', version).where('deleted_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Updates each record that changes; returns, per item, whether it changed. */
export async function updateParsedRecords(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, items: ParsedUpdate[], pointer = ''): Promise<boolean[]> {
  requirePermission(ctx.access, object, 'update')
  if (items.length === 0) return []
  const fields = readableFields(visibleObject(ctx.access, object))
  const ids = items.map((item) => item.id)
  const rows = await currentRows(ctx, db, object, ids, selectColumns(fields))
  const writable = await writableIds(ctx, db, object, ids)
  const befores = new Map<string, ApiRecord>()
  for (const [id, row] of rows) if (row.deleted_at == null) befores.set(id, rowToRecord(fields, row, ctx.ws.dialect))
  await attachRelated(db, fields, [...befores.values()])

  const at = new Date().toISOString()
  const history: unknown[][] = []
  const docs: SearchDoc[] = []
  const changed: boolean[] = []
  for (const item of items) {
    const before = befores.get(item.id)
    if (!before) throw notFound(object, item.id)
    if (writable && !writable.has(item.id)) throw new AppError('forbidden', `Your access to this ${object.labelSingular.toLowerCase()} is read-only`)
    if (item.version !== before.version) throw versionConflict(object, before)
    const { parsed } = item
    const newColumns = toDbColumns(ctx, object, parsed.columns)
    const merged = rowToRecord(fields, { ...rows.get(item.id), ...asReadRow(ctx, object, newColumns) }, ctx.ws.dialect)
    if (parsed.ownerId !== undefined) merged.ownerId = parsed.ownerId
    for (const field of fields.filter(isVirtualField)) merged[field.apiName] = parsed.related.get(field) ?? before[field.apiName]
    const changes = recordChanges(object, before, merged)
    changed.push(changes.length > 0)
    if (changes.length === 0) continue
    const set: Record<string, unknown> = { ...newColumns, updated_at: at, version: before.version + 1 }
    if (parsed.ownerId !== undefined) set.owner_id = parsed.ownerId
    if (!(await insertOrUpdate(ctx, object, pointer, () => updateRow(ctx, db, object, set, item.id, before.version)))) throw versionConflict(object, before)
    for (const [field, value] of parsed.related) await writeRelated(db, field, item.id, value)
    history.push(...historyRows(ctx, object, item.id, changes, at))
    if (changes.some((c) => searchRelevant(object, c.field))) {
      const doc = searchDocOf(object, { ...merged, updatedAt: at, version: before.version + 1 })
      if (doc) docs.push(doc)
    }
  }
  await insertRows(ctx.ws, db, 'record_history', HISTORY_COLUMNS, history)
  await upsertSearchDocsBulk(ctx.ws, db, docs)
  return changed
}
