/**
 * Runs a duplicate job from its checkpoint: the scan phase reads the object in keyset batches
 * by id (only rows the job's owner can see, only fields they can see) and stores every
 * record's match keys with the new checkpoint in one transaction; the group phase walks the
 * keys shared by two or more records in key order, turns them into groups (exact rules) or
 * clusters (name rule) and stores them with its checkpoint. A crash repeats at most one batch.
 */
import { sql, type Kysely } from 'kysely'
import type { DuplicateRuleName } from '../../../../contracts/duplicates.js'
import { AppError, ProblemCollector } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { rowToRecord, selectColumns } from '../../engine/record-codec.js'
import { scopeOf } from '../../engine/record-access.js'
import type { RecordContext } from '../../engine/records.js'
import { visibleObject } from '../../engine/visibility.js'
import type { DuplicateJobRow, DuplicateJobsRepository, StoredGroup } from './duplicate-jobs.repository.js'
import { matchKeys, resolveRules, type ResolvedRule } from './duplicate-rules.js'
import { clusterNames } from './match-keys.js'

export const DEFAULT_SCAN_BATCH = 2000
const KEYS_PER_GROUP_BATCH = 500
/** Records kept in one group; a key shared by more (a shared mailbox) is cut to its oldest. */
export const MAX_GROUP_SIZE = 50

class JobStopped extends Error {}

export interface DuplicateRunnerDeps {
  repo: DuplicateJobsRepository
  scanBatch?: number
  /** Called after each committed batch; tests use it to stop a run as a crash would. */
  afterBatch?: (job: DuplicateJobRow) => Promise<void>
}

/** Rules of a job as its owner sees the object now; a rule no longer valid fails the job. */
export function rulesOf(ctx: RecordContext, object: ObjectMeta, job: Pick<DuplicateJobRow, 'rules'>): ResolvedRule[] {
  const problems = new ProblemCollector()
  const rules = resolveRules(visibleObject(ctx.access, object), job.rules, problems)
  problems.throwIfAny()
  return rules
}

async function checkpoint(db: Kysely<any>, write: (trx: Kysely<any>) => Promise<boolean>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await write(trx))) throw new JobStopped()
  })
}

async function scan(deps: DuplicateRunnerDeps, ctx: RecordContext, object: ObjectMeta, rules: ResolvedRule[], job: DuplicateJobRow): Promise<void> {
  const fields = [...new Set(rules.flatMap((r) => [...r.fields, ...(r.relation ? [r.relation] : [])]))]
  const columns = sql.join(selectColumns(fields).map((c) => sql.ref(c)))
  const scope = scopeOf(ctx, object, 'read')
  const batch = deps.scanBatch ?? DEFAULT_SCAN_BATCH
  let after = job.scanAfter
  for (;;) {
    const rows = (await sql<Record<string, unknown>>`select ${columns} from ${sql.table(object.tableName)}
      where deleted_at is null and id > ${after} ${scope ? sql`and ${scope}` : sql``} order by id limit ${batch}`.execute(ctx.ws.db)).rows
    if (rows.length === 0) break
    const keys = rows.flatMap((row) => {
      const record = rowToRecord(fields, row, ctx.ws.dialect)
      return matchKeys(rules, record).map((key) => ({ recordId: record.id, key }))
    })
    const to = String(rows.at(-1)!.id)
    await checkpoint(ctx.ws.db, async (trx) => {
      await deps.repo.addKeys(trx, job.id, keys)
      return deps.repo.advanceScan(trx, job.id, after, to, rows.length)
    })
    after = to
    await deps.afterBatch?.(job)
  }
  if (!(await deps.repo.setPhase(ctx.ws.db, job.id, 'scan', 'group'))) throw new JobStopped()
}

type NewGroup = Omit<StoredGroup, 'id' | 'dismissedAt'>

