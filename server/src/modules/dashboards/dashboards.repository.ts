/**
 * Rows of a workspace's `dashboards` table. The caller owns the transaction and passes `db`;
 * the version check on update and delete makes a concurrent change a conflict, not a lost write.
 */
import type { Kysely } from 'kysely'
import type { Dashboard, Widget } from '../../../../contracts/dashboards.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'

/** A dashboard as stored: without `editable`, which depends on who asks. */
export type StoredDashboard = Omit<Dashboard, 'editable'>

function fromRow(row: Record<string, unknown>, dialect: SqlDialect): StoredDashboard {
  return {
    id: row.id as string,
    name: row.name as string,
    visibility: row.visibility as Dashboard['visibility'],
    ownerId: row.owner_id as string,
    timeZone: row.time_zone as string,
    widgets: dialect.fromDb('json', row.widgets) as Widget[],
    defaultKey: (row.default_key as string | null) ?? null,
    createdAt: dialect.fromDb('timestamp', row.created_at) as string,
    updatedAt: dialect.fromDb('timestamp', row.updated_at) as string,
    version: Number(row.version),
  }
}

function toRow(d: StoredDashboard, dialect: SqlDialect): Record<string, unknown> {
  return {
    id: d.id, name: d.name, visibility: d.visibility, owner_id: d.ownerId, time_zone: d.timeZone,
    widgets: dialect.toDb('json', d.widgets), default_key: d.defaultKey,
    created_at: dialect.toDb('timestamp', d.createdAt), updated_at: dialect.toDb('timestamp', d.updatedAt), version: d.version,
  }
}

/** Dashboards `ownerId` owns or that are shared: defaults first, then oldest first. */
export async function listDashboards(db: Kysely<any>, dialect: SqlDialect, ownerId: string): Promise<StoredDashboard[]> {
  const rows = await db.selectFrom('dashboards').selectAll()
    .where((eb) => eb.or([eb('owner_id', '=', ownerId), eb('visibility', '=', 'shared')]))
    .orderBy('created_at').orderBy('id').execute()
  return rows.map((row) => fromRow(row, dialect)).sort((a, b) => Number(b.defaultKey !== null) - Number(a.defaultKey !== null))
}

export async function findDashboard(db: Kysely<any>, dialect: SqlDialect, id: string): Promise<StoredDashboard | undefined> {
  const row = await db.selectFrom('dashboards').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row, dialect) : undefined
}

export async function insertDashboard(db: Kysely<any>, dialect: SqlDialect, dashboard: StoredDashboard): Promise<void> {
  await db.insertInto('dashboards').values(toRow(dashboard, dialect)).execute()
}

/** Writes `next` over the row at `expectedVersion`; false when someone changed it first. */
export async function replaceDashboard(db: Kysely<any>, dialect: SqlDialect, next: StoredDashboard, expectedVersion: number): Promise<boolean> {
  const { id, ...values } = toRow(next, dialect)
  const result = await db.updateTable('dashboards').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteDashboard(db: Kysely<any>, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db.deleteFrom('dashboards').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/** Claims a default's key; false when the workspace already had it (even if since deleted). */
export async function claimDefault(db: Kysely<any>, dialect: SqlDialect, key: string): Promise<boolean> {
  const result = await db.insertInto('dashboard_defaults').values({ key, created_at: dialect.toDb('timestamp', new Date().toISOString()) })
    .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

export async function hasAllDefaults(db: Kysely<any>, keys: string[]): Promise<boolean> {
  const rows = await db.selectFrom('dashboard_defaults').select('key').where('key', 'in', keys).execute()
  return rows.length === keys.length
}
