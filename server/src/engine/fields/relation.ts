import type { FieldMeta } from '../metadata-types.js'
import { isId } from '../ids.js'
import { InvalidValue, type FieldTypeHandler } from './field-type.js'
import { EQUALITY_OPERATORS, column, compareColumn } from './compare.js'

const MAX_RELATED_IDS = 1000

export const isManyToOne = (field: FieldMeta) => field.type === 'relation' && field.options.relation?.kind === 'manyToOne'

/** True for fields stored outside the record's row (junction tables, the inverse side). */
export const isVirtualField = (field: FieldMeta) =>
  field.type === 'links' || (field.type === 'relation' && field.options.relation?.kind !== 'manyToOne')

export function coerceId(value: unknown): string {
  if (!isId(value)) throw new InvalidValue('must be a record id (UUID)')
  return value
}

export function coerceIdList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new InvalidValue('must be an array of record ids')
  if (value.length > MAX_RELATED_IDS) throw new InvalidValue(`must have at most ${MAX_RELATED_IDS} ids`)
  return [...new Set(value.map((v, i) => {
    if (!isId(v)) throw new InvalidValue(`item ${i} must be a record id (UUID)`)
    return v
  }))]
}

/** A polymorphic link target: `{object, id}`. */
export interface LinkTarget {
  object: string
  id: string
}

export function coerceLinks(value: unknown): LinkTarget[] {
  if (!Array.isArray(value)) throw new InvalidValue('must be an array of {object, id}')
  if (value.length > MAX_RELATED_IDS) throw new InvalidValue(`must have at most ${MAX_RELATED_IDS} links`)
  return value.map((item, i) => {
    const { object, id, ...rest } = (item ?? {}) as Record<string, unknown>
    if (typeof item !== 'object' || item === null || Object.keys(rest).length || typeof object !== 'string' || !isId(id)) {
      throw new InvalidValue(`item ${i} must be {object, id}`)
    }
    return { object, id }
  })
}

/**
 * Relations. Many-to-one is a real column holding the target's id; the other kinds are
 * virtual here and stored by the engine (junction tables, record_links). Path filters such as
 * `company.name` are compiled by the engine, which knows the target's metadata.
 */
export const relationType: FieldTypeHandler = {
  columns: (f) => (isManyToOne(f) ? [{ name: f.columnName!, kind: 'text' }] : []),
  parse(field, value) {
    if (!isManyToOne(field)) return {}
    return { [field.columnName!]: value === null ? null : coerceId(value) }
  },
  format: (field, row) => (isManyToOne(field) ? (row[field.columnName!] ?? null) : undefined),
  operators: EQUALITY_OPERATORS,
  filter(field, op, value, ctx) {
    if (!isManyToOne(field)) throw new InvalidValue('filter on a to-many relation through a path such as people.email, or with eq/in on its id')
    return compareColumn(column(field.columnName!), op, value, coerceId, ctx)
  },
  sortColumn: (field) => (isManyToOne(field) ? { name: field.columnName!, kind: 'text' } : null),
  searchText: () => '',
  jsonSchema: (field) => (isManyToOne(field)
    ? { type: 'string', format: 'uuid', nullable: true, description: `id of a ${field.options.relation?.target} record` }
    : { type: 'array', items: { type: 'string', format: 'uuid' }, description: `ids of ${field.options.relation?.target} records` }),
}

export const linksType: FieldTypeHandler = {
  ...relationType,
  columns: () => [],
  parse: () => ({}),
  format: () => undefined,
  filter() {
    throw new InvalidValue('filter on links with eq/in on a linked record id')
  },
  sortColumn: () => null,
  jsonSchema: () => ({
    type: 'array',
    items: { type: 'object', required: ['object', 'id'], properties: { object: { type: 'string' }, id: { type: 'string', format: 'uuid' } } },
  }),
}
