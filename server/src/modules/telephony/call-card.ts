/**
 * The call card is a `call` activity (standard object `activities`), so calls appear on the
 * person's and company's timeline, in lists, filters and search like any activity. These are
 * the fields a call adds to activities — created by the same metadata path as a user's custom
 * fields when the first phone line is made — and how a call's state fills them. A field an
 * administrator removed later is simply not written.
 */
import type { CreateFieldBody } from '../../../../contracts/field-types.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import { CALL_DIRECTIONS, END_REASONS } from './call-event.js'
import { talkSeconds, type CallState } from './call-state.js'
import type { CallerMatches } from './caller-match.js'
import { DISPOSITIONS } from '../../../../contracts/telephony.js'

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value.replace(/^./, (c) => c.toUpperCase()).replace(/([A-Z])/g, ' $1').trim() }))


export const CALL_FIELDS: CreateFieldBody[] = [
  { apiName: 'callDirection', label: 'Call direction', type: 'select', options: { choices: choices(CALL_DIRECTIONS) } },
  { apiName: 'callFrom', label: 'Call from', type: 'phone' },
  { apiName: 'callTo', label: 'Call to', type: 'phone' },
  { apiName: 'callStartedAt', label: 'Call started', type: 'dateTime' },
  { apiName: 'callAnsweredAt', label: 'Call answered', type: 'dateTime' },
  { apiName: 'callEndedAt', label: 'Call ended', type: 'dateTime' },
  { apiName: 'callDuration', label: 'Talk time (s)', type: 'number', options: { decimals: 0, min: 0 } },
  { apiName: 'callQueue', label: 'Queue', type: 'text' },
  { apiName: 'callAgent', label: 'Agent', type: 'text' },
  { apiName: 'callEndReason', label: 'End reason', type: 'select', options: { choices: choices(END_REASONS) } },
  { apiName: 'callDisposition', label: 'Disposition', type: 'select', options: { choices: choices(DISPOSITIONS) } },
  { apiName: 'callRecording', label: 'Recording', type: 'url' },
  /** Written by the IVR when the caller leaves it (contact-center/ivr-calls.ts). */
  { apiName: 'callIvrPath', label: 'IVR path', type: 'text' },
]

/** Call fields the activities object still lacks. */
export const missingCallFields = (activities: ObjectMeta) => CALL_FIELDS.filter((f) => !activities.fields.some((existing) => existing.apiName === f.apiName))

/** A phone number as a field accepts it: extensions ("101") are not phone numbers. */
const phoneValue = (n: string | null) => (n && n.startsWith('+') ? n : null)

/** The activity's values for a call state; `agentName` is the member's name when the agent is a user. */
export function cardValues(activities: ObjectMeta, state: CallState, agentName: string | null): Record<string, unknown> {
  const party = state.direction === 'outbound' ? state.to : state.from
  const values: Record<string, unknown> = {
    type: 'call',
    subject: state.direction === 'outbound' ? `Call to ${party ?? 'unknown'}` : `Call from ${party ?? 'unknown'}`,
    status: state.status === 'ended' ? 'done' : 'open',
    dueAt: state.startedAt,
    callDirection: state.direction, callFrom: phoneValue(state.from), callTo: phoneValue(state.to),
    callStartedAt: state.startedAt, callAnsweredAt: state.answeredAt, callEndedAt: state.endedAt, callDuration: talkSeconds(state),
    callQueue: state.queue, callAgent: agentName ?? state.agentId, callEndReason: state.endReason, callRecording: state.recordingUrl,
  }
  const names = new Set(activities.fields.map((f) => f.apiName))
  return Object.fromEntries(Object.entries(values).filter(([name]) => names.has(name)))
}

/** Links set when the card is created: matched people as participants, matched companies as links. */
export function cardLinks(activities: ObjectMeta, matches: CallerMatches): Record<string, unknown> {
  const names = new Set(activities.fields.map((f) => f.apiName))
  const links: Record<string, unknown> = {}
  if (names.has('participants') && matches.people.length) links.participants = matches.people.map((p) => p.id)
  if (names.has('links') && matches.companies.length) links.links = matches.companies.map((c) => ({ object: 'companies', id: c.id }))
  return links
}
