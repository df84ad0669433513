/**
 * @module engine/records
 * The record engine: list, read, create, update, soft delete and restore for any object,
 * driven only by metadata. Callers own the transaction and pass it in as `db`; every write
 * keeps the row, its to-many relations, field history and search document in step.
 */
import { sql, type Kysely } from 'kysely'
import { AppError, ProblemCollector, fieldError } from '../errors.js'
import type { WorkspaceDb } from '../db/database.js'
import type { ColumnSpec, ParseContext } from './fields/field-type.js'
import { handlerOf } from './fields/registry.js'
import { isVirtualField } from './fields/relation.js'
import { compileFilter } from './filter.js'
import { occupiedFirsts } from './prefix-probe.js'
import { newId, isId } from './ids.js'
import type { FieldMeta, ObjectMeta, WorkspaceMetadata } from './metadata-types.js'
import { indexName } from './naming.js'
import { readableFields, rowToRecord, selectColumns, type ApiRecord, type ParsedInput } from './record-codec.js'
import { readRelated, writeRelated } from './related.js'
import { searchDocOf } from './search.js'
import { afterCursor, orderBy, resolveSort, type CursorCodec } from './sort-cursor.js'
import { recordChanges } from './history.js'
import type { AccessPolicy } from './access.js'
import { andScope, assertWritable, filterAccessOf, parseForWrite } from './record-access.js'
import { listScope } from './scope-plan.js'
import { requirePermission, visibleObject } from './visibility.js'

export interface RecordContext {
  ws: WorkspaceDb
  metadata: WorkspaceMetadata
  parse: ParseContext
  /** Who acts: a credential or user id, written to createdBy and history. */
  actor: string
  cursors: CursorCodec
  /** What the caller may do; SYSTEM_ACCESS for jobs, seeding and the CLI. */
  access: AccessPolicy
}

export interface ListQuery {
  filter?: unknown
  sort?: unknown
  limit?: number
  cursor?: string
  fields?: string[]
}

export interface ListResult {
  data: ApiRecord[]
  page: { nextCursor: string | null; hasMore: boolean }
}

export const MAX_PAGE_SIZE = 1000
export const DEFAULT_PAGE_SIZE = 50

const now = () => new Date().toISOString()

const columnKindsCache = new WeakMap<ObjectMeta, Map<string, ColumnSpec>>()

/** Column name → spec for an object; metadata objects are immutable, so this is cached per object. */
export function columnKinds(object: ObjectMeta): Map<string, ColumnSpec> {
  let kinds = columnKindsCache.get(object)
  if (!kinds) {
    kinds = new Map<string, ColumnSpec>()
    for (const field of object.fields) for (const c of handlerOf(field.type).columns(field)) kinds.set(c.name, c)
    columnKindsCache.set(object, kinds)
  }
  return kinds
}

export function toDbColumns(ctx: RecordContext, object: ObjectMeta, columns: Record<string, unknown>): Record<string, unknown> {
  const kinds = columnKinds(object)
  return Object.fromEntries(Object.entries(columns).map(([name, value]) => [name, ctx.ws.dialect.toDb(kinds.get(name)!.kind, value)]))
}

/** A row as a read would return it, built from values just written (saves a round trip). */
export function asReadRow(ctx: RecordContext, object: ObjectMeta, row: Record<string, unknown>): Record<string, unknown> {
  const kinds = columnKinds(object)
  return Object.fromEntries(Object.entries(row).map(([name, value]) => {
    const kind = kinds.get(name)?.kind
    return [name, kind ? ctx.ws.dialect.asRead(kind, value) : value]
  }))
}

export async function attachRelated(db: Kysely<any>, fields: FieldMeta[], records: ApiRecord[]): Promise<void> {
  const toMany = fields.filter(isVirtualField)
  if (toMany.length === 0 || records.length === 0) return
  const related = await readRelated(db, toMany, records.map((r) => r.id))
  for (const [field, byRecord] of related) {
    for (const record of records) record[field.apiName] = byRecord.get(record.id) ?? []
  }
}

