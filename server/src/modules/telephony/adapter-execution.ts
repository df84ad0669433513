/**
 * The adapters' half of "the router decides, the telephony system executes": after an adapter
 * payload is stored, the response tells the phone system what to do with the call.
 * - A routing point (Twilio's voice URL request for an inbound call, ARI StasisStart,
 *   FreeSWITCH CHANNEL_PARK) also records a `queued` event, which asks the ACD for a decision;
 *   a blocked caller is ended as `rejected` instead.
 * - A DTMF `1` from a waiting caller the queue has offered a callback turns the call into a
 *   callback (ARI/FreeSWITCH; Twilio's arrives through `?step=callback`).
 * - Twilio gets TwiML (adapters/twiml.ts) and polls `?step=wait` while enqueued; ARI and
 *   FreeSWITCH get `{ data, commands }`, one command per call to act on (the current call
 *   first, then other calls of the line the router just assigned).
 */
import type { AcdDecision } from '../../../../contracts/contact-center.js'
import type { AdapterResponse, CallCommand } from '../../../../contracts/contact-center-telephony.js'
import { fieldError } from '../../errors.js'
import type { CallEventBody } from './call-event.js'
import { commandFor, commandFromPlacement, commandsForOthers } from './call-commands.js'
import { acdCallId, type CallRoutingPort, type RouteHints } from './call-routing-port.js'
import type { IvrPort } from './ivr-port.js'
import { executeTurn, type IvrExecution } from './ivr-execution.js'
import { text, type Adapter, type AdapterPayload } from './adapters/adapter.js'
import { CALLBACK_DIGIT, TWIML_EMPTY, twimlFor, twimlWhileWaiting, type TwimlUrls } from './adapters/twiml.js'
import type { IntakeResult } from './telephony.service.js'

export const TWILIO_STEPS = ['wait', 'left', 'callback', 'ivr'] as const
export type TwilioStep = (typeof TWILIO_STEPS)[number]

export type Execution = { type: 'xml'; body: string } | { type: 'json'; body: AdapterResponse }

export interface ExecutionInput {
  provider: string
  adapter: Adapter
  body: AdapterPayload
  step: TwilioStep | undefined
  /** Twilio's IVR Gather action: the node it gathered for and the inputs count then. */
  ivrStep?: { node: string; count: number }
  workspaceId: string
  lineId: string
  port: CallRoutingPort | undefined
  /** The line's IVR, when the contact center provides one. */
  ivr?: IvrPort
  urls: TwimlUrls
  isBlocked(from: string | undefined): boolean
  ingest(events: CallEventBody[], route?: RouteHints): Promise<IntakeResult[]>
}

/** The event at which the provider hands the call to us for routing, if this payload is one. */
export function routingPoint(provider: string, body: AdapterPayload, events: CallEventBody[], adapter: Adapter): CallEventBody | undefined {
  if (provider === 'twilio') {
    const voiceRequest = body.CallbackSource === undefined && body.SequenceNumber === undefined && events.length === 1 && ['ringing', 'queued'].includes(events[0].event)
    return voiceRequest && events[0].direction === 'inbound' ? events[0] : undefined
  }
  if (provider === 'asterisk') return body.type === 'StasisStart' ? events[0] : undefined
  if (provider === 'freeswitch' && body['Event-Name'] === 'CHANNEL_PARK') {
    const direction = text(body['Call-Direction'])
    return direction === 'outbound' ? undefined : adapter({ ...body, 'Event-Name': 'CHANNEL_CREATE' })[0]
  }
  return undefined
}

const decisionsOf = (results: IntakeResult[]): AcdDecision[] => results.flatMap((r) => (r.routing && 'decisions' in r.routing ? r.routing.decisions : []))
const routerErrorOf = (results: IntakeResult[]) => results.map((r) => (r.routing && 'error' in r.routing ? r.routing.error : undefined)).find((e) => e !== undefined)

async function twilioStep(input: ExecutionInput, step: TwilioStep): Promise<Execution> {
  const callId = text(input.body.CallSid)
  if (!callId) throw fieldError('/CallSid', 'is required')
  if (!input.port) return { type: 'xml', body: TWIML_EMPTY }
  const acdId = acdCallId(input.lineId, callId)
  let placement = await input.port.placement(input.workspaceId, acdId)
  if (step === 'callback' && text(input.body.Digits) === CALLBACK_DIGIT && placement?.status === 'waiting' && placement.kind === 'voice') {
    await input.port.callbackRequested(input.workspaceId, acdId)
    placement = await input.port.placement(input.workspaceId, acdId)
  }
  const command = commandFromPlacement(callId, placement)
  return { type: 'xml', body: step === 'left' ? twimlFor(command, input.urls) : twimlWhileWaiting(command, input.urls) }
}

const summary = (results: IntakeResult[]) => ({ accepted: results.filter((x) => !x.duplicate).length, duplicates: results.filter((x) => x.duplicate).length })

function fromIvr(execution: IvrExecution, results: IntakeResult[]): Execution {
  if (execution.type === 'xml') return execution
  return { type: 'json', body: { data: summary([...results, ...execution.results]), commands: execution.commands } }
}

