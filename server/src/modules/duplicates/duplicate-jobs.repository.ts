/**
 * SQL for duplicate jobs, their match keys, groups and dismissals. Callers own transactions:
 * `advanceScan` and `advanceGroups` run inside the batch transaction, so a checkpoint commits
 * together with the keys or groups it covers (migration 0016 explains the tables).
 */
import { sql, type Kysely } from 'kysely'
import type { DuplicateJobStatus, DuplicateRule, DuplicateRuleName } from '../../../../contracts/duplicates.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'
import { newId } from '../../engine/ids.js'
import type { Principal } from '../../http/auth.js'
import type { MatchKey } from './duplicate-rules.js'

export interface DuplicateJobRow {
  id: string
  object: string
  rules: DuplicateRule[]
  status: DuplicateJobStatus
  phase: 'scan' | 'group' | 'done'
  principal: Principal
  actor: string
  totalRecords: number
  recordsDone: number
  scanAfter: string
  groupAfter: string
  groupsFound: number
  error: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export interface StoredGroup {
  id: string
  jobId: string
  rule: DuplicateRuleName
  score: number
  matchKey: string
  recordIds: string[]
  dismissedAt: string | null
}

const KEY_COLUMNS = 5

export function createDuplicateJobsRepository(dialect: SqlDialect) {
  const ts = (v: unknown) => (v === null || v === undefined ? null : String(dialect.fromDb('timestamp', v)))
  const rowToJob = (r: Record<string, any>): DuplicateJobRow => ({
    id: r.id, object: r.object, rules: dialect.fromDb('json', r.rules) as DuplicateRule[], status: r.status, phase: r.phase,
    principal: dialect.fromDb('json', r.principal) as Principal, actor: r.actor, totalRecords: Number(r.total_records),
    recordsDone: Number(r.records_done), scanAfter: r.scan_after ?? '', groupAfter: r.group_after ?? '', groupsFound: Number(r.groups_found),
    error: r.error, createdAt: ts(r.created_at)!, startedAt: ts(r.started_at), finishedAt: ts(r.finished_at),
  })
  const rowToGroup = (r: Record<string, any>): StoredGroup => ({
    id: r.id, jobId: r.job_id, rule: r.rule, score: Number(r.score), matchKey: r.match_key,
    recordIds: dialect.fromDb('json', r.record_ids) as string[], dismissedAt: ts(r.dismissed_at),
  })

  return {
    async insert(db: Kysely<any>, job: DuplicateJobRow): Promise<void> {
      await db.insertInto('duplicate_jobs').values({
        id: job.id, object: job.object, rules: dialect.toDb('json', job.rules), status: job.status, phase: job.phase,
        principal: dialect.toDb('json', job.principal), actor: job.actor, total_records: job.totalRecords, records_done: 0,
        scan_after: '', group_after: '', groups_found: 0, error: null, created_at: job.createdAt, started_at: job.startedAt, finished_at: null,
      }).execute()
    },

    async find(db: Kysely<any>, id: string): Promise<DuplicateJobRow | undefined> {
      const row = await db.selectFrom('duplicate_jobs').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? rowToJob(row) : undefined
    },

    async listOwn(db: Kysely<any>, actor: string, limit: number): Promise<DuplicateJobRow[]> {
      return (await db.selectFrom('duplicate_jobs').selectAll().where('actor', '=', actor).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(rowToJob)
    },

    async listRunning(db: Kysely<any>): Promise<DuplicateJobRow[]> {
      return (await db.selectFrom('duplicate_jobs').selectAll().where('status', '=', 'running').execute()).map(rowToJob)
    },

    async addKeys(db: Kysely<any>, jobId: string, keys: { recordId: string; key: MatchKey }[]): Promise<void> {
      const chunk = Math.floor(dialect.maxParameters / KEY_COLUMNS)
      for (let i = 0; i < keys.length; i += chunk) {
        await db.insertInto('duplicate_keys').values(keys.slice(i, i + chunk).map((k) => ({
          job_id: jobId, rule: k.key.rule, match_key: k.key.key, record_id: k.recordId, match_value: k.key.value,
        }))).execute()
      }
    },

    /** Moves the scan checkpoint; false when the job was cancelled or another runner moved it first. */
    async advanceScan(db: Kysely<any>, id: string, from: string, to: string, records: number): Promise<boolean> {
      const result = await db.updateTable('duplicate_jobs').set((eb) => ({ scan_after: to, records_done: eb('records_done', '+', records) }))
        .where('id', '=', id).where('scan_after', '=', from).where('phase', '=', 'scan').where('status', '=', 'running').executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    async setPhase(db: Kysely<any>, id: string, from: 'scan' | 'group', to: 'group' | 'done'): Promise<boolean> {
      const result = await db.updateTable('duplicate_jobs').set({ phase: to }).where('id', '=', id).where('phase', '=', from).where('status', '=', 'running').executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    /** Keys (after `after`, in order) shared by at least two records: one page of candidate groups. */
    async nextSharedKeys(db: Kysely<any>, jobId: string, rule: DuplicateRuleName, after: string, limit: number): Promise<string[]> {
      const rows = await sql<{ k: string }>`select match_key as k from duplicate_keys where job_id = ${jobId} and rule = ${rule} and match_key > ${after}
        group by match_key having count(distinct record_id) > 1 order by match_key limit ${limit}`.execute(db)
      return rows.rows.map((r) => r.k)
    },

    async keyMembers(db: Kysely<any>, jobId: string, rule: DuplicateRuleName, keys: string[]): Promise<{ key: string; recordId: string; value: string | null }[]> {
      if (keys.length === 0) return []
      const rows = await db.selectFrom('duplicate_keys').select(['match_key', 'record_id', 'match_value'])
        .where('job_id', '=', jobId).where('rule', '=', rule).where('match_key', 'in', keys).orderBy('match_key').orderBy('record_id').execute()
      return rows.map((r) => ({ key: r.match_key, recordId: r.record_id, value: r.match_value }))
    },

    async addGroups(db: Kysely<any>, groups: Omit<StoredGroup, 'id' | 'dismissedAt'>[]): Promise<void> {
      if (groups.length === 0) return
      await db.insertInto('duplicate_groups').values(groups.map((g) => ({
        id: newId(), job_id: g.jobId, rule: g.rule, score: g.score, match_key: g.matchKey, record_ids: dialect.toDb('json', g.recordIds), dismissed_at: null,
      }))).execute()
    },

    async advanceGroups(db: Kysely<any>, id: string, from: string, to: string, groups: number): Promise<boolean> {
      const result = await db.updateTable('duplicate_jobs').set((eb) => ({ group_after: to, groups_found: eb('groups_found', '+', groups) }))
        .where('id', '=', id).where('group_after', '=', from).where('phase', '=', 'group').where('status', '=', 'running').executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },

    /** The "not duplicates" sets each of `ids` belongs to (record id → dismissal ids). */
    async dismissalsOf(db: Kysely<any>, object: string, ids: string[]): Promise<Map<string, Set<string>>> {
      const found = new Map<string, Set<string>>()
      const chunk = dialect.maxParameters - 10
      for (let i = 0; i < ids.length; i += chunk) {
        const rows = await db.selectFrom('duplicate_dismissal_members').select(['dismissal_id', 'record_id']).where('object', '=', object)
          .where('record_id', 'in', ids.slice(i, i + chunk)).execute()
        for (const r of rows) {
          const set = found.get(r.record_id)
          if (set) set.add(r.dismissal_id)
          else found.set(r.record_id, new Set([r.dismissal_id]))
        }
      }
      return found
    },

    async dismiss(db: Kysely<any>, group: StoredGroup, object: string): Promise<void> {
      const dismissalId = newId()
      await db.insertInto('duplicate_dismissal_members').values(group.recordIds.map((recordId) => ({ dismissal_id: dismissalId, object, record_id: recordId }))).execute()
      await db.updateTable('duplicate_groups').set({ dismissed_at: new Date().toISOString() }).where('id', '=', group.id).execute()
    },

    async findGroup(db: Kysely<any>, id: string): Promise<StoredGroup | undefined> {
      const row = await db.selectFrom('duplicate_groups').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? rowToGroup(row) : undefined
    },

    async listGroups(db: Kysely<any>, jobId: string, after: string | undefined, limit: number): Promise<StoredGroup[]> {
      let query = db.selectFrom('duplicate_groups').selectAll().where('job_id', '=', jobId).where('dismissed_at', 'is', null)
      if (after) query = query.where('id', '>', after)
      return (await query.orderBy('id').limit(limit).execute()).map(rowToGroup)
    },

    /** Keys are only needed while a job runs; a finished job keeps its groups. */
    async dropKeys(db: Kysely<any>, jobId: string): Promise<void> {
      await db.deleteFrom('duplicate_keys').where('job_id', '=', jobId).execute()
    },

    async setStatus(db: Kysely<any>, id: string, status: DuplicateJobStatus, fields: { error?: string | null; from?: DuplicateJobStatus[] } = {}): Promise<boolean> {
      let query = db.updateTable('duplicate_jobs').set({
        status, ...(fields.error !== undefined ? { error: fields.error } : {}), finished_at: status === 'running' ? null : new Date().toISOString(),
      }).where('id', '=', id)
      if (fields.from) query = query.where('status', 'in', fields.from)
      return Number((await query.executeTakeFirst()).numUpdatedRows) === 1
    },
  }
}

export type DuplicateJobsRepository = ReturnType<typeof createDuplicateJobsRepository>
