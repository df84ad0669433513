/**
 * Bulk writes over the batch endpoint: at most 1000 operations per request, each request all
 * or nothing. A refused request names its bad operations (`/operations/<i>/…`); those are
 * reported per record and the rest of the chunk is sent again, so one bad record does not
 * hold back the others. Undo of a delete restores each record (POST …/:id/restore).
 */
import { isApiError } from '../../api/client.js'
import { restoreRecord, runBatch, type BatchOperation } from '../../api/record-writes.js'

export const MAX_BATCH_OPERATIONS = 1000
/** Restores run a few at a time: one request per record. */
const RESTORE_CONCURRENCY = 6

export interface ItemProblem {
  id: string
  detail: string
}

export interface BulkOutcome {
  done: string[]
  failed: ItemProblem[]
}

export function chunk<T>(items: T[], size = MAX_BATCH_OPERATIONS): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

const OPERATION_POINTER = /^\/operations\/(\d+)(?:\/(.*))?$/

/** Which operations a refused batch blames, with what it says about each. */
function blamed(error: unknown, count: number): Map<number, string> | null {
  if (!isApiError(error) || error.status >= 500 || error.errors.length === 0) return null
  const byIndex = new Map<number, string>()
  for (const problem of error.errors) {
    const match = OPERATION_POINTER.exec(problem.pointer)
    if (!match || Number(match[1]) >= count) return null
    const index = Number(match[1])
    const detail = match[2] ? `${match[2]}: ${problem.detail}` : problem.detail
    byIndex.set(index, byIndex.has(index) ? `${byIndex.get(index)}; ${detail}` : detail)
  }
  return byIndex
}

async function runChunk(object: string, ids: string[], operationFor: (id: string) => BatchOperation, outcome: BulkOutcome): Promise<void> {
  let remaining = ids
  // Each retry drops at least one blamed operation, so this ends.
  while (remaining.length > 0) {
    try {
      await runBatch(object, remaining.map(operationFor))
      outcome.done.push(...remaining)
      return
    } catch (error) {
      const bad = blamed(error, remaining.length)
      if (!bad || bad.size === 0) {
        const detail = error instanceof Error ? error.message : String(error)
        outcome.failed.push(...remaining.map((id) => ({ id, detail })))
        return
      }
      outcome.failed.push(...[...bad].map(([index, detail]) => ({ id: remaining[index], detail })))
      remaining = remaining.filter((_, index) => !bad.has(index))
    }
  }
}

/** Applies one operation per id, 1000 per request. */
export async function runBulk(object: string, ids: string[], operationFor: (id: string) => BatchOperation): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: [], failed: [] }
  for (const part of chunk(ids)) await runChunk(object, part, operationFor, outcome)
  return outcome
}

export const bulkDelete = (object: string, ids: string[]) => runBulk(object, ids, (id) => ({ op: 'delete', id }))

export const bulkUpdate = (object: string, ids: string[], data: Record<string, unknown>) => runBulk(object, ids, (id) => ({ op: 'update', id, data }))

/** Undo of a bulk delete. */
export async function bulkRestore(object: string, ids: string[]): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: [], failed: [] }
  let next = 0
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]
      try {
        await restoreRecord(object, id)
        outcome.done.push(id)
      } catch (error) {
        outcome.failed.push({ id, detail: error instanceof Error ? error.message : String(error) })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(RESTORE_CONCURRENCY, ids.length) }, worker))
  return outcome
}
