/**
 * @module engine/merge
 * Merges records of one object into a survivor, inside the caller's transaction: the merged
 * records are soft-deleted (their history stays under their ids, readable with the deleted
 * record), and everything that pointed at them is moved to the survivor — many-to-one columns
 * of every object, both sides of every many-to-many junction (pairs deduplicated), polymorphic
 * links, record shares — then the chosen field values are written to the survivor through
 * updateRecord (validation, field security, history, search) and the merge itself is recorded
 * in the survivor's history with a snapshot of the merged records. Works from metadata only,
 * so custom objects and custom relations to them are covered without code.
 */
import { sql, type Kysely } from 'kysely'
import { MAX_MERGED_IDS, MERGE_HISTORY_FIELD, MERGED_INTO_HISTORY_FIELD, type MergeHistoryValue, type MergeRequest } from '../../../contracts/duplicates.js'
import { AppError, ProblemCollector } from '../errors.js'
import { isManyToOne, isVirtualField } from './fields/relation.js'
import { isId, newId } from './ids.js'
import type { FieldMeta, ObjectMeta, WorkspaceMetadata } from './metadata-types.js'
import { readableFields, rowToRecord, selectColumns, type ApiRecord } from './record-codec.js'
import { readRelated } from './related.js'
import { assertWritable, scopeOf } from './record-access.js'
import { getRecord, updateRecord, type RecordContext } from './records.js'
import { requirePermission, visibleObject } from './visibility.js'

/** Points at which a merge can be interrupted in tests (the transaction must roll back). */
export type MergeStep = 'validated' | 'deleted' | 'relations' | 'junctions' | 'links' | 'shares' | 'survivor'

export interface MergeOptions {
  /** Expected version of the survivor (If-Match). */
  ifMatch?: number
  onStep?: (step: MergeStep) => Promise<void> | void
}

function checkShape(request: MergeRequest, problems: ProblemCollector): void {
  if (!isId(request.survivorId)) problems.add('/survivorId', 'must be a record id (UUID)')
  if (!Array.isArray(request.mergedIds) || request.mergedIds.length === 0) {
    problems.add('/mergedIds', 'must list at least one record id')
    return
  }
  if (request.mergedIds.length > MAX_MERGED_IDS) problems.add('/mergedIds', `must list at most ${MAX_MERGED_IDS} ids`)
  const seen = new Set<string>()
  request.mergedIds.forEach((id, i) => {
    if (!isId(id)) problems.add(`/mergedIds/${i}`, 'must be a record id (UUID)')
    else if (id === request.survivorId) problems.add(`/mergedIds/${i}`, 'is the survivor; a record cannot be merged into itself')
    else if (seen.has(id)) problems.add(`/mergedIds/${i}`, 'is listed twice')
    seen.add(id)
  })
}

/** Reads the records with every field (the snapshot), limited to those the caller can see. */
async function loadAll(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, ids: string[]): Promise<Map<string, ApiRecord>> {
  const fields = readableFields(object)
  const scope = scopeOf(ctx, object, 'read')
  const rows = await sql<Record<string, unknown>>`select ${sql.join(selectColumns(fields).map((c) => sql.ref(c)))}
    from ${sql.table(object.tableName)} where deleted_at is null and id in (${sql.join(ids)}) ${scope ? sql`and ${scope}` : sql``}`.execute(db)
  const records = rows.rows.map((row) => rowToRecord(fields, row, ctx.ws.dialect))
  const related = await readRelated(db, fields.filter(isVirtualField), ids)
  for (const [field, byRecord] of related) for (const r of records) r[field.apiName] = byRecord.get(r.id) ?? []
  return new Map(records.map((r) => [r.id, r]))
}

function checkFieldValues(ctx: RecordContext, object: ObjectMeta, request: MergeRequest, problems: ProblemCollector): Record<string, string> {
  const raw = request.fieldValues ?? {}
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add('/fieldValues', 'must be an object of field → record id')
    return {}
  }
  const view = visibleObject(ctx.access, object)
  const allowed = new Set([request.survivorId, ...request.mergedIds])
  for (const [name, from] of Object.entries(raw)) {
    const at = `/fieldValues/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`
    const field = view.fieldsByName.get(name)
    if (!field) problems.add(at, `${object.apiName} has no field ${JSON.stringify(name.slice(0, 100))}`)
    else if (isVirtualField(field)) problems.add(at, 'to-many values are combined from all merged records; there is nothing to choose')
    else if (ctx.access.fieldAccess(object.apiName, name) === 'readOnly') problems.add(at, 'is read-only for your role')
    else if (typeof from !== 'string' || !allowed.has(from)) problems.add(at, 'must be the id of the survivor or of a merged record')
  }
  return raw
}

