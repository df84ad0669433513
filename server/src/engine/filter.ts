/**
 * @module engine/filter
 * The filter AST: `{and: [...]}`, `{or: [...]}`, `{not: {...}}` and leaves
 * `{field, op, value}`. Parsing checks every name against metadata and every operand against
 * its field type before any SQL exists, so malformed input answers 400 with a JSON pointer and
 * never reaches the database. Relation paths go one level deep (`company.name`) and compile to
 * `IN (subquery)`, which keeps the main query free of joins and aliases.
 */
import { sql, type RawBuilder } from 'kysely'
import type { FilterOperator } from '../../../contracts/field-types.js'
import { FILTER_OPERATORS } from '../../../contracts/field-types.js'
import { AppError, fieldError } from '../errors.js'
import { column, compareColumn, EQUALITY_OPERATORS, ORDERED_OPERATORS } from './fields/compare.js'
import { compositeSubfield, SUBFIELD_OPERATORS } from './fields/composite.js'
import { InvalidValue, type FilterContext } from './fields/field-type.js'
import { handlerOf } from './fields/registry.js'
import { coerceId, isManyToOne } from './fields/relation.js'
import { coerceDateTime } from './fields/scalar.js'
import { junctionOf } from './junctions.js'
import type { FieldMeta, ObjectMeta, WorkspaceMetadata } from './metadata-types.js'
import type { FilterAccess } from './visibility.js'

export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | { field: string; op: FilterOperator; value?: unknown }

export const MAX_FILTER_DEPTH = 8
export const MAX_FILTER_NODES = 100

interface CompileState {
  metadata: WorkspaceMetadata
  ctx: FilterContext
  nodes: number
  /** When set, relation paths see only readable objects, visible fields and visible records. */
  access?: FilterAccess
}

const invalid = (pointer: string, detail: string) => fieldError(pointer, detail, 'invalid-filter')

/** Parses JSON text from a query string into a filter; the pointer names the parameter. */
export function parseFilterParam(raw: string | undefined, pointer: string): unknown {
  if (raw === undefined || raw === '') return undefined
  try {
    return JSON.parse(raw)
  } catch {
    throw invalid(pointer, 'must be URL-encoded JSON')
  }
}

/** Compiles a filter to a boolean SQL expression on `object`'s table, or throws invalid-filter. */
export function compileFilter(
  object: ObjectMeta, filter: unknown, metadata: WorkspaceMetadata, ctx: FilterContext, pointer = '/filter', access?: FilterAccess,
): RawBuilder<boolean> {
  return compileNode(object, filter, { metadata, ctx, nodes: 0, access }, pointer, 0)
}

/** The target of a relation as the caller sees it, plus its visible-records condition. */
function relationTarget(field: FieldMeta, state: CompileState, pointer: string): { target: ObjectMeta; full: ObjectMeta; scope: RawBuilder<boolean> } {
  const full = state.metadata.objects.get(field.options.relation!.target)!
  if (!state.access) return { target: full, full, scope: sql<boolean>`1 = 1` }
  const target = state.access.view(full)
  if (!target) throw invalid(`${pointer}/field`, `${field.apiName} cannot be filtered by your role`)
  return { target, full, scope: state.access.scope(full) ?? sql<boolean>`1 = 1` }
}

