/**
 * @module duplicates
 * The duplicate finder and merge. A finder job belongs to the workspace and the caller that
 * started it (to anyone else it does not exist) and sees only the records and fields its
 * owner can see; starting one needs update and delete on the object (what a merge needs).
 * Merges run in one transaction through engine/merge.ts.
 */
import { resumeInterruptedJobs } from '../jobs/resume-interrupted.js'
import { sql } from 'kysely'
import type { DuplicateGroup, DuplicateJob, DuplicateRule, MergeRequest } from '../../../../contracts/duplicates.js'
import { AppError, ProblemCollector, fieldError } from '../../errors.js'
import { isId, newId } from '../../engine/ids.js'
import { mergeRecords, type MergeOptions } from '../../engine/merge.js'
import { MAX_IN_VALUES } from '../../engine/fields/compare.js'
import { getObject } from '../../engine/metadata-store.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import { scopeOf } from '../../engine/record-access.js'
import { listRecords, type RecordContext } from '../../engine/records.js'
import { requirePermission, visibleObject } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { RecordsService } from '../records/records.service.js'
import { actorOf } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { createDuplicateJobsRepository, type DuplicateJobRow } from './duplicate-jobs.repository.js'
import { MAX_RULES, resolveRules } from './duplicate-rules.js'
import { runDuplicateJob, type DuplicateRunnerDeps } from './duplicate-runner.js'

export const MAX_GROUP_PAGE = 100
const defaultLog = (line: string) => process.stderr.write(`${line}\n`)

function viewOf(job: DuplicateJobRow): DuplicateJob {
  const elapsed = job.startedAt ? ((job.finishedAt ? Date.parse(job.finishedAt) : Date.now()) - Date.parse(job.startedAt)) / 1000 : 0
  return {
    id: job.id, object: job.object, rules: job.rules, status: job.status, phase: job.phase,
    progress: { recordsDone: job.recordsDone, totalRecords: job.totalRecords, rowsPerSecond: elapsed > 0 && job.recordsDone > 0 ? Math.round(job.recordsDone / elapsed) : null },
    groupsFound: job.groupsFound, error: job.error, createdAt: job.createdAt, finishedAt: job.finishedAt,
  }
}

