/**
 * Shapes the telephony API sends to the web app: the call pushed over the SSE stream and the
 * screen-pop card. One definition for the server and the client.
 */
export type CallStatus = 'ringing' | 'queued' | 'answered' | 'ended'
export type CallDirection = 'inbound' | 'outbound' | 'internal'
export type EndReason = 'completed' | 'busy' | 'noAnswer' | 'failed' | 'cancelled' | 'abandoned' | 'rejected' | 'timeout'

/** Disposition codes an agent files a call under (the `callDisposition` choices). */
export const DISPOSITIONS = ['resolved', 'followUp', 'callback', 'sale', 'complaint', 'information', 'wrongNumber', 'other'] as const
export type Disposition = (typeof DISPOSITIONS)[number]

/** One `event: call` message of GET /api/v1/telephony/stream. */
export interface CallPush {
  type: 'call'
  lineId: string
  lineName: string
  callId: string
  status: CallStatus
  direction: CallDirection | null
  from: string | null
  to: string | null
  queue: string | null
  agentId: string | null
  agentName: string | null
  startedAt: string
  answeredAt: string | null
  endedAt: string | null
  endReason: EndReason | null
  durationSeconds: number | null
  recordingUrl: string | null
  activityId: string | null
}

export interface CardItem {
  id: string
  label: string
  detail: string | null
}

export interface CardMatch {
  object: 'people' | 'companies'
  id: string
  label: string
  phone: string | null
  company: { id: string; label: string } | null
  valueClass: { field: string; label: string; value: string } | null
  openOpportunities: CardItem[]
  openActivities: CardItem[]
}

/** GET /api/v1/telephony/calls/{lineId}/{callId}/card → `{data: {card}}`. */
export interface CallCard {
  number: string | null
  matches: CardMatch[]
  /** Set when nothing matched and the agent may create people: the new person's fields. */
  createPrefill: { object: 'people'; values: { phone: string } } | null
}
