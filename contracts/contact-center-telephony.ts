import { Type, type Static } from 'typebox'

/**
 * How the contact center's decisions reach the phone system (docs/decisions/022-executing-
 * routing-decisions.md): the per-agent telephony endpoint, the provider-neutral call command the
 * Asterisk ARI / FreeSWITCH adapters answer (their dialplan or ESL script executes it; the
 * Twilio adapter renders the same command as TwiML), and the callback list.
 */
export const ENDPOINT_KINDS = ['client', 'sip', 'number', 'extension'] as const
export type EndpointKind = (typeof ENDPOINT_KINDS)[number]

/** Address patterns per kind; the service names `/address` when one does not fit its kind. */
export const ENDPOINT_PATTERNS: Record<EndpointKind, string> = {
  /** A Twilio Client identity. */
  client: '^[A-Za-z0-9_.@-]{1,120}$',
  /** sip: or sips: URI with a host. */
  sip: '^sips?:[^\\s<>"@]+@[^\\s<>"]+$',
  /** E.164. */
  number: '^\\+[1-9][0-9]{6,14}$',
  /** A PBX dial string: `PJSIP/agent-7` (Asterisk), `user/1007` (FreeSWITCH), or a bare extension. */
  extension: '^[A-Za-z0-9][A-Za-z0-9/_.@:+-]{0,119}$',
}

export const AgentEndpointBody = Type.Object({
  kind: Type.Unsafe<EndpointKind>({ type: 'string', enum: [...ENDPOINT_KINDS] }),
  address: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false })
export type AgentEndpointBody = Static<typeof AgentEndpointBody>

export const AgentEndpoint = Type.Object({
  userId: Type.String(),
  kind: Type.Unsafe<EndpointKind>({ type: 'string', enum: [...ENDPOINT_KINDS] }),
  address: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type AgentEndpoint = Static<typeof AgentEndpoint>

const CallId = Type.String({ description: "The phone system's own call id (CallSid, linkedid, Unique-ID)" })

/**
 * One command for one call, as the ARI/FreeSWITCH adapters answer it in `commands`:
 * - `bridge`: connect the caller to the agent's endpoint (`endpoint` as configured);
 * - `queue`: hold the caller in the named queue (music on hold), keeping `priority`;
 * - `reject`: refuse the call (blocked number), with a Q.850-style reason;
 * - `hangup`: end the caller's leg, e.g. `callbackRequested` after they chose a callback;
 * - `continue`: nothing decided (no rule routes the call); the dialplan goes on as configured;
 * - `prompt`: an IVR step (docs/decisions/024-ivr-on-live-calls.md): play `audioUrl` or speak
 *   `text` in `language`; with `gather`, then collect that many keys (`#` ends a lookup) and
 *   post them as DTMF events — the next node's commands come back in that response.
 */
export const CallCommand = Type.Union([
  Type.Object({ action: Type.Literal('bridge'), callId: CallId, agentId: Type.String(), endpoint: Type.String(), endpointKind: Type.Unsafe<EndpointKind>({ type: 'string', enum: [...ENDPOINT_KINDS] }), queue: Type.Union([Type.String(), Type.Null()]) }),
  Type.Object({ action: Type.Literal('queue'), callId: CallId, queue: Type.String(), queueId: Type.String(), priority: Type.Integer(), callbackOffered: Type.Boolean() }),
  Type.Object({ action: Type.Literal('reject'), callId: CallId, reason: Type.Literal('busy') }),
  Type.Object({ action: Type.Literal('hangup'), callId: CallId, reason: Type.Union([Type.Literal('callbackRequested'), Type.Literal('ended')]) }),
  Type.Object({ action: Type.Literal('continue'), callId: CallId, reason: Type.String() }),
  Type.Object({
    action: Type.Literal('prompt'), callId: CallId, node: Type.String(), language: Type.String(),
    text: Type.Optional(Type.String()), audioUrl: Type.Optional(Type.String()),
    gather: Type.Union([Type.Object({ numDigits: Type.Integer(), timeoutSeconds: Type.Integer(), finishOnKey: Type.Union([Type.Literal('#'), Type.Null()]) }), Type.Null()]),
  }),
])
export type CallCommand = Static<typeof CallCommand>

/** The JSON the Asterisk ARI and FreeSWITCH adapter routes answer. */
export const AdapterResponse = Type.Object({
  data: Type.Object({ accepted: Type.Integer(), duplicates: Type.Integer() }),
  commands: Type.Array(CallCommand),
})
export type AdapterResponse = Static<typeof AdapterResponse>

export const CALLBACK_STATUSES = ['waiting', 'assigned', 'answered', 'ended', 'cancelled'] as const
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number]

export const CallbackListQuery = Type.Object({
  status: Type.Optional(Type.Unsafe<'open' | 'closed' | 'all'>({ type: 'string', enum: ['open', 'closed', 'all'] })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false })

export const CallbackView = Type.Object({
  callId: Type.String(),
  queueId: Type.String(),
  status: Type.Unsafe<CallbackStatus>({ type: 'string', enum: [...CALLBACK_STATUSES] }),
  /** The caller's person, when the number matched exactly one. */
  personId: Type.Union([Type.String(), Type.Null()]),
  /** Number to call back: the caller's number as the phone system reported it. */
  number: Type.Union([Type.String(), Type.Null()]),
  agentId: Type.Union([Type.String(), Type.Null()]),
  /** When the caller joined the queue: a callback keeps this place. */
  enqueuedAt: Type.String({ format: 'date-time' }),
  assignedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** The `task` activity created when the callback was offered to an agent. */
  taskId: Type.Union([Type.String(), Type.Null()]),
})
export type CallbackView = Static<typeof CallbackView>
