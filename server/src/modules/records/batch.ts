/**
 * Batch writes: up to 1000 operations in one transaction, all or nothing. Every operation is
 * validated first and all problems are reported together (pointers `/operations/<i>/…`);
 * only a fully valid batch is executed, and a failure while writing rolls everything back.
 */
import { sql } from 'kysely'
import { AppError, ProblemCollector } from '../../errors.js'
import { isId } from '../../engine/ids.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import type { ApiRecord, ParsedInput } from '../../engine/record-codec.js'
import { createRecord, createRecordsBulk, listRecords, softDeleteRecord, updateRecord, type RecordContext } from '../../engine/records.js'
import { andScope, parseForWrite } from '../../engine/record-access.js'
import type { BatchOperation, BatchResult as BatchResultOf } from '../../../../contracts/batch.js'

export const MAX_BATCH_OPERATIONS = 1000

export type { BatchOperation }
export type BatchResult = BatchResultOf<ApiRecord>

type Planned = { index: number; op: BatchOperation; kind: 'create' | 'update' | 'delete'; id?: string; parsed?: ParsedInput }

async function existingLiveIds(ctx: RecordContext, object: ObjectMeta, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await sql<{ id: string }>`select id from ${sql.table(object.tableName)}
    where deleted_at is null ${andScope(ctx, object, 'read')} and id in (${sql.join(ids)})`.execute(ctx.ws.db)
  return new Set(rows.rows.map((r) => r.id))
}

async function findByField(ctx: RecordContext, object: ObjectMeta, fieldName: string, value: unknown): Promise<string[]> {
  const page = await listRecords(ctx, object, { filter: { field: fieldName, op: 'eq', value }, limit: 2, fields: [] })
  return page.data.map((r) => r.id)
}

export async function runBatch(ctx: RecordContext, object: ObjectMeta, operations: BatchOperation[]): Promise<BatchResult[]> {
  const problems = new ProblemCollector()
  const live = await existingLiveIds(ctx, object, operations.map((o) => o.id).filter(isId))
  const plan: Planned[] = []
  for (const [index, op] of operations.entries()) {
    const at = `/operations/${index}`
    let kind: Planned['kind'] = op.op === 'upsert' ? 'create' : op.op
    let id = op.id
    if (op.op === 'upsert') {
      if (id) kind = live.has(id) ? 'update' : 'create'
      else if (op.matchOn) {
        const matches = await findByField(ctx, object, op.matchOn, op.data?.[op.matchOn]).catch((error) => {
          problems.add(`${at}/matchOn`, (error as Error).message)
          return []
        })
        if (matches.length > 1) problems.add(`${at}/matchOn`, `${matches.length} records match; use an id`)
        if (matches.length === 1) {
          kind = 'update'
          id = matches[0]
        }
      } else problems.add(at, 'upsert needs an id or matchOn')
      if (kind === 'create' && id) problems.add(`${at}/id`, 'no record with this id; ids of new records are assigned by the server')
    }
    if (kind !== 'create' && (!id || (op.op !== 'upsert' && !live.has(id)))) problems.add(`${at}/id`, id ? `no ${object.labelSingular} with this id` : 'is required')
    if (kind === 'create' && op.op === 'create' && op.id) problems.add(`${at}/id`, 'ids of new records are assigned by the server')
    if (kind !== 'delete' && op.data === undefined) problems.add(`${at}/data`, 'is required')
    plan.push({ index, op, kind, id })
  }
  // One pass over all bodies, so references are checked with one query per target object.
  for (const mode of ['create', 'update'] as const) {
    const items = plan.filter((item) => item.kind === mode && item.op.data !== undefined)
    const parsed = await parseForWrite(ctx, ctx.ws.db, object, items.map((item) => ({ input: item.op.data, pointer: `/operations/${item.index}/data` })), mode, problems)
    items.forEach((item, i) => { item.parsed = parsed[i] })
  }
  problems.throwIfAny('batch-failed')
  if (plan.every((item) => item.kind === 'create')) return createAll(ctx, object, plan)
  return ctx.ws.db.transaction().execute(async (trx) => {
      const results: BatchResult[] = []
      for (const item of plan) {
        const at = `/operations/${item.index}`
        try {
          if (item.kind === 'create') {
            const record = await createRecord(ctx, trx, object, item.op.data, `${at}/data`, item.parsed)
            results.push({ op: item.op.op, id: record.id, status: 'created', data: record })
          } else if (item.kind === 'update') {
            const record = await updateRecord(ctx, trx, object, item.id!, item.op.data, { pointer: `${at}/data`, prevalidated: item.parsed })
            results.push({ op: item.op.op, id: record.id, status: 'updated', data: record })
          } else {
            await softDeleteRecord(ctx, trx, object, item.id!)
            results.push({ op: item.op.op, id: item.id!, status: 'deleted' })
          }
        } catch (error) {
          if (error instanceof AppError) {
            const errors = error.errors?.length ? error.errors : [{ pointer: at, detail: error.message }]
            throw new AppError('batch-failed', `operation ${item.index}: ${error.message}`, { errors, extensions: { failedOperation: item.index } })
          }
          throw error
        }
      }
      return results
  })
}

/** All-create batches (imports, syncs) take the engine's multi-row insert path. */
async function createAll(ctx: RecordContext, object: ObjectMeta, plan: Planned[]): Promise<BatchResult[]> {
  try {
    const records = await ctx.ws.db.transaction().execute((trx) =>
      createRecordsBulk(ctx, trx, object, plan.map((item) => item.op.data), { parsed: plan.map((item) => item.parsed!) }))
    return records.map((record, i) => ({ op: plan[i].op.op, id: record.id, status: 'created', data: record }))
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'unique-violation') throw error
    // A multi-row insert does not say which row collided: replay one by one to name it.
    return ctx.ws.db.transaction().execute(async (trx) => {
      for (const item of plan) {
        try {
          await createRecord(ctx, trx, object, item.op.data, `/operations/${item.index}/data`, item.parsed)
        } catch (inner) {
          if (!(inner instanceof AppError)) throw inner
          throw new AppError('batch-failed', `operation ${item.index}: ${inner.message}`, { errors: inner.errors, extensions: { failedOperation: item.index } })
        }
      }
      throw error
    })
  }
}
