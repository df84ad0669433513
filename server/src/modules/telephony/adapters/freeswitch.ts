/**
 * FreeSWITCH events in JSON (mod_event_socket `event json …`, or mod_json_cdr-style relays):
 * CHANNEL_CREATE (ringing), CHANNEL_ANSWER, DTMF, CHANNEL_BRIDGE (transferred to the other
 * leg), CHANNEL_HANGUP_COMPLETE (ended, with Hangup-Cause), RECORD_STOP (recording). The call
 * is the A-leg's Unique-ID (Channel-Call-UUID when present); Event-Sequence is the sequence.
 */
import type { EndReason } from '../call-event.js'
import { compact, number, text, type Adapter } from './adapter.js'

const CAUSES: Record<string, EndReason> = {
  NORMAL_CLEARING: 'completed', USER_BUSY: 'busy', NO_ANSWER: 'noAnswer', NO_USER_RESPONSE: 'noAnswer', CALL_REJECTED: 'rejected',
  ORIGINATOR_CANCEL: 'cancelled', LOSE_RACE: 'cancelled',
}

/** Event-Date-Timestamp is microseconds since the epoch. */
function timeOf(value: unknown): string {
  const micros = Number(text(value))
  return Number.isFinite(micros) && micros > 0 ? new Date(Math.floor(micros / 1000)).toISOString() : new Date().toISOString()
}

export const freeswitchAdapter: Adapter = (p) => {
  const callId = text(p['Channel-Call-UUID']) ?? text(p['Unique-ID'])
  if (!callId) return []
  const direction = text(p['Call-Direction']) === 'outbound' ? 'outbound' : 'inbound'
  const base = {
    callId, sequence: Number(text(p['Event-Sequence']) ?? 0) || 0, timestamp: timeOf(p['Event-Date-Timestamp']),
    from: number(p['Caller-Caller-ID-Number']), to: number(p['Caller-Destination-Number']), direction,
    queue: text(p['variable_cc_queue']),
  }
  const answered = text(p['Answer-State']) === 'answered' || text(p['variable_answersec']) !== undefined && text(p['variable_answersec']) !== '0'
  switch (p['Event-Name']) {
    case 'CHANNEL_CREATE': return [compact({ ...base, event: 'ringing' })]
    case 'CHANNEL_ANSWER': return [compact({ ...base, event: 'answered' })]
    case 'DTMF': return text(p['DTMF-Digit']) ? [compact({ ...base, event: 'dtmf', digits: text(p['DTMF-Digit']) })] : []
    case 'CHANNEL_BRIDGE': return [compact({ ...base, event: 'transferred', target: text(p['Other-Leg-Destination-Number']) ?? text(p['Other-Leg-Unique-ID']) })]
    case 'RECORD_STOP': {
      const url = text(p['variable_record_url'])
      return url ? [compact({ ...base, event: 'recordingReady', url })] : []
    }
    case 'CHANNEL_HANGUP_COMPLETE': {
      const cause = text(p['Hangup-Cause']) ?? 'NORMAL_CLEARING'
      const reason = CAUSES[cause] ?? 'failed'
      return [compact({ ...base, event: 'ended', reason: reason === 'completed' && !answered ? 'cancelled' : reason })]
    }
    default: return []
  }
}
