/**
 * To-many relation storage: many-to-many rows in junction tables and polymorphic links in
 * record_links. Also checks that every id a body points at exists in this workspace and is
 * not deleted — a foreign workspace's id simply does not exist here, so it is refused too.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { ProblemCollector } from '../errors.js'
import { isManyToOne, type LinkTarget } from './fields/relation.js'
import { junctionOf } from './junctions.js'
import type { FieldMeta, ObjectMeta, WorkspaceMetadata } from './metadata-types.js'
import type { ParsedInput } from './record-codec.js'

async function existingIds(db: Kysely<any>, target: ObjectMeta, ids: string[], scope: RawBuilder<boolean> | null): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const visible = scope ? sql`and ${scope}` : sql``
  const rows = await sql<{ id: string }>`select id from ${sql.table(target.tableName)} where deleted_at is null ${visible} and id in (${sql.join(ids)})`.execute(db)
  return new Set(rows.rows.map((r) => r.id))
}

/**
 * Adds a problem for every referenced record that does not exist (or is deleted). Checks a
 * whole batch with one query per target object.
 */
export async function checkReferences(
  db: Kysely<any>, metadata: WorkspaceMetadata, items: { parsed: ParsedInput; pointer: string }[], problems: ProblemCollector,
  scopeOf: (target: ObjectMeta) => RawBuilder<boolean> | null = () => null,
): Promise<void> {
  const wanted = new Map<string, Set<string>>()
  const uses: { object: string; id: string; at: string }[] = []
  const use = (object: string, id: string, at: string) => {
    if (!wanted.has(object)) wanted.set(object, new Set())
    wanted.get(object)!.add(id)
    uses.push({ object, id, at })
  }
  for (const { parsed, pointer } of items) {
    for (const [field, value] of parsed.values) {
      if (isManyToOne(field) && value !== null) use(field.options.relation!.target, value as string, `${pointer}/${field.apiName}`)
    }
    for (const [field, value] of parsed.related) {
      const targets = field.type === 'links' ? (value as LinkTarget[]) : (value as string[]).map((id) => ({ object: field.options.relation!.target, id }))
      for (const t of targets) use(t.object, t.id, `${pointer}/${field.apiName}`)
    }
  }
  const found = new Map<string, Set<string>>()
  for (const [objectName, ids] of wanted) {
    const target = metadata.objects.get(objectName)
    const present = new Set<string>()
    const list = [...ids]
    for (let start = 0; target && start < list.length; start += REFERENCE_CHUNK) {
      for (const id of await existingIds(db, target, list.slice(start, start + REFERENCE_CHUNK), scopeOf(target))) present.add(id)
    }
    found.set(objectName, present)
  }
  const reported = new Set<string>()
  for (const u of uses) {
    if (found.get(u.object)?.has(u.id) || reported.has(u.at)) continue
    reported.add(u.at)
    problems.add(u.at, `no ${u.object} record with id ${u.id}`)
  }
}

const REFERENCE_CHUNK = 900

/** Replaces the contents of a to-many field for one record. */
export async function writeRelated(db: Kysely<any>, field: FieldMeta, recordId: string, value: string[] | LinkTarget[]): Promise<void> {
  if (field.type === 'links') {
    await db.deleteFrom('record_links').where('field_id', '=', field.id).where('source_id', '=', recordId).execute()
    const links = value as LinkTarget[]
    if (links.length) {
      const unique = [...new Map(links.map((l) => [l.id, l])).values()]
      await db.insertInto('record_links').values(unique.map((l) => ({ field_id: field.id, source_id: recordId, target_object: l.object, target_id: l.id }))).execute()
    }
    return
  }
  const { table, sourceColumn, targetColumn } = junctionOf(field)
  await db.deleteFrom(table).where(sourceColumn, '=', recordId).execute()
  const ids = value as string[]
  if (ids.length) await db.insertInto(table).values(ids.map((id) => ({ [sourceColumn]: recordId, [targetColumn]: id }))).execute()
}

/** Reads to-many field values for a page of records: one query per field. */
export async function readRelated(db: Kysely<any>, fields: FieldMeta[], recordIds: string[]): Promise<Map<FieldMeta, Map<string, unknown[]>>> {
  const result = new Map<FieldMeta, Map<string, unknown[]>>()
  if (recordIds.length === 0) return result
  for (const field of fields) {
    const byRecord = new Map<string, unknown[]>()
    if (field.type === 'links') {
      const rows = await db.selectFrom('record_links').select(['source_id', 'target_object', 'target_id'])
        .where('field_id', '=', field.id).where('source_id', 'in', recordIds).execute()
      for (const r of rows) byRecord.set(r.source_id, [...(byRecord.get(r.source_id) ?? []), { object: r.target_object, id: r.target_id }])
    } else if (field.type === 'relation' && field.options.relation?.kind === 'manyToMany') {
      const { table, sourceColumn, targetColumn } = junctionOf(field)
      const rows = await db.selectFrom(table).select([`${sourceColumn} as s`, `${targetColumn} as t`]).where(sourceColumn, 'in', recordIds).execute()
      for (const r of rows) byRecord.set(r.s, [...(byRecord.get(r.s) ?? []), r.t])
    } else continue
    result.set(field, byRecord)
  }
  return result
}
