/**
 * Rows of a workspace's `views` table. The caller owns the transaction and passes `db`; the
 * version check on update and delete makes a concurrent change a conflict, never a lost write.
 */
import type { Kysely } from 'kysely'
import type { SavedView, ViewColumn, ViewVisibility } from '../../../../contracts/views.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'
import type { SortKey } from '../../engine/sort-cursor.js'

/** A view as stored: the API's SavedView without `editable`, which depends on who is asking. */
export type StoredView = Omit<SavedView, 'editable'>

function fromRow(row: Record<string, unknown>, dialect: SqlDialect): StoredView {
  return {
    id: row.id as string,
    object: row.object as string,
    name: row.name as string,
    filter: row.filter === null ? null : dialect.fromDb('json', row.filter),
    sort: dialect.fromDb('json', row.sort) as SortKey[],
    columns: dialect.fromDb('json', row.columns) as ViewColumn[],
    visibility: row.visibility as ViewVisibility,
    ownerId: row.owner_id as string,
    createdAt: dialect.fromDb('timestamp', row.created_at) as string,
    updatedAt: dialect.fromDb('timestamp', row.updated_at) as string,
    version: Number(row.version),
  }
}

function toRow(view: StoredView, dialect: SqlDialect): Record<string, unknown> {
  return {
    id: view.id, object: view.object, name: view.name,
    filter: view.filter === null ? null : dialect.toDb('json', view.filter),
    sort: dialect.toDb('json', view.sort), columns: dialect.toDb('json', view.columns),
    visibility: view.visibility, owner_id: view.ownerId,
    created_at: dialect.toDb('timestamp', view.createdAt), updated_at: dialect.toDb('timestamp', view.updatedAt), version: view.version,
  }
}

/** Views of `object` (or of every object) that `ownerId` owns or that are shared, oldest first. */
export async function listViews(db: Kysely<any>, dialect: SqlDialect, ownerId: string, object?: string): Promise<StoredView[]> {
  let query = db.selectFrom('views').selectAll()
    .where((eb) => eb.or([eb('owner_id', '=', ownerId), eb('visibility', '=', 'shared')]))
  if (object !== undefined) query = query.where('object', '=', object)
  const rows = await query.orderBy('created_at').orderBy('id').execute()
  return rows.map((row) => fromRow(row, dialect))
}

export async function findView(db: Kysely<any>, dialect: SqlDialect, id: string): Promise<StoredView | undefined> {
  const row = await db.selectFrom('views').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row, dialect) : undefined
}

export async function insertView(db: Kysely<any>, dialect: SqlDialect, view: StoredView): Promise<void> {
  await db.insertInto('views').values(toRow(view, dialect)).execute()
}

/** Writes `next` over the row at `expectedVersion`; false when someone changed it first. */
export async function replaceView(db: Kysely<any>, dialect: SqlDialect, next: StoredView, expectedVersion: number): Promise<boolean> {
  const { id, ...values } = toRow(next, dialect)
  const result = await db.updateTable('views').set(values).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteView(db: Kysely<any>, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db.deleteFrom('views').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
