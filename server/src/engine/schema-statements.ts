/**
 * @module engine/schema-statements
 * The SQL and option checks behind field changes: merged options, clearing removed choices,
 * dropping columns with their indexes, and a removed object's search documents.
 */
import type { FieldOptions } from '../../../contracts/field-types.js'
import type { WorkspaceDb } from '../db/database.js'
import { quoteId } from '../db/slow-ddl.js'
import { fieldError } from '../errors.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'
import { indexName } from './naming.js'

export function mergeOptions(field: FieldMeta, patch: FieldOptions | undefined): FieldOptions {
  if (!patch) return field.options
  if (patch.relation) throw fieldError('/options/relation', 'a relation cannot be re-pointed; create a new field')
  if (patch.multiple !== undefined && patch.multiple !== field.options.multiple) throw fieldError('/options/multiple', 'cannot switch between one and multiple values')
  const merged = { ...field.options, ...patch }
  if (patch.choices) {
    const values = patch.choices.map((c) => c.value)
    if (values.length === 0) throw fieldError('/options/choices', 'a select field needs at least one choice')
    if (new Set(values).size !== values.length) throw fieldError('/options/choices', 'choice values must be unique')
  }
  return merged
}

export function clearChoicesStatements(ws: WorkspaceDb, object: ObjectMeta, field: FieldMeta, removed: string[]): string[] {
  const table = quoteId(object.tableName)
  const column = quoteId(field.columnName!)
  const list = removed.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')
  if (field.type === 'select') return [`update ${table} set ${column} = null where ${column} in (${list})`]
  if (ws.dialect.name === 'postgres') {
    return [`update ${table} set ${column} = nullif(${column} - array[${list}], '[]'::jsonb) where ${column} ?| array[${list}]`]
  }
  return [`update ${table} set ${column} = (select case when count(*) = 0 then null else json_group_array(value) end
    from json_each(${table}.${column}) where value not in (${list}))
    where exists (select 1 from json_each(${table}.${column}) where value in (${list}))`]
}

export function dropColumnStatements(object: ObjectMeta, columns: string[], sortColumn: string): string[] {
  const table = quoteId(object.tableName)
  // SQLite refuses to drop an indexed column, so the field's indexes go first.
  const indexes = [indexName('ix', object.tableName, [sortColumn, 'id']), indexName('ux', object.tableName, [sortColumn])]
  return [
    ...indexes.map((name) => `drop index if exists ${quoteId(name)}`),
    ...columns.map((c) => `alter table ${table} drop column ${quoteId(c)}`),
  ]
}

export async function dropSearchDocsOf(ws: WorkspaceDb, object: ObjectMeta): Promise<void> {
  const rows = await ws.db.selectFrom('search_docs').select('record_id').where('object', '=', object.apiName).execute()
  await ws.dialect.deleteSearchDocs(ws.db, rows.map((r) => String(r.record_id)))
}
