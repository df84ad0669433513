/**
 * A plan hint for lists under private sharing on SQLite.
 *
 * SQLite serves `owner_id in (…) or id in (shares)` from the owner index: it fetches every row
 * the caller may see, then sorts them. For a manager who sees 17,000 of 1,000,000 people that
 * is 17,000 row reads for one page of 50 (bench/permissions.ts: 29 ms against 1.8 ms). Walking
 * the sort's index instead and testing the scope on each row finds a page after about
 * (limit + 1) × total / visible rows, which is cheaper once visible² > (limit + 1) × total.
 * When it is, the scope is written so no index can serve it and the planner walks the sort.
 *
 * The counts are estimates, refreshed every minute: they only pick a plan, never change an
 * answer, so a stale count costs time, not correctness.
 */
import { sql, type RawBuilder } from 'kysely'
import type { WorkspaceDb } from '../db/database.js'
import type { ObjectMeta } from './metadata-types.js'
import type { RecordContext } from './records.js'
import { scopeOf } from './record-access.js'

const TTL_MS = 60_000
const MAX_ENTRIES = 2000

class ExpiringCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; at: number }>()
  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now()
    const hit = this.entries.get(key)
    if (hit && now - hit.at < TTL_MS) return hit.value
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear()
    const value = load()
    value.catch(() => this.entries.delete(key))
    this.entries.set(key, { value, at: now })
    return value
  }
}

const leadingIndexColumns = new ExpiringCache<Set<string>>()
const rowEstimates = new ExpiringCache<number>()
const visibleCounts = new ExpiringCache<number>()

/** Columns that lead some index of the table, so an ordered walk on them is possible. */
function indexedLeaders(ws: WorkspaceDb, table: string): Promise<Set<string>> {
  return leadingIndexColumns.get(`${ws.workspaceId}|${table}`, async () => {
    const indexes = await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(ws.db)
    const leaders = new Set<string>()
    for (const { name } of indexes.rows) {
      const first = await sql<{ name: string }>`select name from pragma_index_info(${name}) where seqno = 0`.execute(ws.db)
      if (first.rows[0]?.name) leaders.add(first.rows[0].name)
    }
    return leaders
  })
}

/** Rows in the table, estimated from the largest rowid (record tables are never WITHOUT ROWID). */
function estimatedRows(ws: WorkspaceDb, table: string): Promise<number> {
  return rowEstimates.get(`${ws.workspaceId}|${table}`, async () => {
    const result = await sql<{ n: number | null }>`select max(rowid) as n from ${sql.table(table)}`.execute(ws.db)
    return Number(result.rows[0]?.n ?? 0)
  })
}

/** Rows the scope admits, counted up to `cap` (the count only has to reach the threshold). */
function visibleRows(ws: WorkspaceDb, table: string, scope: RawBuilder<boolean>, cap: number): Promise<number> {
  const compiled = scope.compile(ws.db)
  const key = `${ws.workspaceId}|${table}|${cap}|${compiled.sql}|${JSON.stringify(compiled.parameters)}`
  return visibleCounts.get(key, async () => {
    const result = await sql<{ n: number }>`select count(*) as n from (select 1 from ${sql.table(table)} where ${scope} limit ${cap})`.execute(ws.db)
    return Number(result.rows[0]?.n ?? 0)
  })
}

/** The read scope for one list page, written for the plan that finds the page fastest. */
export async function listScope(ctx: RecordContext, object: ObjectMeta, leadingSortColumn: string, limit: number): Promise<RawBuilder<boolean> | null> {
  const scope = scopeOf(ctx, object, 'read')
  if (!scope || ctx.ws.dialect.name !== 'sqlite') return scope
  if (!(await indexedLeaders(ctx.ws, object.tableName)).has(leadingSortColumn)) return scope
  const total = await estimatedRows(ctx.ws, object.tableName)
  const threshold = Math.ceil(Math.sqrt((limit + 1) * total))
  const visible = await visibleRows(ctx.ws, object.tableName, scope, threshold + 1)
  return visible > threshold ? scopeOf(ctx, object, 'read', { unindexed: true }) : scope
}
