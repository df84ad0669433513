/**
 * Rows of `ivr_flows` (the editable draft) and `ivr_flow_versions` (published, never changed).
 * The caller owns the transaction; a draft write checks the revision it read.
 */
import type { Kysely } from 'kysely'
import type { IvrDefinition } from '../../../../contracts/contact-center-content.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'

export interface StoredFlow {
  id: string
  name: string
  definition: IvrDefinition
  revision: number
  publishedVersion: number | null
  publishedRevision: number | null
  createdBy: string
  createdAt: string
  updatedAt: string
}

export interface StoredVersion {
  flowId: string
  version: number
  definition: IvrDefinition
  publishedBy: string
  publishedAt: string
}

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value))

function flowFromRow(row: Record<string, any>, dialect: SqlDialect): StoredFlow {
  return {
    id: row.id, name: row.name, definition: dialect.fromDb('json', row.definition) as IvrDefinition, revision: Number(row.revision),
    publishedVersion: numberOrNull(row.published_version), publishedRevision: numberOrNull(row.published_revision), createdBy: row.created_by,
    createdAt: dialect.fromDb('timestamp', row.created_at) as string, updatedAt: dialect.fromDb('timestamp', row.updated_at) as string,
  }
}

function versionFromRow(row: Record<string, any>, dialect: SqlDialect): StoredVersion {
  return {
    flowId: row.flow_id, version: Number(row.version), definition: dialect.fromDb('json', row.definition) as IvrDefinition,
    publishedBy: row.published_by, publishedAt: dialect.fromDb('timestamp', row.published_at) as string,
  }
}

export async function listFlows(db: Kysely<any>, dialect: SqlDialect): Promise<StoredFlow[]> {
  const rows = await db.selectFrom('ivr_flows').selectAll().orderBy('name').orderBy('id').execute()
  return rows.map((row) => flowFromRow(row, dialect))
}

export async function findFlow(db: Kysely<any>, dialect: SqlDialect, id: string): Promise<StoredFlow | undefined> {
  const row = await db.selectFrom('ivr_flows').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? flowFromRow(row, dialect) : undefined
}

export async function insertFlow(db: Kysely<any>, dialect: SqlDialect, flow: StoredFlow): Promise<void> {
  await db.insertInto('ivr_flows').values({
    id: flow.id, name: flow.name, definition: dialect.toDb('json', flow.definition), revision: flow.revision,
    published_version: flow.publishedVersion, published_revision: flow.publishedRevision, created_by: flow.createdBy,
    created_at: dialect.toDb('timestamp', flow.createdAt), updated_at: dialect.toDb('timestamp', flow.updatedAt),
  }).execute()
}

/** Writes the draft over the row at `expectedRevision`; false when someone changed it first. */
export async function replaceDraft(db: Kysely<any>, dialect: SqlDialect, flow: StoredFlow, expectedRevision: number): Promise<boolean> {
  const result = await db.updateTable('ivr_flows').set({
    name: flow.name, definition: dialect.toDb('json', flow.definition), revision: flow.revision, updated_at: dialect.toDb('timestamp', flow.updatedAt),
  }).where('id', '=', flow.id).where('revision', '=', expectedRevision).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Publishes the draft at `revision` as `version`; false when the draft or the published version moved meanwhile. */
export async function publishVersion(db: Kysely<any>, dialect: SqlDialect, flow: StoredFlow, version: StoredVersion): Promise<boolean> {
  let query = db.updateTable('ivr_flows').set({ published_version: version.version, published_revision: flow.revision })
    .where('id', '=', flow.id).where('revision', '=', flow.revision)
  query = flow.publishedVersion === null ? query.where('published_version', 'is', null) : query.where('published_version', '=', flow.publishedVersion)
  const result = await query.executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await db.insertInto('ivr_flow_versions').values({
    flow_id: version.flowId, version: version.version, definition: dialect.toDb('json', version.definition),
    published_by: version.publishedBy, published_at: dialect.toDb('timestamp', version.publishedAt),
  }).execute()
  return true
}

export async function listVersions(db: Kysely<any>, dialect: SqlDialect, flowId: string): Promise<StoredVersion[]> {
  const rows = await db.selectFrom('ivr_flow_versions').selectAll().where('flow_id', '=', flowId).orderBy('version', 'desc').execute()
  return rows.map((row) => versionFromRow(row, dialect))
}

export async function findVersion(db: Kysely<any>, dialect: SqlDialect, flowId: string, version: number): Promise<StoredVersion | undefined> {
  const row = await db.selectFrom('ivr_flow_versions').selectAll().where('flow_id', '=', flowId).where('version', '=', version).executeTakeFirst()
  return row ? versionFromRow(row, dialect) : undefined
}

export async function deleteFlow(db: Kysely<any>, id: string): Promise<void> {
  // Lines that answered with this flow route straight to the ACD again.
  await db.deleteFrom('ivr_line_flows').where('flow_id', '=', id).execute()
  await db.deleteFrom('ivr_flow_versions').where('flow_id', '=', id).execute()
  await db.deleteFrom('ivr_flows').where('id', '=', id).execute()
}
