/**
 * The router the telephony intake consults: the ACD (contact-center.service.ts `telephony`).
 * The router decides, the phone system executes: a `queued` event asks for a decision, an
 * `answered` or `ended` one frees or occupies the agent, and the decisions go back in the
 * webhook's response. Routing never decides whether an event is stored: a router that refuses
 * (no queue configured, no rule matches) is reported next to the stored call, not instead of it.
 */
import type { AcdDecision, QueueCallBody } from '../../../../contracts/contact-center.js'
import type { EndpointKind } from '../../../../contracts/contact-center-telephony.js'
import type { CallEvent } from './call-event.js'

export interface CallRoutingPort {
  callQueued(workspaceId: string, body: QueueCallBody): Promise<{ decisions: AcdDecision[] }>
  callAnswered(workspaceId: string, callId: string): Promise<{ decisions: AcdDecision[] }>
  callEnded(workspaceId: string, callId: string, reason?: string | null): Promise<{ decisions: AcdDecision[] }>
  /** The waiting caller chose a callback: they leave the line, the call keeps its place. */
  callbackRequested(workspaceId: string, callId: string): Promise<{ decisions: AcdDecision[] }>
  /** Where the ACD has the call now, and how to reach its agent: what an adapter executes. */
  placement(workspaceId: string, callId: string): Promise<CallPlacement | null>
}

export interface CallPlacement {
  status: 'waiting' | 'assigned' | 'answered' | 'ended' | 'abandoned' | 'cancelled'
  kind: 'voice' | 'callback'
  queueId: string
  queueName: string
  /** Queue priority plus the routing rules' boost (what a PBX queue's priority takes). */
  priority: number
  /** The queue has offered this caller a callback (its callbackAfterSeconds passed). */
  callbackOffered: boolean
  agentId: string | null
  /** The agent's telephony endpoint; null when the agent has none configured. */
  endpoint: { kind: EndpointKind; address: string } | null
}

export type RoutingOutcome = { decisions: AcdDecision[] } | { error: string }

/** The ACD's call id for a telephony call: call ids are unique per phone line, the ACD's per workspace. */
export const acdCallId = (lineId: string, callId: string) => `${lineId}:${callId}`.slice(0, 200)

/** What an IVR adds when it hands a call to the ACD: the node's queue (null: the rules pick), its id as the IVR choice, its priority. */
export interface RouteHints { queueId: string | null; ivrChoice: string; priorityBoost: number }

/** Tells the router what one stored event means; null when the event does not concern routing. */
export async function routeEvent(port: CallRoutingPort, workspaceId: string, lineId: string, event: CallEvent, personId: string | undefined, hints?: RouteHints): Promise<RoutingOutcome | null> {
  const callId = acdCallId(lineId, event.callId)
  try {
    if (event.event === 'queued') {
      const ivr = hints ? { ...(hints.queueId ? { queueId: hints.queueId } : {}), ivrChoice: hints.ivrChoice, priorityBoost: hints.priorityBoost } : {}
      return await port.callQueued(workspaceId, { callId, dialledNumber: event.to ?? undefined, ...(personId ? { personId } : {}), ...ivr })
    }
    if (event.event === 'answered') return await port.callAnswered(workspaceId, callId)
    if (event.event === 'ended') return await port.callEnded(workspaceId, callId, event.reason ?? null)
    return null
  } catch (error) {
    return { error: (error as Error).message.slice(0, 300) }
  }
}
