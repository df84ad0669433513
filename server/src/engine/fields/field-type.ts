import type { RawBuilder } from 'kysely'
import type { FilterOperator } from '../../../../contracts/field-types.js'
import type { ColumnKind, SqlDialect } from '../../db/dialects/sql-dialect.js'
import type { FieldMeta } from '../metadata-types.js'

export interface ColumnSpec {
  name: string
  kind: ColumnKind
}

/** Context a field type needs to parse input: defaults that come from the workspace. */
export interface ParseContext {
  defaultCountry: string
  defaultCurrency: string
}

/** Thrown by a field type when a value is wrong; the engine adds the JSON pointer. */
export class InvalidValue extends Error {}

/**
 * What one field type knows: its columns, how API values become column values and back, which
 * filter operators it supports and how one compiles. The engine switches on the field type
 * through this registry and never on an object's name.
 */
export interface FieldTypeHandler {
  /** Physical columns; an empty list means the field is virtual (stored elsewhere). */
  columns(field: FieldMeta): ColumnSpec[]
  /** API value → column values; `null` clears. Throws InvalidValue. */
  parse(field: FieldMeta, value: unknown, ctx: ParseContext): Record<string, unknown>
  /** Column values (already converted by the dialect) → API value. */
  format(field: FieldMeta, row: Record<string, unknown>): unknown
  operators: readonly FilterOperator[]
  /** Compiles one filter leaf. `value` is the raw operand from the request. */
  filter(field: FieldMeta, op: FilterOperator, value: unknown, ctx: FilterContext): RawBuilder<boolean>
  /** The column a sort on this field orders by, or null when it cannot be sorted. */
  sortColumn(field: FieldMeta): ColumnSpec | null
  /** Text for the search index, or '' when there is nothing to index. */
  searchText(field: FieldMeta, apiValue: unknown): string
  /** JSON Schema of the API value, for OpenAPI. */
  jsonSchema(field: FieldMeta): Record<string, unknown>
}

export interface FilterContext {
  dialect: SqlDialect
  parse: ParseContext
  /** Case variants of startsWith prefixes that occur per column (prefix-probe.ts); absent = all may. */
  occupiedFirsts?: ReadonlyMap<string, ReadonlySet<string>>
}