async function softDeleteMerged(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, records: ApiRecord[], survivorId: string, at: string): Promise<void> {
  for (const record of records) {
    const updated = await db.updateTable(object.tableName).set({ deleted_at: at, updated_at: at, version: record.version + 1 })
      .where('id', '=', record.id).where('version', '=', record.version).where('deleted_at', 'is', null).executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('version-conflict', `A merged ${object.labelSingular.toLowerCase()} changed during the merge; read it again and retry`)
  }
  await db.insertInto('record_history').values(records.flatMap((r) => [
    { field: 'deletedAt', oldValue: null, newValue: at },
    { field: MERGED_INTO_HISTORY_FIELD, oldValue: null, newValue: survivorId },
  ].map((c) => ({
    id: newId(), object: object.apiName, record_id: r.id, field: c.field, actor: ctx.actor, at,
    old_value: ctx.ws.dialect.toDb('json', c.oldValue), new_value: ctx.ws.dialect.toDb('json', c.newValue),
  })))).execute()
  await ctx.ws.dialect.deleteSearchDocs(db, records.map((r) => r.id))
}

/** Every many-to-one column in the workspace that points at `object`, including the object's own. */
async function repointManyToOne(metadata: WorkspaceMetadata, db: Kysely<any>, object: ObjectMeta, survivorId: string, mergedIds: string[], at: string): Promise<void> {
  for (const source of metadata.objects.values()) {
    for (const field of source.fields) {
      if (!isManyToOne(field) || field.options.relation?.target !== object.apiName) continue
      const column = sql.ref(field.columnName!)
      await sql`update ${sql.table(source.tableName)} set ${column} = ${survivorId}, updated_at = ${at}, version = version + 1
        where ${column} in (${sql.join(mergedIds)})`.execute(db)
    }
  }
}

/** Moves one side of a junction table to the survivor without creating a pair twice. */
async function repointJunctionSide(db: Kysely<any>, table: string, side: 'a_id' | 'b_id', survivorId: string, mergedIds: string[]): Promise<void> {
  const other = side === 'a_id' ? 'b_id' : 'a_id'
  const [t, s, o] = [sql.table(table), sql.ref(side), sql.ref(other)]
  await sql`insert into ${t} (${s}, ${o}) select distinct ${survivorId}, j.${o} from ${t} j where j.${s} in (${sql.join(mergedIds)})
    and not exists (select 1 from ${t} x where x.${s} = ${survivorId} and x.${o} = j.${o})`.execute(db)
  await sql`delete from ${t} where ${s} in (${sql.join(mergedIds)})`.execute(db)
}

async function repointJunctions(metadata: WorkspaceMetadata, db: Kysely<any>, object: ObjectMeta, survivorId: string, mergedIds: string[]): Promise<void> {
  for (const owner of metadata.objects.values()) {
    for (const field of owner.fields) {
      // The first side of a many-to-many owns the table (a_id = its records, b_id = the target's).
      if (field.type !== 'relation' || field.options.relation?.kind !== 'manyToMany' || !field.columnName || field.columnName.includes('#')) continue
      if (owner.apiName === object.apiName) await repointJunctionSide(db, field.columnName, 'a_id', survivorId, mergedIds)
      if (field.options.relation.target === object.apiName) await repointJunctionSide(db, field.columnName, 'b_id', survivorId, mergedIds)
    }
  }
}

async function repointLinks(db: Kysely<any>, object: ObjectMeta, survivorId: string, mergedIds: string[]): Promise<void> {
  const merged = sql.join(mergedIds)
  await sql`insert into record_links (field_id, source_id, target_object, target_id)
    select distinct l.field_id, l.source_id, ${object.apiName}, ${survivorId} from record_links l
    where l.target_object = ${object.apiName} and l.target_id in (${merged})
    and not exists (select 1 from record_links x where x.field_id = l.field_id and x.source_id = l.source_id and x.target_id = ${survivorId})`.execute(db)
  await sql`delete from record_links where target_object = ${object.apiName} and target_id in (${merged})`.execute(db)
  const linkFields: FieldMeta[] = object.fields.filter((f) => f.type === 'links')
  if (linkFields.length === 0) return
  const fieldIds = sql.join(linkFields.map((f) => f.id))
  await sql`insert into record_links (field_id, source_id, target_object, target_id)
    select distinct l.field_id, ${survivorId}, l.target_object, l.target_id from record_links l
    where l.field_id in (${fieldIds}) and l.source_id in (${merged})
    and not exists (select 1 from record_links x where x.field_id = l.field_id and x.source_id = ${survivorId} and x.target_id = l.target_id)`.execute(db)
  await sql`delete from record_links where field_id in (${fieldIds}) and source_id in (${merged})`.execute(db)
}

