/**
 * Runs a duplicate job from its checkpoint: the scan phase reads the object in keyset batches
 * by id (only rows the job's owner can see, only fields they can see) and stores every
 * record's match keys with the new checkpoint in one transaction; the group phase walks the
 * keys shared by two or more records in key order, turns them into groups (exact rules) or
 * clusters (name rule) and stores them with its checkpoint. A crash repeats at most one batch.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
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
import { insertSharedKeys, insertSqlKeys, isSqlRule } from './key-sql.js'
import { KeySketch } from './key-sketch.js'
import { clusterNames } from './match-keys.js'

/** Records per scan transaction: large enough that per-batch statements and commits are noise. */
export const DEFAULT_SCAN_BATCH = 20_000
/** Records read per statement by the sketch pass (read-only, no checkpoint). */
const JS_SKETCH_BATCH = 20_000
const KEYS_PER_GROUP_BATCH = 2000
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

/** The last id and size of the next batch of live, visible records after `after`. */
async function nextBatch(db: Kysely<any>, object: ObjectMeta, scope: RawBuilder<boolean> | null, after: string, size: number): Promise<{ to: string; count: number } | null> {
  const row = (await sql<{ last: string | null; n: number | string }>`select max(id) as last, count(*) as n from (select id from ${sql.table(object.tableName)}
    where deleted_at is null and id > ${after} ${scope ? sql`and ${scope}` : sql``} order by id limit ${size}) b`.execute(db)).rows[0]
  return row && row.last !== null && Number(row.n) > 0 ? { to: String(row.last), count: Number(row.n) } : null
}

/** Batches of live, visible records in id order from `after`, each with its last id. */
async function* batches(db: Kysely<any>, object: ObjectMeta, scope: RawBuilder<boolean> | null, after: string, size: number): AsyncGenerator<{ from: string; to: string; count: number }> {
  for (let from = after; ;) {
    const next = await nextBatch(db, object, scope, from, size)
    if (!next) return
    yield { from, ...next }
    from = next.to
  }
}

/**
 * Only keys that two or more records share are written. Exact rules: one grouped statement
 * finds the shared keys (key-sql.ts), committed with the first batch; each batch then writes
 * its records' shared keys with one insert … select. Name and domain rules: a read-only pass
 * fills a KeySketch, and each batch reads only those rules' columns, folds them in JS and
 * writes the keys the sketch says may be shared.
 */
async function scan(deps: DuplicateRunnerDeps, ctx: RecordContext, object: ObjectMeta, rules: ResolvedRule[], job: DuplicateJobRow): Promise<void> {
  const sqlRules = rules.filter(isSqlRule)
  const jsRules = rules.filter((r) => !isSqlRule(r))
  const fields = [...new Set(jsRules.flatMap((r) => [...r.fields, ...(r.relation ? [r.relation] : [])]))]
  const columns = sql.join(selectColumns(fields).map((c) => sql.ref(c)))
  const scope = scopeOf(ctx, object, 'read')
  const batch = deps.scanBatch ?? DEFAULT_SCAN_BATCH
  const jsKeys = async (db: Kysely<any>, from: string, to: string) => {
    const rows = (await sql<Record<string, unknown>>`select ${columns} from ${sql.table(object.tableName)}
      where deleted_at is null and id > ${from} and id <= ${to} ${scope ? sql`and ${scope}` : sql``}`.execute(db)).rows
    return rows.flatMap((row) => {
      const record = rowToRecord(fields, row, ctx.ws.dialect)
      return matchKeys(jsRules, record).map((key) => ({ recordId: record.id, key }))
    })
  }
  const sketch = new KeySketch()
  if (jsRules.length > 0) {
    for await (const { from, to } of batches(ctx.ws.db, object, scope, '', JS_SKETCH_BATCH)) {
      for (const { key } of await jsKeys(ctx.ws.db, from, to)) sketch.add(key.rule, key.key)
    }
  }
  for await (const { from, to, count } of batches(ctx.ws.db, object, scope, job.scanAfter, batch)) {
    await checkpoint(ctx.ws.db, async (trx) => {
      if (sqlRules.length > 0) {
        if (from === '') await insertSharedKeys(trx, ctx.ws.dialect, object, sqlRules, job.id, scope)
        await insertSqlKeys(trx, ctx.ws.dialect, object, sqlRules, job.id, { ids: { after: from, to }, scope })
      }
      if (jsRules.length > 0) await deps.repo.addKeys(trx, job.id, (await jsKeys(trx, from, to)).filter(({ key }) => sketch.mayBeShared(key.rule, key.key)))
      return deps.repo.advanceScan(trx, job.id, from, to, count)
    })
    await deps.afterBatch?.(job)
  }
  if (!(await deps.repo.setPhase(ctx.ws.db, job.id, 'scan', 'group'))) throw new JobStopped()
}

type NewGroup = Omit<StoredGroup, 'id' | 'dismissedAt'>

function groupsOf(job: DuplicateJobRow, rule: ResolvedRule, members: { key: string; recordId: string; value: string | null }[]): NewGroup[] {
  const byKey = new Map<string, { id: string; name: string }[]>()
  for (const m of members) {
    const list = byKey.get(m.key)
    if (list) list.push({ id: m.recordId, name: m.value ?? '' })
    else byKey.set(m.key, [{ id: m.recordId, name: m.value ?? '' }])
  }
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

/** True when every id is inside one earlier "not duplicates" set. */
function isDismissed(dismissals: Map<string, Set<string>>, ids: string[]): boolean {
  const first = dismissals.get(ids[0])
  if (!first) return false
  for (const dismissal of first) if (ids.every((id) => dismissals.get(id)?.has(dismissal))) return true
  return false
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
      // One look-up of "not duplicates" sets for the whole page instead of one per group.
      const dismissals = await deps.repo.dismissalsOf(ctx.ws.db, object.apiName, [...new Set(candidates.flatMap((g) => g.recordIds))])
      const fresh: NewGroup[] = []
      for (const g of candidates) {
        const setKey = g.recordIds.join(',')
        if (seen.has(setKey) || isDismissed(dismissals, g.recordIds)) continue
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
