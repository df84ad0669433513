/**
 * Asterisk REST Interface (ARI) events as an ARI application receives them over its WebSocket
 * and relays them here: StasisStart (a call entered the app: ringing), ChannelStateChange to
 * "Up" (answered), ChannelDtmfReceived, ChannelHangupRequest / StasisEnd / ChannelDestroyed
 * (ended, with the Q.850 cause). ARI has no sequence number, so the event's millisecond
 * timestamp is its sequence: a redelivered event keeps it, two DTMF digits differ.
 */
import type { EndReason } from '../call-event.js'
import { compact, number, text, type Adapter, type AdapterPayload } from './adapter.js'

/** Q.850 cause codes → the reason a call ended. */
export function reasonFromQ850(cause: number | undefined, answered = true): EndReason {
  if (cause === 17) return 'busy'
  if (cause === 18 || cause === 19) return 'noAnswer'
  if (cause === 21) return 'rejected'
  if (cause === 16 || cause === 31 || cause === undefined) return answered ? 'completed' : 'cancelled'
  return 'failed'
}

export const asteriskAdapter: Adapter = (p) => {
  const channel = (p.channel ?? {}) as AdapterPayload
  const callId = text((channel as { linkedid?: unknown }).linkedid) ?? text(channel.id)
  if (!callId) return []
  const caller = (channel.caller ?? {}) as AdapterPayload
  const dialplan = (channel.dialplan ?? {}) as AdapterPayload
  const time = Date.parse(String(p.timestamp ?? ''))
  const at = Number.isNaN(time) ? Date.now() : time
  const base = {
    callId, sequence: at, timestamp: new Date(at).toISOString(), from: number(caller.number), to: number(dialplan.exten),
    direction: 'inbound',
  }
  const cause = typeof p.cause === 'number' ? p.cause : undefined
  switch (p.type) {
    case 'StasisStart': return [compact({ ...base, event: channel.state === 'Up' ? 'answered' : 'ringing' })]
    case 'ChannelStateChange': return channel.state === 'Up' ? [compact({ ...base, event: 'answered' })] : []
    case 'ChannelDtmfReceived': return text(p.digit) ? [compact({ ...base, event: 'dtmf', digits: text(p.digit) })] : []
    case 'ChannelHangupRequest':
    case 'ChannelDestroyed': return [compact({ ...base, sequence: 0, event: 'ended', reason: reasonFromQ850(cause, channel.state === 'Up') })]
    case 'StasisEnd': return [compact({ ...base, sequence: 0, event: 'ended', reason: 'completed' })]
    default: return []
  }
}
