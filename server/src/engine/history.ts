import type { Kysely } from 'kysely'
import type { SqlDialect } from '../db/dialects/sql-dialect.js'
import type { ObjectMeta } from './metadata-types.js'
import type { ApiRecord } from './record-codec.js'

export interface FieldChange {
  field: string
  oldValue: unknown
  newValue: unknown
}

export interface HistoryEntry extends FieldChange {
  id: string
  actor: string
  at: string
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Fields whose API value differs between two versions of a record (the history to write). */
export function recordChanges(object: ObjectMeta, before: ApiRecord, after: ApiRecord): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of object.fields) {
    if (!(field.apiName in after) || field.options.relation?.kind === 'oneToMany') continue
    const oldValue = before[field.apiName]
    const newValue = after[field.apiName]
    const comparableOld = Array.isArray(oldValue) ? [...oldValue].map((v) => JSON.stringify(v)).sort() : oldValue
    const comparableNew = Array.isArray(newValue) ? [...newValue].map((v) => JSON.stringify(v)).sort() : newValue
    if (!same(comparableOld, comparableNew)) changes.push({ field: field.apiName, oldValue: oldValue ?? null, newValue: newValue ?? null })
  }
  if (!same(before.ownerId, after.ownerId)) changes.push({ field: 'ownerId', oldValue: before.ownerId, newValue: after.ownerId })
  return changes
}

const MAX_HISTORY_PAGE = 500

/**
 * A record's field history, newest first; hidden fields are filtered by the caller. `before`
 * is a time bound; `after` continues strictly after an entry in the (at, id) descending order.
 */
export async function readHistory(
  db: Kysely<any>, dialect: SqlDialect, recordId: string, options: { before?: string; after?: { at: string; key: string }; limit?: number } = {},
): Promise<HistoryEntry[]> {
  let query = db.selectFrom('record_history').select(['id', 'field', 'old_value', 'new_value', 'actor', 'at'])
    .where('record_id', '=', recordId)
  if (options.before) query = query.where('at', '<', options.before)
  const after = options.after
  if (after) {
    const at = dialect.toDb('timestamp', after.at)
    query = query.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', after.key)])]))
  }
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.min(options.limit ?? 100, MAX_HISTORY_PAGE)).execute()
  return rows.map((r) => ({
    id: r.id, field: r.field, actor: r.actor, at: dialect.fromDb('timestamp', r.at) as string,
    oldValue: dialect.fromDb('json', r.old_value), newValue: dialect.fromDb('json', r.new_value),
  }))
}