/** Twilio's Gather action: the caller's keys (none: silence) move the call to the flow's next node. */
async function twilioIvrStep(input: ExecutionInput): Promise<Execution> {
  const callId = text(input.body.CallSid)
  if (!callId) throw fieldError('/CallSid', 'is required')
  if (!input.ivrStep) throw fieldError('/node', 'is required with step=ivr')
  const keys = typeof input.body.Digits === 'string' ? input.body.Digits.trim() : ''
  if (!/^[0-9*#]{0,20}$/.test(keys)) throw fieldError('/Digits', 'must be at most 20 keys (0-9, *, #)')
  // Twilio sends no sequence here: the inputs count orders the keys (the Gather URL carries it).
  const results = keys === '' ? [] : await input.ingest([{ callId, event: 'dtmf', sequence: input.ivrStep.count + 1, timestamp: new Date().toISOString(), digits: keys } as unknown as CallEventBody])
  const turn = input.ivr ? await input.ivr.input(input.workspaceId, input.lineId, callId, keys, { whole: true, expectedCount: input.ivrStep.count }) : null
  if (!turn) return twilioStep(input, 'left') // the call has left its IVR (or never had one): where the ACD has it
  return fromIvr(await executeTurn(input, callId, turn), results)
}

export async function executeAdapter(input: ExecutionInput): Promise<Execution> {
  if (input.provider === 'twilio' && input.step === 'ivr') return twilioIvrStep(input)
  if (input.provider === 'twilio' && input.step) return twilioStep(input, input.step)
  const events = input.adapter(input.body)
  const point = routingPoint(input.provider, input.body, events, input.adapter)
  const blocked = point !== undefined && input.isBlocked(point.from)
  // A line with an IVR flow answers its first node instead of routing; the flow's queue node routes later.
  if (point && !blocked && input.ivr && await input.ivr.answers(input.workspaceId, input.lineId)) {
    // The call is recorded (as ringing: `queued` waits for the flow's queue node; FreeSWITCH's park maps to no event of its own) before the flow starts, so its card exists.
    const opening = events.includes(point) ? events : [...events, point]
    const results = await input.ingest(opening.map((e) => (e.event === 'queued' ? { ...e, event: 'ringing' } as unknown as CallEventBody : e)))
    const turn = await input.ivr.start(input.workspaceId, input.lineId, { callId: point.callId, at: point.timestamp, from: point.from ?? null, to: point.to ?? null })
    if (turn) return fromIvr(await executeTurn(input, point.callId, turn), results)
    return input.provider === 'twilio' ? { type: 'xml', body: TWIML_EMPTY } : { type: 'json', body: { data: summary(results), commands: [] } }
  }
  if (point) {
    const { agentId: _agent, ...base } = point
    if (blocked) events.push({ ...base, event: 'ended', reason: 'rejected' } as unknown as CallEventBody)
    else if (input.port && point.event !== 'queued') events.push({ ...base, event: 'queued' } as unknown as CallEventBody)
  }
  const results = await input.ingest(events)
  // ARI/FreeSWITCH report keys one by one: a call in its IVR moves through the flow (a redelivered key does nothing).
  const key = events.findIndex((e) => e.event === 'dtmf')
  if (!point && key >= 0 && input.ivr && input.provider !== 'twilio') {
    const dtmf = events[key]
    const ivrTurn = results[key]?.duplicate
      ? await input.ivr.current(input.workspaceId, input.lineId, dtmf.callId)
      : await input.ivr.input(input.workspaceId, input.lineId, dtmf.callId, dtmf.digits!, { whole: false })
    if (ivrTurn) return fromIvr(await executeTurn(input, dtmf.callId, ivrTurn), results)
  }

  const commands: CallCommand[] = []
  if (point && blocked) commands.push({ action: 'reject', callId: point.callId, reason: 'busy' })
  else if (point && input.port) {
    const command = await commandFor(input.port, input.workspaceId, input.lineId, point.callId)
    const error = routerErrorOf(results)
    commands.push(command.action === 'continue' && error ? { ...command, reason: error } : command)
  }
  const decisions = decisionsOf(results)
  const choice = events.find((e) => e.event === 'dtmf' && e.digits === CALLBACK_DIGIT)
  if (!point && choice && input.port) {
    const acdId = acdCallId(input.lineId, choice.callId)
    const placement = await input.port.placement(input.workspaceId, acdId)
    if (placement?.status === 'waiting' && placement.kind === 'voice' && placement.callbackOffered) {
      decisions.push(...(await input.port.callbackRequested(input.workspaceId, acdId)).decisions)
      commands.push({ action: 'hangup', callId: choice.callId, reason: 'callbackRequested' })
    }
  }
  if (input.port) commands.push(...await commandsForOthers(input.port, input.workspaceId, input.lineId, commands[0]?.callId ?? null, decisions))

  if (input.provider === 'twilio') return { type: 'xml', body: commands[0] && point ? twimlFor(commands[0], input.urls) : TWIML_EMPTY }
  return {
    type: 'json',
    body: { data: summary(results), commands },
  }
}