function compileNode(object: ObjectMeta, node: unknown, state: CompileState, pointer: string, depth: number): RawBuilder<boolean> {
  if (++state.nodes > MAX_FILTER_NODES) throw invalid(pointer, `a filter may have at most ${MAX_FILTER_NODES} conditions`)
  if (depth > MAX_FILTER_DEPTH) throw invalid(pointer, `a filter may nest at most ${MAX_FILTER_DEPTH} levels`)
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw invalid(pointer, 'must be an object')
  const keys = Object.keys(node)
  const record = node as Record<string, unknown>
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const list = record[keys[0]]
    if (!Array.isArray(list) || list.length === 0) throw invalid(`${pointer}/${keys[0]}`, 'must be a non-empty array')
    const parts = list.map((child, i) => compileNode(object, child, state, `${pointer}/${keys[0]}/${i}`, depth + 1))
    return sql<boolean>`(${sql.join(parts, keys[0] === 'and' ? sql` and ` : sql` or `)})`
  }
  if (keys.length === 1 && keys[0] === 'not') {
    return sql<boolean>`not (${compileNode(object, record.not, state, `${pointer}/not`, depth + 1)})`
  }
  const unknown = keys.filter((k) => k !== 'field' && k !== 'op' && k !== 'value')
  if (unknown.length) throw invalid(`${pointer}/${unknown[0]}`, 'is not a filter key (use and, or, not, or field/op/value)')
  if (typeof record.field !== 'string') throw invalid(`${pointer}/field`, 'must be a field name')
  if (typeof record.op !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(record.op)) {
    throw invalid(`${pointer}/op`, `must be one of ${FILTER_OPERATORS.join(', ')}`)
  }
  try {
    return compileLeaf(object, record.field, record.op as FilterOperator, record.value, state, pointer)
  } catch (error) {
    if (error instanceof InvalidValue) throw invalid(`${pointer}/value`, error.message)
    throw error
  }
}

const SYSTEM_FILTERS: Record<string, { column: string; kind: 'id' | 'time' | 'text' }> = {
  id: { column: 'id', kind: 'id' },
  createdAt: { column: 'created_at', kind: 'time' },
  updatedAt: { column: 'updated_at', kind: 'time' },
  ownerId: { column: 'owner_id', kind: 'text' },
  createdBy: { column: 'created_by', kind: 'text' },
}

function requireOperator(allowed: readonly FilterOperator[], op: FilterOperator, pointer: string, what: string): void {
  if (!allowed.includes(op)) throw invalid(`${pointer}/op`, `${op} is not available on ${what}; use ${allowed.join(', ')}`)
}

function compileLeaf(object: ObjectMeta, path: string, op: FilterOperator, value: unknown, state: CompileState, pointer: string): RawBuilder<boolean> {
  const [head, sub, ...rest] = path.split('.')
  if (rest.length) throw invalid(`${pointer}/field`, 'paths go one level deep (company.name)')
  const system = SYSTEM_FILTERS[head]
  if (system && sub === undefined) {
    const allowed = system.kind === 'time' ? ORDERED_OPERATORS : EQUALITY_OPERATORS
    requireOperator(allowed, op, pointer, head)
    const toParam = system.kind === 'time' ? (v: unknown) => state.ctx.dialect.toDb('timestamp', coerceDateTime(null as never, v))
      : system.kind === 'id' ? coerceId : (v: unknown) => { if (typeof v !== 'string') throw new InvalidValue('must be a string'); return v }
    return compareColumn(column(system.column), op, value, toParam, state.ctx)
  }
  const field = object.fieldsByName.get(head)
  if (!field) throw invalid(`${pointer}/field`, `${object.apiName} has no field ${JSON.stringify(head.slice(0, 100))}`)
  if (sub === undefined) {
    if (field.type === 'relation' || field.type === 'links') return compileRelationIds(object, field, op, value, state, pointer)
    requireOperator(handlerOf(field.type).operators, op, pointer, `${field.type} fields`)
    return handlerOf(field.type).filter(field, op, value, state.ctx)
  }
  const part = compositeSubfield(field, sub)
  if (part) {
    const allowed = SUBFIELD_OPERATORS[part.kind === 'double' ? 'double' : 'text']
    requireOperator(allowed, op, pointer, path)
    const toParam = part.kind === 'double'
      ? (v: unknown) => { if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidValue('must be a number'); return v }
      : (v: unknown) => { if (typeof v !== 'string' || v.length > 1000) throw new InvalidValue('must be a string'); return v }
    return compareColumn(column(part.name), op, value, toParam, state.ctx)
  }
  if (field.type !== 'relation') throw invalid(`${pointer}/field`, `${head} has no part ${JSON.stringify(sub.slice(0, 100))}`)
  const { target, full, scope } = relationTarget(field, state, pointer)
  const inner = compileLeaf(target, sub, op, value, state, pointer)
  const match = relatedRecordsMatch(object, field, full, sql`select id from ${sql.table(target.tableName)} where deleted_at is null and ${scope} and ${inner}`, state)
  if (!isManyToOne(field)) return match
  // Paths are two-valued: without a related record `company.name neq X` is true (as `neq` is
  // true for an empty value) and every other operator is false, so NOT behaves predictably.
  const fk = column(field.columnName!)
  return NULL_INCLUSIVE_OPERATORS.has(op) ? sql<boolean>`(${fk} is null or ${match})` : sql<boolean>`(${fk} is not null and ${match})`
}

