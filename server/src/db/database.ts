/**
 * @module db/database
 * Opens the control store (workspaces, API keys) and each workspace's own store. SQLite: one
 * file for control and one file per workspace. PostgreSQL: schema `core` plus one schema per
 * workspace, each reached through a pool whose search_path is that schema — so every query of
 * a workspace is scoped by construction, not by remembering a WHERE clause.
 */
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { Kysely, PostgresDialect, sql } from 'kysely'
import type { SqlDialect } from './dialects/sql-dialect.js'
import { sqliteDialect } from './dialects/sqlite.js'
import { ImmediateSqliteDialect } from './sqlite-immediate.js'
import { postgresDialect } from './dialects/postgres.js'
import { migrateControl, migrateWorkspace } from './migrate.js'
import { registerSqliteHandle } from './bulk-rows.js'
import { openSqliteFile } from './sqlite-file.js'

export interface WorkspaceDb {
  readonly workspaceId: string
  readonly db: Kysely<any>
  readonly dialect: SqlDialect
  /** SQLite only: the file, so slow DDL can run on a second connection off the event loop. */
  readonly sqliteFile: string | null
  /** Postgres only: the workspace's schema. */
  readonly schema: string | null
}

export interface Database {
  readonly dialect: SqlDialect
  readonly control: Kysely<any>
  /** Opens (and caches) a workspace's store; the workspace must exist. */
  workspace(workspaceId: string): WorkspaceDb
  /** Creates the storage of a new workspace and runs its migrations. */
  createWorkspaceStorage(workspaceId: string): Promise<WorkspaceDb>
  /** Drops a workspace's storage (tests and workspace deletion). */
  dropWorkspaceStorage(workspaceId: string): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
}

/** ping and close, the same for both dialects: every open store closes with the control store. */
function lifecycle(control: Kysely<any>, open: Map<string, WorkspaceDb>): Pick<Database, 'ping' | 'close'> {
  return {
    async ping() {
      await sql`select 1`.execute(control)
    },
    async close() {
      for (const ws of open.values()) await ws.db.destroy()
      open.clear()
      await control.destroy()
    },
  }
}

const WORKSPACE_ID_PATTERN = /^[a-z0-9]{8,40}$/

function assertWorkspaceId(workspaceId: string): void {
  // The id becomes a file name or a schema name, so only server-generated shapes pass.
  if (!WORKSPACE_ID_PATTERN.test(workspaceId)) throw new Error(`invalid workspace id ${JSON.stringify(workspaceId)}`)
}

/** Long-lived connections refresh planner statistics now and then, as SQLite advises. */
const OPTIMIZE_EVERY_MS = 60 * 60_000

function sqliteKysely(file: string): Kysely<any> {
  const handle = openSqliteFile(file)
  const timer = setInterval(() => {
    if (handle.open) handle.pragma('optimize')
    else clearInterval(timer)
  }, OPTIMIZE_EVERY_MS)
  timer.unref()
  const db = new Kysely<any>({ dialect: new ImmediateSqliteDialect({ database: handle }) })
  registerSqliteHandle(db, handle)
  return db
}

export async function openSqliteDatabase(dataDir: string): Promise<Database> {
  const workspaceDir = path.join(dataDir, 'workspaces')
  fs.mkdirSync(workspaceDir, { recursive: true })
  const control = sqliteKysely(path.join(dataDir, 'control.db'))
  await migrateControl(control, sqliteDialect)
  const open = new Map<string, WorkspaceDb>()
  const fileOf = (id: string) => path.join(workspaceDir, `${id}.db`)

  const workspace = (workspaceId: string): WorkspaceDb => {
    assertWorkspaceId(workspaceId)
    let ws = open.get(workspaceId)
    if (!ws) {
      const file = fileOf(workspaceId)
      if (!fs.existsSync(file)) throw new Error(`workspace storage missing: ${workspaceId}`)
      ws = { workspaceId, db: sqliteKysely(file), dialect: sqliteDialect, sqliteFile: file, schema: null }
      open.set(workspaceId, ws)
    }
    return ws
  }

  return {
    dialect: sqliteDialect,
    control,
    workspace,
    async createWorkspaceStorage(workspaceId) {
      assertWorkspaceId(workspaceId)
      const file = fileOf(workspaceId)
      const ws: WorkspaceDb = { workspaceId, db: sqliteKysely(file), dialect: sqliteDialect, sqliteFile: file, schema: null }
      open.set(workspaceId, ws)
      await migrateWorkspace(ws.db, sqliteDialect)
      return ws
    },
    async dropWorkspaceStorage(workspaceId) {
      assertWorkspaceId(workspaceId)
      await open.get(workspaceId)?.db.destroy()
      open.delete(workspaceId)
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(fileOf(workspaceId) + suffix, { force: true })
    },
    ...lifecycle(control, open),
  }
}

// Postgres returns int8, numeric, date and timestamps as text; the dialect converts them.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value)
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => value)

const POOL_SIZE_PER_WORKSPACE = 5
const POOL_IDLE_MS = 30_000

function postgresKysely(url: string, schema: string, max = POOL_SIZE_PER_WORKSPACE): Kysely<any> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: POOL_IDLE_MS,
    options: `-c search_path=${schema}`,
  })
  // An idle client's error (server restart) must not crash the process.
  pool.on('error', () => {})
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
}

const schemaOf = (workspaceId: string) => `ws_${workspaceId}`

export async function openPostgresDatabase(url: string): Promise<Database> {
  const bootstrap = postgresKysely(url, 'public', 1)
  await sql`create schema if not exists core`.execute(bootstrap)
  await bootstrap.destroy()
  const control = postgresKysely(url, 'core', 10)
  await migrateControl(control, postgresDialect, 'core')
  const open = new Map<string, WorkspaceDb>()

  const workspace = (workspaceId: string): WorkspaceDb => {
    assertWorkspaceId(workspaceId)
    let ws = open.get(workspaceId)
    if (!ws) {
      ws = { workspaceId, db: postgresKysely(url, schemaOf(workspaceId)), dialect: postgresDialect, sqliteFile: null, schema: schemaOf(workspaceId) }
      open.set(workspaceId, ws)
    }
    return ws
  }

  return {
    dialect: postgresDialect,
    control,
    workspace,
    async createWorkspaceStorage(workspaceId) {
      assertWorkspaceId(workspaceId)
      await sql`create schema ${sql.id(schemaOf(workspaceId))}`.execute(control)
      const ws = workspace(workspaceId)
      await migrateWorkspace(ws.db, postgresDialect, schemaOf(workspaceId))
      return ws
    },
    async dropWorkspaceStorage(workspaceId) {
      assertWorkspaceId(workspaceId)
      await open.get(workspaceId)?.db.destroy()
      open.delete(workspaceId)
      await sql`drop schema if exists ${sql.id(schemaOf(workspaceId))} cascade`.execute(control)
    },
    ...lifecycle(control, open),
  }
}

export function openDatabase(options: { dataDir: string; databaseUrl: string | null }): Promise<Database> {
  return options.databaseUrl ? openPostgresDatabase(options.databaseUrl) : openSqliteDatabase(options.dataDir)
}