/**
 * Merges `request.mergedIds` into `request.survivorId`. The caller needs update and delete on
 * the object and write access to every record; ids the caller cannot see are refused like ids
 * that do not exist (400 naming the field). Runs in `db`, which must be a transaction.
 */
export async function mergeRecords(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, request: MergeRequest, options: MergeOptions = {}): Promise<ApiRecord> {
  requirePermission(ctx.access, object, 'update')
  requirePermission(ctx.access, object, 'delete')
  const problems = new ProblemCollector()
  checkShape(request, problems)
  problems.throwIfAny()
  const fieldValues = checkFieldValues(ctx, object, request, problems)
  const found = await loadAll(ctx, db, object, [request.survivorId, ...request.mergedIds])
  const noun = object.labelSingular.toLowerCase()
  if (!found.has(request.survivorId)) problems.add('/survivorId', `no ${noun} with this id`)
  request.mergedIds.forEach((id, i) => { if (!found.has(id)) problems.add(`/mergedIds/${i}`, `no ${noun} with this id`) })
  problems.throwIfAny()
  const survivor = found.get(request.survivorId)!
  const merged = request.mergedIds.map((id) => found.get(id)!)
  for (const id of [survivor.id, ...request.mergedIds]) await assertWritable(ctx, db, object, id)
  if (options.ifMatch !== undefined && options.ifMatch !== survivor.version) {
    throw new AppError('version-conflict', `This ${noun} is at version ${survivor.version}; read it again and retry`, { extensions: { currentVersion: survivor.version } })
  }
  for (const [id, version] of Object.entries(request.versions ?? {})) {
    const record = found.get(id)
    if (!record) throw new AppError('validation-failed', `/versions/${id.slice(0, 100)}: is not one of the merged records`, { errors: [{ pointer: `/versions/${id.slice(0, 100)}`, detail: 'is not one of the merged records' }] })
    if (record.version !== version) throw new AppError('version-conflict', `Record ${id} is at version ${record.version}; read it again and retry`, { extensions: { currentVersion: record.version, recordId: id } })
  }
  await options.onStep?.('validated')

  const at = new Date().toISOString()
  await softDeleteMerged(ctx, db, object, merged, survivor.id, at)
  await options.onStep?.('deleted')
  await repointManyToOne(ctx.metadata, db, object, survivor.id, request.mergedIds, at)
  await options.onStep?.('relations')
  await repointJunctions(ctx.metadata, db, object, survivor.id, request.mergedIds)
  await options.onStep?.('junctions')
  await repointLinks(db, object, survivor.id, request.mergedIds)
  await options.onStep?.('links')
  await sql`update record_shares set record_id = ${survivor.id} where object = ${object.apiName} and record_id in (${sql.join(request.mergedIds)})`.execute(db)
  await options.onStep?.('shares')

  const input: Record<string, unknown> = {}
  for (const [name, from] of Object.entries(fieldValues)) if (from !== survivor.id) input[name] = found.get(from)![name] ?? null
  await updateRecord(ctx, db, object, survivor.id, input, { pointer: '/fieldValues' })
  // Related lists changed even when no field did: the survivor gets a new version either way.
  await db.updateTable(object.tableName).set((eb) => ({ version: eb('version', '+', 1), updated_at: at })).where('id', '=', survivor.id).execute()
  const value: MergeHistoryValue = { mergedIds: request.mergedIds, records: merged, fieldValues }
  await db.insertInto('record_history').values({
    id: newId(), object: object.apiName, record_id: survivor.id, field: MERGE_HISTORY_FIELD, actor: ctx.actor, at,
    old_value: ctx.ws.dialect.toDb('json', null), new_value: ctx.ws.dialect.toDb('json', value),
  }).execute()
  await options.onStep?.('survivor')
  return getRecord(ctx, db, object, survivor.id)
}
