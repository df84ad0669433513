/**
 * Executing an IVR turn (ivr-port.ts) on the phone system: what the adapters answer while a call
 * is in a line's IVR flow (docs/decisions/024-ivr-on-live-calls.md).
 * - gather → ARI/FreeSWITCH `prompt` commands, the last one with `gather`; Twilio `<Gather>`;
 * - queue → a `queued` event with the node's queue, priority and IVR choice asks the ACD (the
 *   same path as a call without an IVR), then the command from the ACD's placement —
 *   `bridge`/`queue` (TwiML `<Dial>`/`<Enqueue>`) after the last prompts;
 * - hangup (a hang-up node, voicemail, callback, the step limit) → the prompts, then hang up.
 */
import type { CallCommand } from '../../../../contracts/contact-center-telephony.js'
import { commandFor, commandsForOthers } from './call-commands.js'
import type { CallEventBody } from './call-event.js'
import type { CallRoutingPort, RouteHints } from './call-routing-port.js'
import type { IvrTurn } from './ivr-port.js'
import { responseOf, twimlFor, type TwimlUrls } from './adapters/twiml.js'
import { twimlGather, twimlPrompts } from './adapters/twiml-ivr.js'
import type { IntakeResult } from './telephony.service.js'

export type IvrExecution = { type: 'xml'; body: string } | { type: 'json'; commands: CallCommand[]; results: IntakeResult[] }

export interface IvrExecutionInput {
  provider: string
  workspaceId: string
  lineId: string
  port: CallRoutingPort | undefined
  urls: TwimlUrls
  ingest(events: CallEventBody[], route?: RouteHints): Promise<IntakeResult[]>
}

function promptCommands(callId: string, turn: IvrTurn): Extract<CallCommand, { action: 'prompt' }>[] {
  return turn.prompts.map((p) => ({
    action: 'prompt' as const, callId, node: p.node, language: turn.language, gather: null,
    ...(p.audioUrl ? { audioUrl: p.audioUrl } : { text: p.text }),
  }))
}

export async function executeTurn(input: IvrExecutionInput, callId: string, turn: IvrTurn): Promise<IvrExecution> {
  const twilio = input.provider === 'twilio'
  const prompts = promptCommands(callId, turn)
  const end = turn.end
  if (end.kind === 'collecting') return twilio ? { type: 'xml', body: responseOf('') } : { type: 'json', commands: [], results: [] }
  if (end.kind === 'gather') {
    if (twilio) return { type: 'xml', body: twimlGather(turn, input.urls) }
    const gather = { numDigits: end.numDigits, timeoutSeconds: end.timeoutSeconds, finishOnKey: end.finishOnKey }
    const last = prompts.at(-1)
    if (last && last.node === end.node) last.gather = gather
    else prompts.push({ action: 'prompt', callId, node: end.node, language: turn.language, text: '', gather })
    return { type: 'json', commands: prompts, results: [] }
  }
  const lead = twimlPrompts(turn.prompts, turn.language)
  if (end.kind === 'hangup' || !input.port) {
    return twilio ? { type: 'xml', body: responseOf(`${lead}<Hangup/>`) } : { type: 'json', commands: [...prompts, { action: 'hangup', callId, reason: 'ended' }], results: [] }
  }
  // The IVR is done: the call joins the ACD like any other, with what the caller chose.
  const queued = {
    callId, event: 'queued', sequence: 0, timestamp: new Date().toISOString(), direction: 'inbound',
    ...(turn.from ? { from: turn.from } : {}), ...(turn.to ? { to: turn.to } : {}),
  } as unknown as CallEventBody
  const results = await input.ingest([queued], { queueId: end.queueId, ivrChoice: end.ivrChoice, priorityBoost: end.priorityBoost })
  let command = await commandFor(input.port, input.workspaceId, input.lineId, callId)
  const error = results.map((r) => (r.routing && 'error' in r.routing ? r.routing.error : undefined)).find((e) => e !== undefined)
  if (command.action === 'continue' && error) command = { ...command, reason: error }
  if (twilio) return { type: 'xml', body: twimlFor(command, input.urls, lead) }
  const decisions = results.flatMap((r) => (r.routing && 'decisions' in r.routing ? r.routing.decisions : []))
  const others = await commandsForOthers(input.port, input.workspaceId, input.lineId, callId, decisions)
  return { type: 'json', commands: [...prompts, command, ...others], results }
}