const NULL_INCLUSIVE_OPERATORS = new Set<FilterOperator>(['neq', 'nin', 'isNull'])

/** `field eq <id>` / `in` / `isNull` on a relation, whatever its kind. */
function compileRelationIds(object: ObjectMeta, field: FieldMeta, op: FilterOperator, value: unknown, state: CompileState, pointer: string): RawBuilder<boolean> {
  if (isManyToOne(field)) {
    requireOperator(EQUALITY_OPERATORS, op, pointer, 'relations')
    return handlerOf(field.type).filter(field, op, value, state.ctx)
  }
  requireOperator(['eq', 'in', 'isNull', 'isNotNull'], op, pointer, 'to-many relations')
  if (op === 'isNull' || op === 'isNotNull') {
    const any = relatedIds(object, field, null, state)
    return op === 'isNull' ? sql<boolean>`not (${any})` : any
  }
  const ids = op === 'eq' ? [coerceId(value)] : (() => {
    if (!Array.isArray(value) || value.length === 0 || value.length > 500) throw new InvalidValue('must be an array of 1 to 500 ids')
    return value.map(coerceId)
  })()
  return relatedIds(object, field, ids, state)
}

/** True when the record has a related record whose id is in `ids` (any related record when null). */
function relatedIds(object: ObjectMeta, field: FieldMeta, ids: string[] | null, state: CompileState): RawBuilder<boolean> {
  if (field.type === 'links') {
    const match = ids ? sql`and target_id in (${sql.join(ids)})` : sql``
    return sql<boolean>`id in (select source_id from record_links where field_id = ${field.id} ${match})`
  }
  const { full: target, scope } = relationTarget(field, state, '')
  const idSet = ids ? sql`select id from ${sql.table(target.tableName)} where deleted_at is null and ${scope} and id in (${sql.join(ids)})`
    : sql`select id from ${sql.table(target.tableName)} where deleted_at is null and ${scope}`
  return relatedRecordsMatch(object, field, target, idSet, state)
}

/** The record relates (through `field`) to at least one record whose id `targetIds` selects. */
function relatedRecordsMatch(object: ObjectMeta, field: FieldMeta, target: ObjectMeta, targetIds: RawBuilder<unknown>, _state: CompileState): RawBuilder<boolean> {
  const relation = field.options.relation!
  if (relation.kind === 'manyToOne') return sql<boolean>`${column(field.columnName!)} in (${targetIds})`
  if (relation.kind === 'oneToMany') {
    const back = target.fieldsByName.get(relation.inverseName ?? '')
    if (!back?.columnName) throw new AppError('internal-error', `relation ${object.apiName}.${field.apiName} has no inverse column`)
    // `is not null` keeps IN from turning "no match" into unknown, which NOT would keep unknown.
    return sql<boolean>`id in (select ${column(back.columnName)} from ${sql.table(target.tableName)} where deleted_at is null and ${column(back.columnName)} is not null and id in (${targetIds}))`
  }
  const junction = junctionOf(field)
  return sql<boolean>`id in (select ${column(junction.sourceColumn)} from ${sql.table(junction.table)} where ${column(junction.targetColumn)} in (${targetIds}))`
}