function groupsOf(job: DuplicateJobRow, rule: ResolvedRule, members: { key: string; recordId: string; value: string | null }[]): NewGroup[] {
  const byKey = new Map<string, { id: string; name: string }[]>()
  for (const m of members) byKey.set(m.key, [...(byKey.get(m.key) ?? []), { id: m.recordId, name: m.value ?? '' }])
  const groups: NewGroup[] = []
  for (const [key, list] of byKey) {
    if (rule.rule === 'name') {
      for (const cluster of clusterNames(list, rule.threshold)) {
        groups.push({ jobId: job.id, rule: 'name', score: cluster.score, matchKey: list.find((m) => m.id === cluster.ids[0])!.name, recordIds: cluster.ids.sort().slice(0, MAX_GROUP_SIZE) })
      }
    } else {
      const ids = [...new Set(list.map((m) => m.id))].sort()
      if (ids.length > 1) groups.push({ jobId: job.id, rule: rule.rule, score: 1, matchKey: key, recordIds: ids.slice(0, MAX_GROUP_SIZE) })
    }
  }
  return groups
}

const position = (rule: DuplicateRuleName, key: string) => `${rule}\n${key}`

async function group(deps: DuplicateRunnerDeps, ctx: RecordContext, object: ObjectMeta, rules: ResolvedRule[], job: DuplicateJobRow): Promise<void> {
  const [savedRule, ...rest] = job.groupAfter.split('\n')
  let at = job.groupAfter
  // Id sets already grouped by an earlier rule (or key) in this run are not shown twice.
  const seen = new Set<string>()
  const start = Math.max(0, rules.findIndex((r) => r.rule === savedRule))
  for (let r = start; r < rules.length; r++) {
    const rule = rules[r]
    let afterKey = r === start && savedRule === rule.rule ? rest.join('\n') : ''
    for (;;) {
      const keys = await deps.repo.nextSharedKeys(ctx.ws.db, job.id, rule.rule, afterKey, KEYS_PER_GROUP_BATCH)
      if (keys.length === 0) break
      const candidates = groupsOf(job, rule, await deps.repo.keyMembers(ctx.ws.db, job.id, rule.rule, keys))
      const fresh: NewGroup[] = []
      for (const g of candidates) {
        const setKey = g.recordIds.join(',')
        if (seen.has(setKey) || (await deps.repo.isDismissed(ctx.ws.db, object.apiName, g.recordIds))) continue
        seen.add(setKey)
        fresh.push(g)
      }
      const to = position(rule.rule, keys.at(-1)!)
      const from = at
      await checkpoint(ctx.ws.db, async (trx) => {
        await deps.repo.addGroups(trx, fresh)
        return deps.repo.advanceGroups(trx, job.id, from, to, fresh.length)
      })
      at = to
      afterKey = keys.at(-1)!
      await deps.afterBatch?.(job)
    }
  }
  if (!(await deps.repo.setPhase(ctx.ws.db, job.id, 'group', 'done'))) throw new JobStopped()
}

/** Runs `job` from its checkpoint to the end, or until it is cancelled. */
export async function runDuplicateJob(deps: DuplicateRunnerDeps, ctx: RecordContext, job: DuplicateJobRow): Promise<void> {
  try {
    const object = getObject(ctx.metadata, job.object)
    const rules = rulesOf(ctx, object, job)
    if (job.phase === 'scan') await scan(deps, ctx, object, rules, job)
    const current = await deps.repo.find(ctx.ws.db, job.id)
    if (current?.phase === 'group') await group(deps, ctx, object, rules, current)
    await deps.repo.dropKeys(ctx.ws.db, job.id)
    await deps.repo.setStatus(ctx.ws.db, job.id, 'completed', { from: ['running'] })
  } catch (error) {
    if (error instanceof JobStopped) return
    await deps.repo.setStatus(ctx.ws.db, job.id, 'failed', { error: (error as Error).message.slice(0, 1000), from: ['running'] })
    if (!(error instanceof AppError)) throw error
  }
}
