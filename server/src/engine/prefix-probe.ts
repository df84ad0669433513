/**
 * Which case variants of a `startsWith` prefix occur in the data at all. `startsWith 'k'` must
 * match "Kim", "kim" and "\u212Aim" (prefix-range.ts), so its index range spans from "K" to
 * past "k" — everything from "L" to "j" in between. A page that fills up stops early, but the
 * last page (and a prefix with few matches) walks that whole gap. One round trip of index
 * probes drops the variants no row starts with, which usually leaves the single tight range.
 * A probe runs only when the column has its (column, id) index — on a bare column it would
 * be a table scan — and a CASE keeps both engines from evaluating it otherwise.
 */
import { sql, type RawBuilder } from 'kysely'
import type { WorkspaceDb } from '../db/database.js'
import { nextCodePoint, prefixRange } from './fields/prefix-range.js'
import type { ObjectMeta } from './metadata-types.js'
import { indexName } from './naming.js'

/** Column name → the first characters some row's value starts with (probed columns only). */
export type OccupiedFirsts = ReadonlyMap<string, ReadonlySet<string>>

const PROBED_TYPES = new Set(['text', 'email', 'url', 'phone'])
const MAX_PROBES = 12
const MAX_WALK_NODES = 200

interface Probe { column: string; first: string }

/** The startsWith conditions of a (not yet validated) filter on this object's own columns. */
function startsWithProbes(object: ObjectMeta, filter: unknown): Probe[] {
  const probes: Probe[] = []
  let visited = 0
  const walk = (node: unknown): void => {
    if (++visited > MAX_WALK_NODES || typeof node !== 'object' || node === null) return
    const record = node as Record<string, unknown>
    for (const key of ['and', 'or'] as const) if (Array.isArray(record[key])) (record[key] as unknown[]).forEach(walk)
    if (record.not !== undefined) walk(record.not)
    if (record.op !== 'startsWith' || typeof record.field !== 'string' || typeof record.value !== 'string' || !record.value) return
    const field = object.fieldsByName.get(record.field)
    if (!field?.columnName || !PROBED_TYPES.has(field.type)) return
    const range = prefixRange(record.value)
    if (!range || range.firsts.length < 2) return
    for (const first of range.firsts) probes.push({ column: field.columnName, first })
  }
  walk(filter)
  const unique = new Map(probes.map((p) => [`${p.column}\u0000${p.first}`, p]))
  return [...unique.values()].slice(0, MAX_PROBES)
}

function indexExists(ws: WorkspaceDb, name: string): RawBuilder<unknown> {
  return ws.dialect.name === 'sqlite'
    ? sql`exists (select 1 from sqlite_master where type = 'index' and name = ${name})`
    : sql`(to_regclass(${name}) is not null)` // resolved on the search path: the workspace schema
}

export async function occupiedFirsts(ws: WorkspaceDb, object: ObjectMeta, filter: unknown): Promise<OccupiedFirsts> {
  const probes = startsWithProbes(object, filter)
  if (!probes.length) return new Map()
  const table = sql.table(object.tableName)
  const cells = probes.map((p, i) => {
    const column = sql.ref(p.column)
    const indexed = indexExists(ws, indexName('ix', object.tableName, [p.column, 'id']))
    const occupied = sql`exists (select 1 from ${table} where ${column} >= ${p.first} and ${column} < ${nextCodePoint(p.first)})`
    // 1 when there is no index: without a cheap answer the variant stays in.
    return sql`case when ${indexed} then (case when ${occupied} then 1 else 0 end) else 1 end as ${sql.ref(`p${i}`)}`
  })
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(cells)}`.execute(ws.db)
  const answer = rows[0] ?? {}
  const result = new Map<string, Set<string>>()
  probes.forEach((p, i) => {
    const set = result.get(p.column) ?? new Set<string>()
    if (Number(answer[`p${i}`]) === 1) set.add(p.first)
    result.set(p.column, set)
  })
  return result
}
