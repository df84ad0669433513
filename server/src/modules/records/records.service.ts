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
import { visibleHistory } from '../../engine/history-visibility.js'
import { readTimeline, type TimelinePage } from '../../engine/timeline.js'
import type { SearchHit } from '../../engine/search.js'
import { searchAsCaller } from '../../engine/search-access.js'
import { visibleObject } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import type { AccessService } from '../access/access.service.js'
import { requestHash, runIdempotent } from './idempotency.js'
import { runBatch, type BatchOperation, type BatchResult } from './batch.js'

/** Who a write is attributed to: the user, or the role-level key. */
export const actorOf = (principal: Principal): string => principal.userId ?? `key:${principal.credentialId}`

export function createRecordsService(deps: { workspaces: WorkspacesService; access: AccessService }) {
  async function contextFor(principal: Principal): Promise<RecordContext> {
    const workspace = await deps.workspaces.get(principal.workspaceId)
    const policy = await deps.access.policy(principal.workspaceId, principal.roleId, principal.userId)
    return deps.workspaces.recordContext(workspace, actorOf(principal), policy)
  }

  async function resolve(principal: Principal, objectName: string) {
    const ctx = await contextFor(principal)
    return { ctx, object: getObject(ctx.metadata, objectName) }
  }

  const inTransaction = <T>(ctx: RecordContext, work: (trx: Kysely<any>) => Promise<T>) => ctx.ws.db.transaction().execute(work)

  return {
    contextFor,
    async list(principal: Principal, objectName: string, query: ListQuery): Promise<ListResult> {
      const { ctx, object } = await resolve(principal, objectName)
      return listRecords(ctx, object, query)
    },

    async get(principal: Principal, objectName: string, id: string, fields?: string[]): Promise<ApiRecord> {
      const { ctx, object } = await resolve(principal, objectName)
      return getRecord(ctx, ctx.ws.db, object, id, { fields })
    },

    /** Creates a record; with an Idempotency-Key a retry returns the first answer. */
    async create(principal: Principal, objectName: string, body: unknown, idempotencyKey?: string): Promise<{ status: number; record: ApiRecord; replayed: boolean }> {
      const { ctx, object } = await resolve(principal, objectName)
      if (!idempotencyKey) {
        const record = await inTransaction(ctx, (trx) => createRecord(ctx, trx, object, body))
        return { status: 201, record, replayed: false }
      }
      const hash = requestHash(['create', objectName, body])
      const result = await runIdempotent(ctx.ws, principal.credentialId, idempotencyKey, hash, async (trx) => ({
        status: 201, body: await createRecord(ctx, trx, object, body),
      }))
      return { status: result.status, record: result.body as ApiRecord, replayed: result.replayed }
    },

    async update(principal: Principal, objectName: string, id: string, body: unknown, ifMatch?: number): Promise<ApiRecord> {
      const { ctx, object } = await resolve(principal, objectName)
      return inTransaction(ctx, (trx) => updateRecord(ctx, trx, object, id, body, { ifMatch }))
    },

    async remove(principal: Principal, objectName: string, id: string, ifMatch?: number): Promise<void> {
      const { ctx, object } = await resolve(principal, objectName)
      await inTransaction(ctx, (trx) => softDeleteRecord(ctx, trx, object, id, ifMatch))
    },

    async restore(principal: Principal, objectName: string, id: string): Promise<ApiRecord> {
      const { ctx, object } = await resolve(principal, objectName)
      return inTransaction(ctx, (trx) => restoreRecord(ctx, trx, object, id))
    },

    async batch(principal: Principal, objectName: string, operations: BatchOperation[]): Promise<BatchResult[]> {
      const { ctx, object } = await resolve(principal, objectName)
      return runBatch(ctx, object, operations)
    },

    async timeline(principal: Principal, objectName: string, id: string, limit: number, cursor?: string): Promise<TimelinePage> {
      const { ctx, object } = await resolve(principal, objectName)
      const record = await getRecord(ctx, ctx.ws.db, object, id)
      return readTimeline(ctx, object, record, limit, cursor)
    },

    async history(principal: Principal, objectName: string, id: string, options: { before?: string; limit?: number }): Promise<HistoryEntry[]> {
      const { ctx, object } = await resolve(principal, objectName)
      await getRecord(ctx, ctx.ws.db, object, id, { fields: [], withDeleted: true })
      const view = visibleObject(ctx.access, object)
      return visibleHistory(view, await readHistory(ctx.ws.db, ctx.ws.dialect, id, options))
    },

    async search(principal: Principal, query: string, objects: string[] | undefined, limit: number): Promise<SearchHit[]> {
      const ctx = await contextFor(principal)
      objects?.forEach((name, i) => {
        if (!ctx.metadata.objects.has(name)) throw fieldError(`/query/objects/${i}`, `there is no object named ${JSON.stringify(name.slice(0, 100))}`)
      })
      return searchAsCaller(ctx, query, objects ?? null, limit)
    },
  }
}

export type RecordsService = ReturnType<typeof createRecordsService>
