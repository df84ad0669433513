import { sql, type RawBuilder } from 'kysely'
import type { FilterOperator } from '../../../../contracts/field-types.js'
import { InvalidValue, type FilterContext } from './field-type.js'
import { nextCodePoint, prefixRange } from './prefix-range.js'

/** Most values a list operator (`in`, `nin`) accepts; bounds the SQL a request can produce. */
export const MAX_IN_VALUES = 500

export const ORDERED_OPERATORS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'between', 'isNull', 'isNotNull'] as const satisfies readonly FilterOperator[]
export const TEXT_OPERATORS = [...ORDERED_OPERATORS, 'contains', 'startsWith'] as const satisfies readonly FilterOperator[]
export const EQUALITY_OPERATORS = ['eq', 'neq', 'in', 'nin', 'isNull', 'isNotNull'] as const satisfies readonly FilterOperator[]

/** Escapes LIKE wildcards so user text matches literally (we use `\` as the escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function asList(value: unknown, toParam: (v: unknown) => unknown): unknown[] {
  if (!Array.isArray(value)) throw new InvalidValue('must be an array')
  if (value.length === 0) throw new InvalidValue('must not be empty')
  if (value.length > MAX_IN_VALUES) throw new InvalidValue(`must have at most ${MAX_IN_VALUES} values`)
  return value.map(toParam)
}

function assertNoOperand(value: unknown): void {
  if (value !== undefined && value !== null && value !== true) throw new InvalidValue('takes no value')
}

/**
 * Compiles a comparison on one column. `neq` and `nin` match empty values too (a record
 * without a stage is "not Won"), which is what users mean and what the reference evaluator does.
 */
export function compareColumn(
  column: RawBuilder<unknown>,
  op: FilterOperator,
  value: unknown,
  toParam: (v: unknown) => unknown,
  ctx: FilterContext,
  columnName?: string,
): RawBuilder<boolean> {
  switch (op) {
    case 'eq': return sql<boolean>`${column} = ${toParam(value)}`
    case 'neq': return sql<boolean>`(${column} <> ${toParam(value)} or ${column} is null)`
    case 'lt': return sql<boolean>`${column} < ${toParam(value)}`
    case 'lte': return sql<boolean>`${column} <= ${toParam(value)}`
    case 'gt': return sql<boolean>`${column} > ${toParam(value)}`
    case 'gte': return sql<boolean>`${column} >= ${toParam(value)}`
    case 'in': return sql<boolean>`${column} in (${sql.join(asList(value, toParam))})`
    case 'nin': return sql<boolean>`(${column} not in (${sql.join(asList(value, toParam))}) or ${column} is null)`
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) throw new InvalidValue('must be [from, to]')
      return sql<boolean>`${column} between ${toParam(value[0])} and ${toParam(value[1])}`
    }
    case 'isNull': assertNoOperand(value); return sql<boolean>`${column} is null`
    case 'isNotNull': assertNoOperand(value); return sql<boolean>`${column} is not null`
    case 'contains': return ctx.dialect.likeFolded(column, `%${escapeLike(textOperand(value).toLowerCase())}%`)
    case 'startsWith': return startsWithFolded(column, textOperand(value), ctx, columnName)
  }
}

export function textOperand(value: unknown): string {
  if (typeof value !== 'string') throw new InvalidValue('must be a string')
  if (value.length === 0) throw new InvalidValue('must not be empty')
  if (value.length > 1000) throw new InvalidValue('must be at most 1000 characters')
  return value
}

export const column = (name: string): RawBuilder<unknown> => sql.ref(name)

/** Case-insensitive prefix match with an index-friendly range in front (see prefix-range.ts). */
function startsWithFolded(column: RawBuilder<unknown>, prefix: string, ctx: FilterContext, columnName?: string): RawBuilder<boolean> {
  const folded = ctx.dialect.likeFolded(column, `${escapeLike(prefix.toLowerCase())}%`)
  const range = prefixRange(prefix)
  if (!range) return folded
  // Variants no row starts with (when probed) are left out, so the range is usually one letter wide.
  const occupied = columnName ? ctx.occupiedFirsts?.get(columnName) : undefined
  const candidates = occupied ? range.firsts.filter((c) => occupied.has(c)) : range.firsts
  if (!candidates.length) return sql<boolean>`1 = 0`
  const ranges = candidates.map((c) => sql`(${column} >= ${c} and ${column} < ${nextCodePoint(c)})`)
  const anyRange = ranges.length === 1 ? ranges[0] : sql`(${sql.join(ranges, sql` or `)})`
  // A one-character prefix is exactly "starts with one of its case variants": the ranges alone
  // decide, and the planner sees the same plain range a hand-written query would have.
  if ([...prefix].length === 1) return sql<boolean>`${anyRange}`
  if (ranges.length === 1) return sql<boolean>`(${anyRange} and ${folded})`
  const low = candidates[0]
  const high = nextCodePoint(candidates.at(-1)!)
  // The outer bounds let one index range scan cover every variant; the narrow ranges and the
  // folded comparison then decide.
  return sql<boolean>`(${column} >= ${low} and ${column} < ${high} and ${anyRange} and ${folded})`
}
