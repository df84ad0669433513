/**
 * Idempotency-Key on POST (Stripe's rules): the first request's status and body are stored
 * in the same transaction as its effect; a replay with the same key gets them back unchanged;
 * the same key with a different request answers 422. Keys are scoped per workspace (the
 * table lives in the workspace's store) and per credential, and expire after 24 hours.
 */
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { WorkspaceDb } from '../../db/database.js'
import { AppError, fieldError } from '../../errors.js'

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/

export interface StoredResponse {
  status: number
  body: unknown
}

export function requestHash(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

export function checkIdempotencyKey(key: string | string[] | undefined): string | undefined {
  if (key === undefined) return undefined
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw fieldError('/headers/idempotency-key', 'must be 1–255 visible ASCII characters')
  return key
}

async function findStored(db: Kysely<any>, ws: WorkspaceDb, credentialId: string, key: string, hash: string): Promise<StoredResponse | undefined> {
  const row = await db.selectFrom('idempotency_keys').selectAll().where('credential_id', '=', credentialId).where('key', '=', key).executeTakeFirst()
  if (!row) return undefined
  const createdAt = ws.dialect.fromDb('timestamp', row.created_at) as string
  if (Date.now() - new Date(createdAt).getTime() > IDEMPOTENCY_TTL_MS) {
    await db.deleteFrom('idempotency_keys').where('credential_id', '=', credentialId).where('key', '=', key).execute()
    return undefined
  }
  if (row.request_hash !== hash) throw new AppError('idempotency-key-reused', 'This Idempotency-Key was used with a different request; use a new key')
  return { status: Number(row.status), body: ws.dialect.fromDb('json', row.response) }
}

/**
 * Runs `effect` in a transaction unless the key was seen; returns the (possibly replayed)
 * response. A concurrent twin loses on the key's primary key and replays the winner's answer.
 */
export async function runIdempotent(
  ws: WorkspaceDb, credentialId: string, key: string, hash: string, effect: (trx: Transaction<any>) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  try {
    return await ws.db.transaction().execute(async (trx) => {
      const stored = await findStored(trx, ws, credentialId, key, hash)
      if (stored) return { ...stored, replayed: true }
      const response = await effect(trx)
      await trx.insertInto('idempotency_keys').values({
        credential_id: credentialId, key, request_hash: hash, status: response.status,
        response: ws.dialect.toDb('json', response.body), created_at: new Date().toISOString(),
      }).execute()
      return { ...response, replayed: false }
    })
  } catch (error) {
    if (!ws.dialect.isUniqueViolation(error)) throw error
    const stored = await findStored(ws.db, ws, credentialId, key, hash)
    if (!stored) throw new AppError('idempotency-in-flight', 'A request with this Idempotency-Key is still in progress; retry shortly')
    return { ...stored, replayed: true }
  }
}
