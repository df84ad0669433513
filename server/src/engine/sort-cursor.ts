/**
 * @module engine/sort-cursor
 * Multi-key sorts and keyset pagination. Every sort ends with `id` so the order is total; the
 * cursor carries the last row's sort values, is signed (HMAC) so a tampered cursor answers 400
 * instead of running odd SQL, and is bound to the sort it was made for. Nulls sort first
 * ascending on both dialects (Postgres indexes are built NULLS FIRST to match SQLite).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'
import type { ColumnKind, SqlDialect } from '../db/dialects/sql-dialect.js'
import { fieldError } from '../errors.js'
import { handlerOf } from './fields/registry.js'
import type { ObjectMeta } from './metadata-types.js'

export interface SortKey {
  field: string
  dir: 'asc' | 'desc'
}

export interface ResolvedSortKey extends SortKey {
  column: string
  kind: ColumnKind
  nullable: boolean
}

export const MAX_SORT_KEYS = 5
export const DEFAULT_SORT: SortKey[] = [{ field: 'createdAt', dir: 'desc' }]

const SYSTEM_SORTS: Record<string, { column: string; kind: ColumnKind }> = {
  createdAt: { column: 'created_at', kind: 'timestamp' },
  updatedAt: { column: 'updated_at', kind: 'timestamp' },
}

const invalidSort = (pointer: string, detail: string) => fieldError(pointer, detail, 'invalid-sort')

/** Validates a sort against metadata and appends the `id` tie-break. */
export function resolveSort(object: ObjectMeta, sort: unknown, pointer = '/sort'): ResolvedSortKey[] {
  const keys = sort === undefined ? DEFAULT_SORT : sort
  if (!Array.isArray(keys)) throw invalidSort(pointer, 'must be an array of {field, dir}')
  if (keys.length > MAX_SORT_KEYS) throw invalidSort(pointer, `at most ${MAX_SORT_KEYS} sort keys`)
  const resolved: ResolvedSortKey[] = []
  keys.forEach((key, i) => {
    const at = `${pointer}/${i}`
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidSort(at, 'must be {field, dir}')
    const { field, dir = 'asc', ...rest } = key as Record<string, unknown>
    if (Object.keys(rest).length) throw invalidSort(`${at}/${Object.keys(rest)[0]}`, 'is not a sort key property')
    if (dir !== 'asc' && dir !== 'desc') throw invalidSort(`${at}/dir`, 'must be asc or desc')
    if (typeof field !== 'string') throw invalidSort(`${at}/field`, 'must be a field name')
    if (field === 'id') return
    const system = SYSTEM_SORTS[field]
    const meta = object.fieldsByName.get(field)
    const fieldColumn = meta ? handlerOf(meta.type).sortColumn(meta) : null
    const spec = system ?? (fieldColumn ? { column: fieldColumn.name, kind: fieldColumn.kind } : null)
    if (!spec) throw invalidSort(`${at}/field`, meta ? `${field} cannot be sorted` : `${object.apiName} has no field ${JSON.stringify(field.slice(0, 100))}`)
    if (resolved.some((k) => k.column === spec.column)) throw invalidSort(`${at}/field`, 'appears twice')
    resolved.push({ field, dir, column: spec.column, kind: spec.kind, nullable: !system })
  })
  const lastDir = resolved.at(-1)?.dir ?? 'desc'
  resolved.push({ field: 'id', dir: lastDir, column: 'id', kind: 'text', nullable: false })
  return resolved
}

export function orderBy(keys: ResolvedSortKey[], dialect: SqlDialect): RawBuilder<unknown> {
  const parts = keys.map((k) => {
    const nulls = !k.nullable || dialect.name === 'sqlite' ? sql`` : k.dir === 'asc' ? sql` nulls first` : sql` nulls last`
    return sql`${sql.ref(k.column)} ${sql.raw(k.dir)}${nulls}`
  })
  return sql.join(parts)
}

interface CursorPayload {
  /** Fingerprint of the sort the cursor belongs to. */
  s: string
  /** Last row's values, one per key (id last), as stored (bigints as strings). */
  v: unknown[]
}

export interface CursorCodec {
  encode(keys: ResolvedSortKey[], row: Record<string, unknown>): string
  decode(keys: ResolvedSortKey[], cursor: string, pointer: string): unknown[]
}

const sortFingerprint = (keys: ResolvedSortKey[]) => keys.map((k) => `${k.column}:${k.dir}`).join(',')
const MAX_CURSOR_LENGTH = 4096

