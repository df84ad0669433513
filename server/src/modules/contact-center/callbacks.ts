/**
 * Callbacks: a waiting caller who chose to be called back (DTMF in the queue, or the API)
 * leaves the line; the ACD call keeps its place and priority as kind `callback`. When the
 * router hands it to an agent, a `task` activity is created for that agent, linked to the
 * caller's person and due at once; the list below is what agents and supervisors work from.
 */
import type { Kysely } from 'kysely'
import type { CallbackStatus, CallbackView } from '../../../../contracts/contact-center-telephony.js'
import type { WorkspaceDb } from '../../db/database.js'
import { getObject } from '../../engine/metadata-store.js'
import { createRecord, type RecordContext } from '../../engine/records.js'
import type { CallRow } from './acd/acd.repository.js'

const OPEN: CallbackStatus[] = ['waiting', 'assigned', 'answered']
const CLOSED: CallbackStatus[] = ['ended', 'cancelled']

/** Telephony's ACD call ids are `<lineId>:<callId>` (call-routing-port.ts acdCallId). */
export function splitAcdCallId(id: string): { lineId: string; callId: string } | null {
  const at = id.indexOf(':')
  return at > 0 ? { lineId: id.slice(0, at), callId: id.slice(at + 1) } : null
}

/** The caller's number as the telephony intake stored it (null for calls queued over the ACD API). */
export async function callerNumber(db: Kysely<any>, acdCallId: string): Promise<string | null> {
  const parts = splitAcdCallId(acdCallId)
  if (!parts) return null
  const row = await db.selectFrom('calls').select(['from_number']).where('line_id', '=', parts.lineId).where('call_id', '=', parts.callId).executeTakeFirst()
  return row?.from_number ?? null
}

export async function listCallbacks(ws: WorkspaceDb, filter: 'open' | 'closed' | 'all', limit: number, agentId: string | null, only?: string): Promise<CallbackView[]> {
  let query = ws.db.selectFrom('acd_calls').selectAll().where('kind', '=', 'callback')
  if (only !== undefined) query = query.where('id', '=', only)
  if (filter !== 'all') query = query.where('status', 'in', filter === 'open' ? OPEN : CLOSED)
  if (agentId) query = query.where('agent_id', '=', agentId)
  const rows = await query.orderBy('enqueued_at').orderBy('id').limit(limit).execute()
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString())
  return Promise.all(rows.map(async (r) => ({
    callId: r.id, queueId: r.queue_id, status: r.status, personId: r.person_id ?? null, number: await callerNumber(ws.db, r.id), agentId: r.agent_id ?? null,
    enqueuedAt: iso(r.enqueued_at)!, assignedAt: iso(r.assigned_at), endedAt: iso(r.ended_at), taskId: r.task_id ?? null,
  })))
}

/** The agent's task for a callback that reached them, in the router's transaction. */
export async function createCallbackTask(ctx: RecordContext, trx: Kysely<any>, call: CallRow, agentId: string, at: number): Promise<string | null> {
  const activities = ctx.metadata.objects.get('activities')
  if (!activities) return null
  const number = await callerNumber(trx, call.id)
  const names = new Set(getObject(ctx.metadata, 'activities').fields.map((f) => f.apiName))
  const values: Record<string, unknown> = {
    type: 'task', subject: `Call back ${number ?? 'the caller'}`, status: 'open', dueAt: new Date(at).toISOString(), ownerId: agentId,
  }
  if (call.personId && names.has('participants')) values.participants = [call.personId]
  const inTrx: RecordContext = { ...ctx, ws: { ...ctx.ws, db: trx } }
  return (await createRecord(inTrx, trx, activities, values)).id
}
