/**
 * @module engine/record-codec
 * Between API records (camelCase JSON) and table rows (generated columns): which columns a
 * read selects, how a row becomes a record, and how a request body becomes column values,
 * with every problem collected under its JSON pointer.
 */
import type { SqlDialect } from '../db/dialects/sql-dialect.js'
import { ProblemCollector, fieldError } from '../errors.js'
import { InvalidValue, type ParseContext } from './fields/field-type.js'
import { handlerOf } from './fields/registry.js'
import { coerceIdList, coerceLinks, isVirtualField, type LinkTarget } from './fields/relation.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'

export type ApiRecord = Record<string, unknown> & { id: string; version: number }

const SYSTEM_SELECT = ['id', 'created_at', 'updated_at', 'created_by', 'owner_id', 'deleted_at', 'version']
/** Keys a client may not write: the server owns them. */
const READ_ONLY_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'deletedAt', 'version'])
const OWNER_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/

/** Fields a read returns: all stored and to-many fields except the inverse one-to-many sides. */
export function readableFields(object: ObjectMeta, names?: string[], pointer = '/fields'): FieldMeta[] {
  if (!names) return object.fields.filter((f) => f.options.relation?.kind !== 'oneToMany')
  const systemNames = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'ownerId', 'deletedAt', 'version'])
  return names.filter((n) => !systemNames.has(n)).map((name, i) => {
    const field = object.fieldsByName.get(name)
    if (!field) throw fieldError(`${pointer}/${i}`, `${object.apiName} has no field ${JSON.stringify(name.slice(0, 100))}`)
    if (field.options.relation?.kind === 'oneToMany') throw fieldError(`${pointer}/${i}`, `${name} is the inverse side of a relation; filter ${field.options.relation.target} by ${field.options.relation.inverseName} instead`)
    return field
  })
}

export function selectColumns(fields: FieldMeta[]): string[] {
  return [...SYSTEM_SELECT, ...fields.flatMap((f) => handlerOf(f.type).columns(f).map((c) => c.name))]
}

/** Converts a row to an API record; to-many values are filled in later by the caller. */
export function rowToRecord(fields: FieldMeta[], row: Record<string, unknown>, dialect: SqlDialect): ApiRecord {
  const record: Record<string, unknown> = {
    id: row.id,
    createdAt: dialect.fromDb('timestamp', row.created_at),
    updatedAt: dialect.fromDb('timestamp', row.updated_at),
    createdBy: row.created_by ?? null,
    ownerId: row.owner_id ?? null,
    version: Number(row.version),
  }
  if (row.deleted_at !== null && row.deleted_at !== undefined) record.deletedAt = dialect.fromDb('timestamp', row.deleted_at)
  for (const field of fields) {
    if (isVirtualField(field)) continue
    const handler = handlerOf(field.type)
    const converted: Record<string, unknown> = {}
    for (const column of handler.columns(field)) converted[column.name] = dialect.fromDb(column.kind, row[column.name])
    record[field.apiName] = handler.format(field, converted)
  }
  return record as ApiRecord
}

export interface ParsedInput {
  /** Column values to write. */
  columns: Record<string, unknown>
  /** API values of the stored fields present in the input, for history and search. */
  values: Map<FieldMeta, unknown>
  /** New contents of to-many fields present in the input. */
  related: Map<FieldMeta, string[] | LinkTarget[]>
  ownerId?: string | null
}

/**
 * Parses a create or update body. Unknown and read-only keys, wrong types and missing
 * required fields are all reported, each under `pointer/<key>`.
 */
export function parseRecordInput(
  object: ObjectMeta, input: unknown, mode: 'create' | 'update', ctx: ParseContext, pointer: string, problems: ProblemCollector,
): ParsedInput {
  const parsed: ParsedInput = { columns: {}, values: new Map(), related: new Map() }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.add(pointer || '/', 'must be an object of field values')
    return parsed
  }
  for (const [key, value] of Object.entries(input)) {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`
    if (key === 'ownerId') {
      if (value !== null && (typeof value !== 'string' || !OWNER_ID_PATTERN.test(value))) problems.add(at, 'must be a user id')
      else parsed.ownerId = value as string | null
      continue
    }
    if (READ_ONLY_KEYS.has(key)) {
      problems.add(at, 'is set by the server and cannot be written')
      continue
    }
    const field = object.fieldsByName.get(key)
    if (!field) {
      problems.add(at, `${object.apiName} has no field ${JSON.stringify(key.slice(0, 100))}`)
      continue
    }
    if (value === undefined) continue
    try {
      if (field.options.relation?.kind === 'oneToMany') throw new InvalidValue(`is the inverse side of a relation; set ${field.options.relation.inverseName} on the ${field.options.relation.target} records`)
      if (field.type === 'links') parsed.related.set(field, value === null ? [] : coerceLinks(value))
      else if (isVirtualField(field)) parsed.related.set(field, value === null ? [] : coerceIdList(value))
      else {
        const columns = handlerOf(field.type).parse(field, value, ctx)
        Object.assign(parsed.columns, columns)
        parsed.values.set(field, value)
        if (field.required && Object.values(columns).every((v) => v === null)) problems.add(at, 'is required')
      }
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error
      problems.add(at, error.message)
    }
  }
  if (mode === 'create') {
    for (const field of object.fields) {
      if (field.required && !isVirtualField(field) && !(field.apiName in (input as object))) problems.add(`${pointer}/${field.apiName}`, 'is required')
    }
  }
  return parsed
}
