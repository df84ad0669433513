/**
 * The provider-agnostic call event: what `POST /api/v1/telephony/events` accepts and what every
 * adapter (Twilio, Asterisk, FreeSWITCH, Zammad CTI) produces. Numbers are normalised to E.164
 * with the workspace's default country; anything else about an event is checked here too, so
 * the intake below works only with clean values.
 */
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js'
import { Type, type Static } from 'typebox'
import { ProblemCollector } from '../../errors.js'

export const CALL_EVENT_TYPES = ['ringing', 'queued', 'answered', 'dtmf', 'transferred', 'ended', 'recordingReady'] as const
export type CallEventType = (typeof CALL_EVENT_TYPES)[number]
export const CALL_DIRECTIONS = ['inbound', 'outbound', 'internal'] as const
export type CallDirection = (typeof CALL_DIRECTIONS)[number]
export const END_REASONS = ['completed', 'busy', 'noAnswer', 'failed', 'cancelled', 'abandoned', 'rejected', 'timeout'] as const
export type EndReason = (typeof END_REASONS)[number]

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })

/** The request body: loosely typed numbers (any string), checked and normalised by `normaliseEvent`. */
export const CallEventBody = Type.Object({
  callId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' }),
  event: Type.Union(CALL_EVENT_TYPES.map((e) => Type.Literal(e))),
  sequence: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  timestamp: Type.String({ format: 'date-time' }),
  from: Type.Optional(Text(40)),
  to: Type.Optional(Text(40)),
  direction: Type.Optional(Type.Union(CALL_DIRECTIONS.map((d) => Type.Literal(d)))),
  queue: Type.Optional(Text(100)),
  agentId: Type.Optional(Text(200)),
  reason: Type.Optional(Type.Union(END_REASONS.map((r) => Type.Literal(r)))),
  digits: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-D*#]+$' })),
  target: Type.Optional(Text(200)),
  url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, pattern: '^https?://' })),
}, { additionalProperties: false })
export type CallEventBody = Static<typeof CallEventBody>

/** A checked event: numbers in E.164, time as ISO UTC. */
export interface CallEvent {
  callId: string
  event: CallEventType
  sequence: number
  at: string
  from?: string
  to?: string
  direction?: CallDirection
  queue?: string
  agentId?: string
  reason?: EndReason
  digits?: string
  target?: string
  url?: string
}

/** Events that may open a call. Others also do (out-of-order delivery), see decision 010. */
export const STARTING_EVENTS: ReadonlySet<CallEventType> = new Set(['ringing', 'queued'])

/**
 * E.164 for a number as a PBX sends it (international, national for the default country,
 * `00…`); undefined when it is not a possible phone number. Internal extensions (2–6 digits)
 * are kept as they are, since a PBX reports them for agent legs.
 */
export function toE164(raw: string, country: string | null): string | undefined {
  const value = raw.trim().replace(/^00/, '+')
  if (/^\d{2,6}$/.test(value)) return value
  try {
    const phone = parsePhoneNumberWithError(value, { defaultCountry: (country ?? undefined) as CountryCode | undefined })
    return phone.isPossible() ? phone.number : undefined
  } catch {
    return undefined
  }
}

/** Checks numbers and time of a body; every bad field is named (JSON pointer under `prefix`). */
export function normaliseEvent(body: CallEventBody, country: string | null, prefix = ''): CallEvent {
  const problems = new ProblemCollector()
  const number = (field: 'from' | 'to') => {
    const raw = body[field]
    if (raw === undefined) return undefined
    const e164 = toE164(raw, country)
    if (!e164) problems.add(`${prefix}/${field}`, 'must be a phone number (E.164, or national for the workspace country)')
    return e164
  }
  const from = number('from')
  const to = number('to')
  const time = Date.parse(body.timestamp)
  if (Number.isNaN(time)) problems.add(`${prefix}/timestamp`, 'must be an ISO 8601 date-time')
  if (body.event === 'dtmf' && !body.digits) problems.add(`${prefix}/digits`, 'is required for a dtmf event')
  if (body.event === 'recordingReady' && !body.url) problems.add(`${prefix}/url`, 'is required for a recordingReady event')
  problems.throwIfAny()
  const { timestamp: _timestamp, from: _from, to: _to, ...rest } = body
  return { ...rest, at: new Date(time).toISOString(), ...(from ? { from } : {}), ...(to ? { to } : {}) }
}
