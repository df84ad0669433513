/** Rows of `agent_scripts` and `agent_script_runs`; the caller owns the transaction. */
import type { Kysely } from 'kysely'
import type { AgentScript, ScriptDefinition, ScriptRun } from '../../../../contracts/contact-center-content.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'

/** A script as stored: what the API answers, less `editable` (that depends on who asks). */
export type StoredScript = Omit<AgentScript, 'editable'>

function scriptFromRow(row: Record<string, any>, dialect: SqlDialect): StoredScript {
  return {
    id: row.id, name: row.name, queues: dialect.fromDb('json', row.queues) as string[], callReasons: dialect.fromDb('json', row.call_reasons) as string[],
    definition: dialect.fromDb('json', row.definition) as ScriptDefinition, revision: Number(row.revision),
    createdAt: dialect.fromDb('timestamp', row.created_at) as string, updatedAt: dialect.fromDb('timestamp', row.updated_at) as string,
  }
}

function scriptToRow(script: StoredScript, dialect: SqlDialect) {
  return {
    id: script.id, name: script.name, queues: dialect.toDb('json', script.queues), call_reasons: dialect.toDb('json', script.callReasons),
    definition: dialect.toDb('json', script.definition), revision: script.revision,
    created_at: dialect.toDb('timestamp', script.createdAt), updated_at: dialect.toDb('timestamp', script.updatedAt),
  }
}

export async function listScripts(db: Kysely<any>, dialect: SqlDialect): Promise<StoredScript[]> {
  const rows = await db.selectFrom('agent_scripts').selectAll().orderBy('name').orderBy('id').execute()
  return rows.map((row) => scriptFromRow(row, dialect))
}

export async function findScript(db: Kysely<any>, dialect: SqlDialect, id: string): Promise<StoredScript | undefined> {
  const row = await db.selectFrom('agent_scripts').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? scriptFromRow(row, dialect) : undefined
}

export async function insertScript(db: Kysely<any>, dialect: SqlDialect, script: StoredScript): Promise<void> {
  await db.insertInto('agent_scripts').values(scriptToRow(script, dialect)).execute()
}

export async function replaceScript(db: Kysely<any>, dialect: SqlDialect, script: StoredScript, expectedRevision: number): Promise<boolean> {
  const { id, ...values } = scriptToRow(script, dialect)
  const result = await db.updateTable('agent_scripts').set(values).where('id', '=', id).where('revision', '=', expectedRevision).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteScript(db: Kysely<any>, id: string): Promise<void> {
  await db.deleteFrom('agent_scripts').where('id', '=', id).execute()
}

export async function insertRun(db: Kysely<any>, dialect: SqlDialect, run: ScriptRun): Promise<void> {
  await db.insertInto('agent_script_runs').values({
    id: run.id, script_id: run.scriptId, script_name: run.scriptName, script_revision: run.scriptRevision, activity_id: run.activityId,
    answers: dialect.toDb('json', run.answers), outcome: run.outcome, created_by: run.createdBy, created_at: dialect.toDb('timestamp', run.createdAt),
  }).execute()
}

export async function listRuns(db: Kysely<any>, dialect: SqlDialect, activityId: string): Promise<ScriptRun[]> {
  const rows = await db.selectFrom('agent_script_runs').selectAll().where('activity_id', '=', activityId).orderBy('created_at').orderBy('id').execute()
  return rows.map((row) => ({
    id: row.id, scriptId: row.script_id, scriptName: row.script_name, scriptRevision: Number(row.script_revision), activityId: row.activity_id,
    answers: dialect.fromDb('json', row.answers) as ScriptRun['answers'], outcome: row.outcome, createdBy: row.created_by,
    createdAt: dialect.fromDb('timestamp', row.created_at) as string,
  }))
}
