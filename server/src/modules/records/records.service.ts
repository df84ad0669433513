/**
 * @module records
 * Record use cases for any object: the service resolves the caller's workspace and metadata,
 * owns the transactions, and applies the API's rules (ETags, idempotency, batch atomicity)
 * around the record engine.
 */
import type { Kysely } from 'kysely'
import { fieldError } from '../../errors.js'
import { getObject } from '../../engine/metadata-store.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import {
  createRecord, getRecord, listRecords, restoreRecord, softDeleteRecord, updateRecord,
  type ListQuery, type ListResult, type RecordContext,
} from '../../engine/records.js'
import { readHistory, type HistoryEntry } from '../../engine/history.js'
import { readTimeline, type TimelineItem } from '../../engine/timeline.js'
import { searchRecords, type SearchHit } from '../../engine/search.js'
import type { Credential } from '../api-keys/api-keys.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { requestHash, runIdempotent } from './idempotency.js'
import { runBatch, type BatchOperation, type BatchResult } from './batch.js'

export function createRecordsService(deps: { workspaces: WorkspacesService }) {
  async function contextFor(credential: Credential): Promise<RecordContext> {
    const workspace = await deps.workspaces.get(credential.workspaceId)
    return deps.workspaces.recordContext(workspace, `key:${credential.keyId}`)
  }

  async function resolve(credential: Credential, objectName: string) {
    const ctx = await contextFor(credential)
    return { ctx, object: getObject(ctx.metadata, objectName) }
  }

  const inTransaction = <T>(ctx: RecordContext, work: (trx: Kysely<any>) => Promise<T>) => ctx.ws.db.transaction().execute(work)

  return {
    async list(credential: Credential, objectName: string, query: ListQuery): Promise<ListResult> {
      const { ctx, object } = await resolve(credential, objectName)
      return listRecords(ctx, object, query)
    },

    async get(credential: Credential, objectName: string, id: string, fields?: string[]): Promise<ApiRecord> {
      const { ctx, object } = await resolve(credential, objectName)
      return getRecord(ctx, ctx.ws.db, object, id, { fields })
    },

    /** Creates a record; with an Idempotency-Key a retry returns the first answer. */
    async create(credential: Credential, objectName: string, body: unknown, idempotencyKey?: string): Promise<{ status: number; record: ApiRecord; replayed: boolean }> {
      const { ctx, object } = await resolve(credential, objectName)
      if (!idempotencyKey) {
        const record = await inTransaction(ctx, (trx) => createRecord(ctx, trx, object, body))
        return { status: 201, record, replayed: false }
      }
      const hash = requestHash(['create', objectName, body])
      const result = await runIdempotent(ctx.ws, credential.keyId, idempotencyKey, hash, async (trx) => ({
        status: 201, body: await createRecord(ctx, trx, object, body),
      }))
      return { status: result.status, record: result.body as ApiRecord, replayed: result.replayed }
    },

    async update(credential: Credential, objectName: string, id: string, body: unknown, ifMatch?: number): Promise<ApiRecord> {
      const { ctx, object } = await resolve(credential, objectName)
      return inTransaction(ctx, (trx) => updateRecord(ctx, trx, object, id, body, { ifMatch }))
    },

    async remove(credential: Credential, objectName: string, id: string, ifMatch?: number): Promise<void> {
      const { ctx, object } = await resolve(credential, objectName)
      await inTransaction(ctx, (trx) => softDeleteRecord(ctx, trx, object, id, ifMatch))
    },

    async restore(credential: Credential, objectName: string, id: string): Promise<ApiRecord> {
      const { ctx, object } = await resolve(credential, objectName)
      return inTransaction(ctx, (trx) => restoreRecord(ctx, trx, object, id))
    },

    async batch(credential: Credential, objectName: string, operations: BatchOperation[]): Promise<BatchResult[]> {
      const { ctx, object } = await resolve(credential, objectName)
      return runBatch(ctx, object, operations)
    },

    async timeline(credential: Credential, objectName: string, id: string, limit: number): Promise<TimelineItem[]> {
      const { ctx, object } = await resolve(credential, objectName)
      const record = await getRecord(ctx, ctx.ws.db, object, id)
      return readTimeline(ctx, object, record, limit)
    },

    async history(credential: Credential, objectName: string, id: string, options: { before?: string; limit?: number }): Promise<HistoryEntry[]> {
      const { ctx, object } = await resolve(credential, objectName)
      await getRecord(ctx, ctx.ws.db, object, id, { fields: [], withDeleted: true })
      return readHistory(ctx.ws.db, ctx.ws.dialect, id, options)
    },

    async search(credential: Credential, query: string, objects: string[] | undefined, limit: number): Promise<SearchHit[]> {
      const ctx = await contextFor(credential)
      objects?.forEach((name, i) => {
        if (!ctx.metadata.objects.has(name)) throw fieldError(`/query/objects/${i}`, `there is no object named ${JSON.stringify(name.slice(0, 100))}`)
      })
      return searchRecords(ctx.ws.db, ctx.ws.dialect, query, objects ?? null, limit)
    },
  }
}

export type RecordsService = ReturnType<typeof createRecordsService>
