/**
 * Twilio Programmable Voice webhooks (form-encoded): the voice URL and the status callback.
 * CallStatus drives the event; Digits (a <Gather>) is DTMF; RecordingUrl with
 * RecordingStatus=completed is a recording. Status callbacks carry SequenceNumber, voice URL
 * requests do not (0 then; their event type differs, so the idempotency key still holds).
 * Signature: base64 HMAC-SHA1 over the full URL followed by every POST parameter name and
 * value, sorted by name, keyed with the account's auth token (the line's secret).
 */
import { createHmac } from 'node:crypto'
import type { EndReason } from '../call-event.js'
import { compact, number, text, type Adapter } from './adapter.js'
import { sameText } from '../phone-lines.service.js'

const ENDED: Record<string, EndReason> = { completed: 'completed', busy: 'busy', 'no-answer': 'noAnswer', failed: 'failed', canceled: 'cancelled' }

export function twilioSignature(authToken: string, url: string, params: Record<string, unknown>): string {
  const data = Object.keys(params).sort().reduce((acc, key) => {
    const value = params[key]
    return acc + (Array.isArray(value) ? [...value].sort().map((v) => key + String(v)).join('') : key + String(value ?? ''))
  }, url)
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64')
}

export const isValidTwilioSignature = (authToken: string, url: string, params: Record<string, unknown>, header: string | undefined) =>
  typeof header === 'string' && sameText(twilioSignature(authToken, url, params), header)

export const twilioAdapter: Adapter = (p) => {
  const callId = text(p.CallSid)
  if (!callId) return []
  const status = text(p.CallStatus) ?? ''
  const direction = text(p.Direction)?.startsWith('outbound') ? 'outbound' : 'inbound'
  const base = {
    callId, sequence: Number(text(p.SequenceNumber) ?? 0) || 0, timestamp: p.Timestamp ? new Date(String(p.Timestamp)).toISOString() : new Date().toISOString(),
    from: number(p.From ?? p.Caller), to: number(p.To ?? p.Called), direction, queue: text(p.QueueSid ? p.QueueName ?? p.QueueSid : undefined),
  }
  const events = []
  if (text(p.Digits)) events.push(compact({ ...base, event: 'dtmf', digits: text(p.Digits) }))
  if (text(p.RecordingUrl) && (text(p.RecordingStatus) ?? 'completed') === 'completed') events.push(compact({ ...base, event: 'recordingReady', url: text(p.RecordingUrl) }))
  if (events.length > 0) return events
  if (status === 'ringing' || status === 'initiated') return [compact({ ...base, event: 'ringing' })]
  if (status === 'queued') return [compact({ ...base, event: direction === 'inbound' ? 'queued' : 'ringing' })]
  if (status === 'in-progress' || status === 'answered') return [compact({ ...base, event: 'answered' })]
  if (ENDED[status]) return [compact({ ...base, event: 'ended', reason: ENDED[status] })]
  return []
}