export async function listRecords(ctx: RecordContext, object: ObjectMeta, query: ListQuery): Promise<ListResult> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw fieldError('/limit', `must be an integer from 1 to ${MAX_PAGE_SIZE}`)
  requirePermission(ctx.access, object, 'read')
  const view = visibleObject(ctx.access, object)
  const fields = readableFields(view, query.fields)
  const keys = resolveSort(view, query.sort)
  const occupied = query.filter === undefined ? undefined : await occupiedFirsts(ctx.ws, view, query.filter)
  const filterContext = { dialect: ctx.ws.dialect, parse: ctx.parse, occupiedFirsts: occupied }
  const conditions = [sql<boolean>`deleted_at is null`]
  const scope = await listScope(ctx, object, keys[0].column, limit)
  if (scope) conditions.push(scope)
  if (query.filter !== undefined) conditions.push(compileFilter(view, query.filter, ctx.metadata, filterContext, '/filter', filterAccessOf(ctx)))
  if (query.cursor !== undefined) conditions.push(afterCursor(keys, ctx.cursors.decode(keys, query.cursor, '/cursor'), ctx.ws.dialect))
  const columns = [...new Set([...selectColumns(fields), ...keys.map((k) => k.column)])]
  const result = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))}
    from ${sql.table(object.tableName)} where ${sql.join(conditions, sql` and `)}
    order by ${orderBy(keys, ctx.ws.dialect)} limit ${limit + 1}`.execute(ctx.ws.db)
  const rows = result.rows
  const hasMore = rows.length > limit
  if (hasMore) rows.pop()
  const data = rows.map((row) => rowToRecord(fields, row, ctx.ws.dialect))
  await attachRelated(ctx.ws.db, fields, data)
  const last = rows.at(-1)
  return { data, page: { nextCursor: hasMore && last ? ctx.cursors.encode(keys, last) : null, hasMore } }
}

async function findRow(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, id: string, fields: FieldMeta[]): Promise<Record<string, unknown> | undefined> {
  if (!isId(id)) return undefined
  const result = await sql<Record<string, unknown>>`select ${sql.join(selectColumns(fields).map((c) => sql.ref(c)))}
    from ${sql.table(object.tableName)} where id = ${id} ${andScope(ctx, object, 'read')}`.execute(db)
  return result.rows[0]
}

export const notFound = (object: ObjectMeta, id: string) => new AppError('record-not-found', `No ${object.labelSingular} with id ${id.slice(0, 100)}`)

export async function getRecord(
  ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, id: string, options: { fields?: string[]; withDeleted?: boolean } = {},
): Promise<ApiRecord> {
  requirePermission(ctx.access, object, 'read')
  const fields = readableFields(visibleObject(ctx.access, object), options.fields)
  const row = await findRow(ctx, db, object, id, fields)
  if (!row || (row.deleted_at != null && !options.withDeleted)) throw notFound(object, id)
  const record = rowToRecord(fields, row, ctx.ws.dialect)
  await attachRelated(db, fields, [record])
  return record
}

/** Parses and checks a body without writing; batch uses it to report every item's problems first. */
export async function validateInput(
  ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, input: unknown, mode: 'create' | 'update', pointer: string, problems: ProblemCollector,
  currentOwner?: unknown,
): Promise<ParsedInput> {
  const [parsed] = await parseForWrite(ctx, db, object, [{ input, pointer, currentOwner }], mode, problems)
  return parsed
}

function uniqueViolation(object: ObjectMeta, error: unknown, pointer: string): AppError {
  const text = `${(error as Error).message} ${(error as { constraint?: string }).constraint ?? ''}`
  const field = object.fields.find((f) => f.unique && f.columnName &&
    (text.includes(indexName('ux', object.tableName, [handlerOf(f.type).sortColumn(f)?.name ?? ''])) || text.includes(`.${f.columnName}`)))
  return fieldError(`${pointer}/${field?.apiName ?? ''}`, 'another record already has this value', 'unique-violation')
}

export async function insertOrUpdate<T>(ctx: RecordContext, object: ObjectMeta, pointer: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (ctx.ws.dialect.isUniqueViolation(error)) throw uniqueViolation(object, error, pointer)
    throw error
  }
}

export async function createRecord(
  ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, input: unknown, pointer = '', prevalidated?: ParsedInput,
): Promise<ApiRecord> {
  requirePermission(ctx.access, object, 'create')
  const problems = new ProblemCollector()
  const parsed = prevalidated ?? (await validateInput(ctx, db, object, input, 'create', pointer, problems))
  problems.throwIfAny()
  const id = newId()
  const at = now()
  const row = {
    id, created_at: at, updated_at: at, created_by: ctx.actor, owner_id: parsed.ownerId ?? ctx.access.userId ?? ctx.actor, deleted_at: null, version: 1,
    ...toDbColumns(ctx, object, parsed.columns),
  }
  await insertOrUpdate(ctx, object, pointer, () => db.insertInto(object.tableName).values(row).execute())
  for (const [field, value] of parsed.related) await writeRelated(db, field, id, value)
  const fields = readableFields(visibleObject(ctx.access, object))
  const record = rowToRecord(fields, asReadRow(ctx, object, row), ctx.ws.dialect)
  for (const field of fields.filter(isVirtualField)) record[field.apiName] = parsed.related.get(field) ?? []
  await indexForSearch(ctx, db, object, record)
  return record
}

/**
 * Creates many records at once with multi-row inserts: the path for batches, imports and
 * seeding. Same validation as createRecord; every problem is reported under `pointer/<i>`.
 */
export async function createRecordsBulk(
  ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, inputs: unknown[], options: { pointer?: string; checkReferences?: boolean; parsed?: ParsedInput[] } = {},
): Promise<ApiRecord[]> {
  requirePermission(ctx.access, object, 'create')
  const problems = new ProblemCollector()
  const pointer = options.pointer ?? ''
  const parsed = options.parsed ?? await parseForWrite(ctx, db, object, inputs.map((input, i) => ({ input, pointer: `${pointer}/${i}` })), 'create', problems,
    { checkReferences: options.checkReferences })
  problems.throwIfAny()
  const at = now()
  const allColumns = [...new Set(['id', 'created_at', 'updated_at', 'created_by', 'owner_id', 'deleted_at', 'version',
    ...object.fields.flatMap((f) => handlerOf(f.type).columns(f).map((c) => c.name))])]
  const rows = parsed.map((p) => {
    const values = toDbColumns(ctx, object, p.columns)
    const row: Record<string, unknown> = { id: newId(), created_at: at, updated_at: at, created_by: ctx.actor, owner_id: p.ownerId ?? ctx.access.userId ?? ctx.actor, deleted_at: null, version: 1 }
    for (const column of allColumns) if (!(column in row)) row[column] = values[column] ?? null
    return row
  })
  const chunkSize = Math.max(1, Math.floor(ctx.ws.dialect.maxParameters / allColumns.length))
  for (let start = 0; start < rows.length; start += chunkSize) {
    await insertOrUpdate(ctx, object, pointer, () => db.insertInto(object.tableName).values(rows.slice(start, start + chunkSize)).execute())
  }
  const fields = readableFields(visibleObject(ctx.access, object))
  const records = rows.map((row) => rowToRecord(fields, asReadRow(ctx, object, row), ctx.ws.dialect))
  for (const [i, p] of parsed.entries()) {
    for (const [field, value] of p.related) await writeRelated(db, field, records[i].id, value)
    for (const field of fields.filter(isVirtualField)) records[i][field.apiName] = p.related.get(field) ?? []
  }
  const docs = records.map((r) => searchDocOf(object, r)).filter((d): d is NonNullable<typeof d> => d !== null)
  await ctx.ws.dialect.insertSearchDocs(db, docs)
  return records
}

export async function updateRecord(
  ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, id: string, input: unknown, options: { ifMatch?: number; pointer?: string; prevalidated?: ParsedInput } = {},
): Promise<ApiRecord> {
  const pointer = options.pointer ?? ''
  requirePermission(ctx.access, object, 'update')
  const fields = readableFields(visibleObject(ctx.access, object))
  const row = await findRow(ctx, db, object, id, fields)
  if (!row || row.deleted_at != null) throw notFound(object, id)
  await assertWritable(ctx, db, object, id)
  const before = rowToRecord(fields, row, ctx.ws.dialect)
  await attachRelated(db, fields, [before])
  if (options.ifMatch !== undefined && options.ifMatch !== before.version) throw versionConflict(object, before)
  const problems = new ProblemCollector()
  const parsed = options.prevalidated ?? (await validateInput(ctx, db, object, input, 'update', pointer, problems, row.owner_id))
  problems.throwIfAny()
  const newColumns = toDbColumns(ctx, object, parsed.columns)
  const merged = rowToRecord(fields, { ...row, ...asReadRow(ctx, object, newColumns) }, ctx.ws.dialect)
  if (parsed.ownerId !== undefined) merged.ownerId = parsed.ownerId
  for (const field of fields.filter(isVirtualField)) merged[field.apiName] = parsed.related.get(field) ?? before[field.apiName]
  const changes = recordChanges(object, before, merged)
  if (changes.length === 0) return before
  const at = now()
  const set: Record<string, unknown> = { ...newColumns, updated_at: at, version: before.version + 1 }
  if (parsed.ownerId !== undefined) set.owner_id = parsed.ownerId
  const updated = await insertOrUpdate(ctx, object, pointer, () =>
    db.updateTable(object.tableName).set(set).where('id', '=', id).where('version', '=', before.version).where('deleted_at', 'is', null).executeTakeFirst())
  if (Number(updated.numUpdatedRows) !== 1) throw versionConflict(object, before)
  for (const [field, value] of parsed.related) await writeRelated(db, field, id, value)
  await writeHistory(ctx, db, object, id, changes, at)
  const after = { ...merged, updatedAt: at, version: before.version + 1 }
  if (changes.some((c) => searchRelevant(object, c.field))) await indexForSearch(ctx, db, object, after)
  return after
}

export const searchRelevant = (object: ObjectMeta, fieldName: string) =>
  object.labelFields.includes(fieldName) || object.fieldsByName.get(fieldName)?.searchable === true

export function versionConflict(object: ObjectMeta, current: ApiRecord): AppError {
  return new AppError('version-conflict', `This ${object.labelSingular} is at version ${current.version}; read it again and retry`, {
    extensions: { currentVersion: current.version },
  })
}

export async function softDeleteRecord(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, id: string, ifMatch?: number): Promise<void> {
  requirePermission(ctx.access, object, 'delete')
  const before = await getRecord(ctx, db, object, id, { fields: [] })
  await assertWritable(ctx, db, object, id)
  if (ifMatch !== undefined && ifMatch !== before.version) throw versionConflict(object, before)
  const at = now()
  const updated = await db.updateTable(object.tableName).set({ deleted_at: at, updated_at: at, version: before.version + 1 })
    .where('id', '=', id).where('version', '=', before.version).where('deleted_at', 'is', null).executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw versionConflict(object, before)
  await writeHistory(ctx, db, object, id, [{ field: 'deletedAt', oldValue: null, newValue: at }], at)
  await ctx.ws.dialect.deleteSearchDocs(db, [id])
}

export async function restoreRecord(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, id: string): Promise<ApiRecord> {
  requirePermission(ctx.access, object, 'delete')
  const before = await getRecord(ctx, db, object, id, { withDeleted: true })
  await assertWritable(ctx, db, object, id)
  if (!before.deletedAt) throw new AppError('conflict', `This ${object.labelSingular} is not deleted`)
  const at = now()
  await db.updateTable(object.tableName).set({ deleted_at: null, updated_at: at, version: before.version + 1 })
    .where('id', '=', id).where('version', '=', before.version).execute()
  await writeHistory(ctx, db, object, id, [{ field: 'deletedAt', oldValue: before.deletedAt, newValue: null }], at)
  const record = await getRecord(ctx, db, object, id)
  await indexForSearch(ctx, db, object, record)
  return record
}

/** History rows of one record's changes, columns in HISTORY_COLUMNS order. */
export const HISTORY_COLUMNS = ['id', 'object', 'record_id', 'field', 'actor', 'at', 'old_value', 'new_value']
export function historyRows(ctx: RecordContext, object: ObjectMeta, id: string, changes: { field: string; oldValue: unknown; newValue: unknown }[], at: string): unknown[][] {
  return changes.map((c) => [newId(), object.apiName, id, c.field, ctx.actor, at,
    ctx.ws.dialect.toDb('json', c.oldValue ?? null), ctx.ws.dialect.toDb('json', c.newValue ?? null)])
}

async function writeHistory(
  ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, id: string, changes: { field: string; oldValue: unknown; newValue: unknown }[], at: string,
): Promise<void> {
  if (changes.length === 0) return
  await db.insertInto('record_history').values(historyRows(ctx, object, id, changes, at).map((row) => Object.fromEntries(HISTORY_COLUMNS.map((c, i) => [c, row[i]])))).execute()
}

async function indexForSearch(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, record: ApiRecord): Promise<void> {
  const doc = searchDocOf(object, record)
  if (doc) await ctx.ws.dialect.upsertSearchDocs(db, [doc])
}