export function createDuplicatesService(deps: {
  records: Pick<RecordsService, 'contextFor'>
  workspaces: WorkspacesService
  runner?: Omit<DuplicateRunnerDeps, 'repo'>
  log?: (line: string) => void
}) {
  const running = new Map<string, Promise<void>>()

  async function ownJob(principal: Principal, id: string) {
    const ctx = await deps.records.contextFor(principal)
    const repo = createDuplicateJobsRepository(ctx.ws.dialect)
    const job = isId(id) ? await repo.find(ctx.ws.db, id) : undefined
    if (!job || job.actor !== actorOf(principal) || job.principal.workspaceId !== principal.workspaceId) throw new AppError('not-found', 'No duplicate job with this id')
    return { ctx, job, repo }
  }

  function start(ctx: RecordContext, job: DuplicateJobRow): Promise<void> {
    const existing = running.get(job.id)
    if (existing) return existing
    const work = runDuplicateJob({ ...deps.runner, repo: createDuplicateJobsRepository(ctx.ws.dialect) }, ctx, job)
      .catch((error: unknown) => { (deps.log ?? defaultLog)(`duplicate job ${job.id} failed: ${(error as Error).stack ?? String(error)}`) })
      .finally(() => running.delete(job.id))
    running.set(job.id, work)
    return work
  }

  /** The records of a group the caller can still see (merged or deleted ones drop out). */
  async function groupRecords(ctx: RecordContext, objectName: string, ids: string[]): Promise<Map<string, ApiRecord>> {
    const object = getObject(ctx.metadata, objectName)
    const found = new Map<string, ApiRecord>()
    for (let start = 0; start < ids.length; start += MAX_IN_VALUES) {
      const chunk = ids.slice(start, start + MAX_IN_VALUES)
      const page = await listRecords(ctx, object, { filter: { field: 'id', op: 'in', value: chunk }, limit: chunk.length })
      for (const record of page.data) found.set(record.id, record)
    }
    return found
  }

  return {
    async create(principal: Principal, body: { object: string; rules: DuplicateRule[] }): Promise<DuplicateJob> {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, body.object)
      requirePermission(ctx.access, object, 'update')
      requirePermission(ctx.access, object, 'delete')
      if (body.rules.length === 0 || body.rules.length > MAX_RULES) throw fieldError('/rules', `must list 1 to ${MAX_RULES} rules`)
      const problems = new ProblemCollector()
      resolveRules(visibleObject(ctx.access, object), body.rules, problems)
      problems.throwIfAny()
      const scope = scopeOf(ctx, object, 'read')
      const count = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(object.tableName)} where deleted_at is null ${scope ? sql`and ${scope}` : sql``}`.execute(ctx.ws.db)
      const now = new Date().toISOString()
      const job: DuplicateJobRow = {
        id: newId(), object: object.apiName, rules: body.rules, status: 'running', phase: 'scan', principal, actor: actorOf(principal),
        totalRecords: Number(count.rows[0]?.n ?? 0), recordsDone: 0, scanAfter: '', groupAfter: '', groupsFound: 0, error: null,
        createdAt: now, startedAt: now, finishedAt: null,
      }
      await createDuplicateJobsRepository(ctx.ws.dialect).insert(ctx.ws.db, job)
      void start(ctx, job)
      return viewOf(job)
    },

    async list(principal: Principal): Promise<DuplicateJob[]> {
      const ctx = await deps.records.contextFor(principal)
      return (await createDuplicateJobsRepository(ctx.ws.dialect).listOwn(ctx.ws.db, actorOf(principal), 20)).map(viewOf)
    },

    async get(principal: Principal, id: string): Promise<DuplicateJob> {
      return viewOf((await ownJob(principal, id)).job)
    },

    /** Waits for this process's run of a job (tests, benchmark); returns the final state. */
    async wait(principal: Principal, id: string): Promise<DuplicateJob> {
      await running.get(id)
      return this.get(principal, id)
    },

    async cancel(principal: Principal, id: string): Promise<DuplicateJob> {
      const { ctx, job, repo } = await ownJob(principal, id)
      // The runner's next checkpoint sees the status and rolls its batch back.
      if (!(await repo.setStatus(ctx.ws.db, job.id, 'cancelled', { from: ['running'] }))) throw new AppError('conflict', `The job is ${job.status}; only a running job can be cancelled`)
      await repo.dropKeys(ctx.ws.db, job.id)
      return viewOf((await repo.find(ctx.ws.db, id))!)
    },

    async groups(principal: Principal, id: string, options: { cursor?: string; limit?: number }): Promise<{ data: DuplicateGroup<ApiRecord>[]; page: { nextCursor: string | null; hasMore: boolean } }> {
      const { ctx, job, repo } = await ownJob(principal, id)
      if (options.cursor !== undefined && !isId(options.cursor)) throw fieldError('/query/cursor', 'is not a cursor this server issued', 'invalid-cursor')
      const limit = options.limit ?? 20
      const stored = await repo.listGroups(ctx.ws.db, job.id, options.cursor, limit + 1)
      const hasMore = stored.length > limit
      const page = stored.slice(0, limit)
      const records = await groupRecords(ctx, job.object, [...new Set(page.flatMap((g) => g.recordIds))])
      const data = page.map((g) => ({ id: g.id, rule: g.rule, score: g.score, matchKey: g.matchKey, records: g.recordIds.flatMap((rid) => records.get(rid) ?? []) }))
        .filter((g) => g.records.length > 1)
      return { data, page: { nextCursor: hasMore ? page.at(-1)!.id : null, hasMore } }
    },

    async dismiss(principal: Principal, groupId: string): Promise<void> {
      const ctx = await deps.records.contextFor(principal)
      const repo = createDuplicateJobsRepository(ctx.ws.dialect)
      const group = isId(groupId) ? await repo.findGroup(ctx.ws.db, groupId) : undefined
      const job = group ? await repo.find(ctx.ws.db, group.jobId) : undefined
      if (!group || !job || job.actor !== actorOf(principal)) throw new AppError('not-found', 'No duplicate group with this id')
      if (group.dismissedAt) return
      await ctx.ws.db.transaction().execute((trx) => repo.dismiss(trx, group, job.object))
    },

    async merge(principal: Principal, objectName: string, request: MergeRequest, options: MergeOptions = {}): Promise<ApiRecord> {
      const ctx = await deps.records.contextFor(principal)
      const object = getObject(ctx.metadata, objectName)
      return ctx.ws.db.transaction().execute((trx) => mergeRecords(ctx, trx, object, request, options))
    },

    /** At start: continues every job a previous process left running. */
    resumeInterrupted(): Promise<string[]> {
      return resumeInterruptedJobs({ workspaces: deps.workspaces, contextFor: deps.records.contextFor, repository: createDuplicateJobsRepository, start })
    },
  }
}

export type DuplicatesService = ReturnType<typeof createDuplicatesService>