export function createCursorCodec(secret: string): CursorCodec {
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22)
  return {
    encode(keys, row) {
      const payload: CursorPayload = { s: sortFingerprint(keys), v: keys.map((k) => serialize(row[k.column])) }
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
      return `${body}.${sign(body)}`
    },
    decode(keys, cursor, pointer) {
      const [body, signature, extra] = cursor.length > MAX_CURSOR_LENGTH ? [] : cursor.split('.')
      const expected = body ? sign(body) : ''
      if (!body || !signature || extra !== undefined || signature.length !== expected.length ||
        !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
        throw fieldError(pointer, 'is not a cursor this server issued', 'invalid-cursor')
      }
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload
      if (payload.s !== sortFingerprint(keys) || payload.v.length !== keys.length) {
        throw fieldError(pointer, 'belongs to a different sort; start again without a cursor', 'invalid-cursor')
      }
      return payload.v
    },
  }
}

function serialize(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  return value ?? null
}

/**
 * Rows strictly after the cursor row in the sort order. With nulls smallest:
 * asc after v → k > v; asc after null → k is not null; desc after v → k < v or k is null;
 * desc after null → nothing. When no value is null and all keys share a direction the
 * predicate is one row-value comparison, which both engines answer with an index seek.
 */
export function afterCursor(keys: ResolvedSortKey[], values: unknown[], dialect: SqlDialect): RawBuilder<boolean> {
  const params = values.map((v, i) => (v === null ? null : dialect.toDb(keys[i].kind, keys[i].kind === 'bigint' ? BigInt(v as string) : v)))
  const after = rowsAfter(keys, params)
  const bound = leadingBound(keys[0], params[0])
  return bound ? sql<boolean>`(${bound} and ${after})` : after
}

/**
 * A plain bound on the first sort key, implied by the full predicate. Neither planner seeks an
 * index with a row-value or OR predicate whose columns the index does not fully cover, and a
 * filter's own range (startsWith) would otherwise make every page rescan from its start.
 */
function leadingBound(key: ResolvedSortKey, param: unknown): RawBuilder<unknown> | null {
  if (param === null) return null
  if (key.dir === 'asc') return sql`${sql.ref(key.column)} >= ${param}`
  return key.nullable ? null : sql`${sql.ref(key.column)} <= ${param}`
}

function rowsAfter(keys: ResolvedSortKey[], params: unknown[]): RawBuilder<boolean> {
  const sameDir = keys.every((k) => k.dir === keys[0].dir)
  if (sameDir && params.every((p) => p !== null)) {
    const cmp = keys[0].dir === 'asc' ? sql.raw('>') : sql.raw('<')
    const row = sql`(${sql.join(keys.map((k) => sql.ref(k.column)))}) ${cmp} (${sql.join(params)})`
    if (keys[0].dir === 'asc') return sql<boolean>`${row}`
    // Descending, nulls come last: rows with a null in a nullable key after an equal prefix follow too.
    const nullTails = keys.flatMap((k, i) => (k.nullable ? [sql`(${equalPrefix(keys, params, i)} ${sql.ref(k.column)} is null)`] : []))
    return nullTails.length ? sql<boolean>`(${row} or ${sql.join(nullTails, sql` or `)})` : sql<boolean>`${row}`
  }
  const branches = keys.map((k, i) => {
    const after = stepAfter(k, params[i])
    return after ? sql`(${equalPrefix(keys, params, i)} ${after})` : null
  }).filter((b): b is NonNullable<typeof b> => b !== null)
  return branches.length ? sql<boolean>`(${sql.join(branches, sql` or `)})` : sql<boolean>`1 = 0`
}

function equalPrefix(keys: ResolvedSortKey[], params: unknown[], upTo: number): RawBuilder<unknown> {
  const parts = keys.slice(0, upTo).map((k, j) => (params[j] === null ? sql`${sql.ref(k.column)} is null and ` : sql`${sql.ref(k.column)} = ${params[j]} and `))
  return sql.join(parts, sql``)
}

function stepAfter(key: ResolvedSortKey, param: unknown): RawBuilder<unknown> | null {
  const col = sql.ref(key.column)
  if (key.dir === 'asc') return param === null ? sql`${col} is not null` : sql`${col} > ${param}`
  return param === null ? null : key.nullable ? sql`(${col} < ${param} or ${col} is null)` : sql`${col} < ${param}`
}
