/**
 * Zammad's "Generic CTI" push API, which many PBXs (Placetel, sipgate, 3CX scripts…) already
 * speak: `event` newCall / answer / hangup with from, to, direction (in/out), callId, user[]
 * (the agents' names), queue, cause (hangup) and answeringNumber (answer). One event of each
 * kind per call, so the sequence is 0.
 */
import type { EndReason } from '../call-event.js'
import { compact, number, text, type Adapter } from './adapter.js'

const CAUSES: Record<string, EndReason> = {
  normalClearing: 'completed', busy: 'busy', cancel: 'cancelled', noAnswer: 'noAnswer', congestion: 'failed', notFound: 'failed', forwarded: 'completed',
}

/** Zammad sends international numbers without "+" (493055571600) and national ones with a leading 0. */
function zammadNumber(value: unknown): string | undefined {
  const raw = number(value)
  return raw && /^[1-9]\d{7,14}$/.test(raw) ? `+${raw}` : raw
}

/** Zammad's `user[]` (form) or `user` (JSON, string or list): the first name, if any. */
export function firstUser(payload: Record<string, unknown>): string | undefined {
  const value = payload['user[]'] ?? payload.user
  return text(Array.isArray(value) ? value[0] : value)
}

export const zammadAdapter: Adapter = (p) => {
  const callId = text(p.callId)
  const event = text(p.event)
  if (!callId || !event) return []
  const base = {
    callId, sequence: 0, timestamp: new Date().toISOString(), from: zammadNumber(p.from), to: zammadNumber(p.to),
    direction: text(p.direction) === 'out' ? 'outbound' : 'inbound', queue: text(p.queue),
  }
  if (event === 'newCall') return [compact({ ...base, event: 'ringing', agentId: firstUser(p) })]
  if (event === 'answer') return [compact({ ...base, event: 'answered', agentId: text(p.answeringNumber) ?? firstUser(p) })]
  if (event === 'hangup') return [compact({ ...base, event: 'ended', reason: CAUSES[text(p.cause) ?? 'normalClearing'] ?? 'completed' })]
  return []
}
