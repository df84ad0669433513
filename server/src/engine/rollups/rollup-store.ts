/**
 * @module engine/rollups/rollup-store
 * Declared rollups of a workspace (table `rollups`) and their builds. Declaring a shape is
 * idempotent; the build runs in the background — one at a time per workspace — so that every
 * write is counted exactly once: on PostgreSQL the table, triggers and fill are one transaction
 * (CREATE TRIGGER keeps writers out until it commits); on SQLite a worker groups a snapshot
 * taken exactly when the triggers start counting (rollup-build-worker.ts) while the server's own
 * connection does the two short writes. Until a rollup is `ready`, readers use the live query.
 */
import { Worker } from 'node:worker_threads'
import { CompiledQuery, sql, type Kysely } from 'kysely'
import type { WorkspaceDb } from '../../db/database.js'
import type { BuildReply, BuildRequest } from './rollup-build-worker.js'
import { rollupDdl, rollupTable, type RollupDdl } from './rollup-ddl.js'
import { rollupIdOf, specKey, type RollupSpec } from './rollup-shape.js'

export type RollupStatus = 'pending' | 'building' | 'ready' | 'failed'

export interface StoredRollup {
  id: string
  object: string
  spec: RollupSpec
  status: RollupStatus
  /** Rows in the rollup table (combinations present) once built. */
  rowCount: number | null
  /** Live records counted when it was filled. */
  sourceRows: number | null
  buildMs: number | null
  error: string | null
  createdAt: string
  builtAt: string | null
}

type Row = Record<string, unknown>

function fromRow(ws: WorkspaceDb, row: Row): StoredRollup {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  const ts = (v: unknown) => (v === null || v === undefined ? null : String(ws.dialect.fromDb('timestamp', v)))
  return {
    id: String(row.id), object: String(row.object), spec: ws.dialect.fromDb('json', row.spec) as RollupSpec, status: row.status as RollupStatus,
    rowCount: num(row.row_count), sourceRows: num(row.source_rows), buildMs: num(row.build_ms), error: (row.error as string | null) ?? null,
    createdAt: ts(row.created_at)!, builtAt: ts(row.built_at),
  }
}

export async function listRollups(ws: WorkspaceDb, object?: string): Promise<StoredRollup[]> {
  let query = ws.db.selectFrom('rollups').selectAll().orderBy('created_at').orderBy('id')
  if (object) query = query.where('object', '=', object)
  return (await query.execute()).map((row) => fromRow(ws, row as Row))
}

/** Builds queued or running, per workspace, so a workspace builds one rollup at a time. */
const queues = new Map<string, Promise<void>>()
const queued = new Set<string>()

async function runBuild(ws: WorkspaceDb, rollup: StoredRollup): Promise<void> {
  // The caller's copy may be stale: a build queued from a listing taken while an earlier build of
  // the same rollup was finishing must not run again (it would fail on the existing table and
  // mark a ready rollup failed).
  const current = await ws.db.selectFrom('rollups').select('status').where('id', '=', rollup.id).executeTakeFirst()
  if (current?.status !== 'pending' && current?.status !== 'building') return
  const started = performance.now()
  await ws.db.updateTable('rollups').set({ status: 'building', error: null }).where('id', '=', rollup.id).execute()
  const ddl = rollupDdl(ws.dialect.name, ws.schema, rollup.id, rollup.spec)
  const table = rollupTable(rollup.id)
  let counts: { rows: number; records: number }
  try {
    if (ws.sqliteFile) {
      counts = await buildSqlite(ws, ddl, rollup.spec.table, table)
    } else {
      counts = await ws.db.transaction().execute(async (trx) => {
        // What a build stopped after its commit left (a status still `building`) goes first.
        for (const statement of [...ddl.drop, ...ddl.create]) await sql.raw(statement).execute(trx)
        await sql.raw(ddl.fill).execute(trx)
        return totals(trx, table)
      })
    }
  } catch (error) {
    await ws.db.updateTable('rollups').set({ status: 'failed', error: (error instanceof Error ? error.message : String(error)).slice(0, 500) }).where('id', '=', rollup.id).execute()
    return
  }
  await ws.db.updateTable('rollups').set({
    status: 'ready', row_count: counts.rows, source_rows: counts.records, build_ms: Math.round(performance.now() - started),
    built_at: ws.dialect.toDb('timestamp', new Date().toISOString()),
  }).where('id', '=', rollup.id).execute()
}

/** Bound parameters per merge statement, under SQLite's limit of 32,766. */
const MAX_PARAMETERS = 30_000

