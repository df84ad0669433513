/**
 * A call's state is a pure fold over all of its events, ordered by when they happened (then by
 * sequence), so the order they arrived in does not matter: an `ended` that overtook its
 * `answered` gives the same state as the two in order. The timeout sweeper's synthetic end
 * (reason `timeout`) loses to any real end that arrives later.
 */
import type { CallDirection, CallEvent, EndReason } from './call-event.js'

export type CallStatus = 'ringing' | 'queued' | 'answered' | 'ended'

export interface CallState {
  callId: string
  status: CallStatus
  direction: CallDirection | null
  from: string | null
  to: string | null
  queue: string | null
  agentId: string | null
  startedAt: string
  answeredAt: string | null
  endedAt: string | null
  endReason: EndReason | null
  recordingUrl: string | null
  digits: string | null
  eventCount: number
  lastEventAt: string
}

const byTime = (a: CallEvent, b: CallEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.sequence - b.sequence)

/** Whole seconds the caller talked: answer to end; 0 for a call never answered. */
export function talkSeconds(state: Pick<CallState, 'answeredAt' | 'endedAt'>): number | null {
  if (!state.endedAt) return null
  if (!state.answeredAt) return 0
  return Math.max(0, Math.round((Date.parse(state.endedAt) - Date.parse(state.answeredAt)) / 1000))
}

export function foldCall(events: readonly CallEvent[]): CallState {
  if (events.length === 0) throw new Error('a call has at least one event')
  const ordered = [...events].sort(byTime)
  const first = ordered[0]
  const state: CallState = {
    callId: first.callId, status: 'ringing', direction: null, from: null, to: null, queue: null, agentId: null,
    startedAt: first.at, answeredAt: null, endedAt: null, endReason: null, recordingUrl: null, digits: null,
    eventCount: ordered.length, lastEventAt: ordered[ordered.length - 1].at,
  }
  let realEnd: CallEvent | undefined
  let timeoutEnd: CallEvent | undefined
  let queued = false
  for (const event of ordered) {
    state.direction ??= event.direction ?? null
    state.from ??= event.from ?? null
    state.to ??= event.to ?? null
    if (event.queue) state.queue = event.queue
    if (event.agentId && event.event !== 'ended') state.agentId = event.agentId
    switch (event.event) {
      case 'queued': queued = true; break
      case 'answered': state.answeredAt ??= event.at; break
      case 'transferred': if (event.target) state.agentId = event.target; break
      case 'dtmf': state.digits = `${state.digits ?? ''}${event.digits ?? ''}`.slice(-64); break
      case 'recordingReady': state.recordingUrl = event.url ?? state.recordingUrl; break
      case 'ended':
        if (event.reason === 'timeout') timeoutEnd ??= event
        else realEnd ??= event
        break
      default: break
    }
  }
  const end = realEnd ?? timeoutEnd
  if (end) {
    state.status = 'ended'
    state.endedAt = end.at
    state.endReason = end.reason ?? (state.answeredAt ? 'completed' : 'abandoned')
  } else state.status = state.answeredAt ? 'answered' : queued ? 'queued' : 'ringing'
  return state
}
