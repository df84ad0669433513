/**
 * Turns the ACD's view of a call into the command the phone system executes (contract:
 * contracts/contact-center-telephony.ts CallCommand). The command is computed from where the
 * call *is* after the intake (the placement the ACD committed), not from the decisions of one
 * response, so a redelivered webhook gets the same answer as the first delivery.
 */
import type { AcdDecision } from '../../../../contracts/contact-center.js'
import type { CallCommand } from '../../../../contracts/contact-center-telephony.js'
import { acdCallId, type CallPlacement, type CallRoutingPort } from './call-routing-port.js'

export function commandFromPlacement(callId: string, placement: CallPlacement | null): CallCommand {
  if (!placement) return { action: 'continue', callId, reason: 'not routed' }
  switch (placement.status) {
    case 'waiting':
      return placement.kind === 'callback'
        ? { action: 'hangup', callId, reason: 'callbackRequested' }
        : { action: 'queue', callId, queue: placement.queueName, queueId: placement.queueId, priority: placement.priority, callbackOffered: placement.callbackOffered }
    case 'assigned':
    case 'answered':
      // An agent without an endpoint cannot be rung: the caller holds in the queue, the agent's screen pops.
      if (!placement.endpoint || !placement.agentId) {
        return { action: 'queue', callId, queue: placement.queueName, queueId: placement.queueId, priority: placement.priority, callbackOffered: false }
      }
      return { action: 'bridge', callId, agentId: placement.agentId, endpoint: placement.endpoint.address, endpointKind: placement.endpoint.kind, queue: placement.queueName }
    default:
      return { action: 'hangup', callId, reason: 'ended' }
  }
}

/** The command for one of the line's calls, read from the ACD. */
export async function commandFor(port: CallRoutingPort, workspaceId: string, lineId: string, callId: string): Promise<CallCommand> {
  return commandFromPlacement(callId, await port.placement(workspaceId, acdCallId(lineId, callId)))
}

/**
 * Other calls of the same line the router assigned while handling this event (an agent freed
 * by this call's end takes the next caller): their bridge commands, so an ARI application or
 * ESL script connects them at once. A callback the router hands out is not a bridge: the caller
 * has hung up, and the agent works it from their task (contact-center/callbacks.ts).
 */
export async function commandsForOthers(port: CallRoutingPort, workspaceId: string, lineId: string, currentCallId: string | null, decisions: AcdDecision[]): Promise<CallCommand[]> {
  const prefix = `${lineId}:`
  const others = [...new Set(decisions.filter((d) => d.type === 'assign' && d.kind === 'voice' && d.callId?.startsWith(prefix)).map((d) => d.callId!.slice(prefix.length)))]
    .filter((id) => id !== currentCallId)
  return Promise.all(others.map((id) => commandFor(port, workspaceId, lineId, id)))
}