/** Totals of a filled rollup table: its rows and the records they count. */
async function totals(db: Kysely<any>, table: string): Promise<{ rows: number; records: number }> {
  const r = await sql<{ rows: unknown; records: unknown }>`select count(*) as "rows", coalesce(sum("n"), 0) as "records" from ${sql.table(table)}`.execute(db)
  return { rows: Number(r.rows[0].rows), records: Number(r.rows[0].records) }
}

/**
 * SQLite: table and triggers created, and later the snapshot's counts merged, on the server's own
 * connection (so no other connection's commit can break a server transaction); the snapshot read
 * and grouped by a worker (rollup-build-worker.ts explains the order of steps).
 */
async function buildSqlite(ws: WorkspaceDb, ddl: RollupDdl, source: string, table: string): Promise<{ rows: number; records: number }> {
  const worker = new Worker(new URL('./rollup-build-worker.js', import.meta.url), { workerData: { file: ws.sqliteFile, source, snapshot: ddl.snapshot } })
  const ask = (request: BuildRequest) => new Promise<unknown[][]>((resolve, reject) => {
    const onError = (error: Error) => reject(error)
    worker.once('error', onError)
    worker.once('message', (message: BuildReply) => {
      worker.off('error', onError)
      if (message.ok) resolve(message.rows ?? [])
      else reject(new Error(message.message))
    })
    worker.postMessage(request)
  })
  try {
    await ws.db.transaction().execute(async (trx) => {
      for (const statement of [...ddl.drop, ...ddl.create]) await sql.raw(statement).execute(trx)
      await ask({ step: 'snapshot' })
    })
    const counted = await ask({ step: 'count' })
    return await ws.db.transaction().execute(async (trx) => {
      // Many rows per statement: this holds the server's connection, so it should be short.
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, counted[0]?.length ?? 1)))
      for (let start = 0; start < counted.length; start += perStatement) {
        const chunk = counted.slice(start, start + perStatement)
        await trx.executeQuery(CompiledQuery.raw(ddl.merge!(chunk.length), chunk.flat()))
      }
      await sql.raw(ddl.prune!).execute(trx)
      return totals(trx, table)
    })
  } finally {
    await worker.terminate()
  }
}

/** Queues the build of a rollup not yet built (also one left `building` by a stopped server). */
export function ensureBuilt(ws: WorkspaceDb, rollup: StoredRollup): void {
  const key = `${ws.workspaceId}/${rollup.id}`
  if ((rollup.status !== 'pending' && rollup.status !== 'building') || queued.has(key)) return
  queued.add(key)
  const next = (queues.get(ws.workspaceId) ?? Promise.resolve())
    .then(() => runBuild(ws, rollup))
    .catch(() => undefined) // the workspace may be gone (tests drop it); the row says pending
    .finally(() => queued.delete(key))
  queues.set(ws.workspaceId, next)
}

/** Resolves when every build queued for the workspace so far has finished (tests, shutdown). */
export function buildsSettled(ws: WorkspaceDb): Promise<void> {
  return queues.get(ws.workspaceId) ?? Promise.resolve()
}

/** Declares a rollup of `spec` over `object` (once per shape) and queues its build. */
export async function declareRollup(ws: WorkspaceDb, object: string, spec: RollupSpec): Promise<StoredRollup> {
  const id = rollupIdOf(spec)
  await ws.db.insertInto('rollups').values({
    id, object, spec_key: specKey(spec), spec: ws.dialect.toDb('json', spec), status: 'pending',
    created_at: ws.dialect.toDb('timestamp', new Date().toISOString()),
  }).onConflict((c) => c.column('id').doNothing()).execute()
  const stored = (await ws.db.selectFrom('rollups').selectAll().where('id', '=', id).execute()).map((r) => fromRow(ws, r as Row))[0]
  ensureBuilt(ws, stored)
  return stored
}

/**
 * Drops every rollup over `table` (its triggers, table and row) inside the caller's
 * transaction: before a column of the table is dropped or the table goes, since a trigger
 * naming a missing column would fail every write. Dashboards declare them again on next use.
 */
export async function dropRollupsOn(ws: WorkspaceDb, table: string, db = ws.db): Promise<void> {
  const rollups = (await db.selectFrom('rollups').selectAll().execute()).map((r) => fromRow(ws, r as Row)).filter((r) => r.spec.table === table)
  for (const rollup of rollups) {
    for (const statement of rollupDdl(ws.dialect.name, ws.schema, rollup.id, rollup.spec).drop) await sql.raw(statement).execute(db)
    await db.deleteFrom('rollups').where('id', '=', rollup.id).execute()
  }
}
