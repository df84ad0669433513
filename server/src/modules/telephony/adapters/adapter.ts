/**
 * What every provider adapter does: turn one provider payload into zero or more generic call
 * events (bodies as `POST /api/v1/telephony/events` takes them). Payloads a provider sends that
 * say nothing about a call's life (ARI's ChannelVarset, FreeSWITCH HEARTBEAT…) map to none.
 */
import type { CallEventBody } from '../call-event.js'

export type AdapterPayload = Record<string, unknown>

export type Adapter = (payload: AdapterPayload) => CallEventBody[]

export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined)

/** A caller id a PBX may send in place of a number ("anonymous", "Restricted") is left out, not refused. */
export function number(value: unknown): string | undefined {
  const raw = text(value)
  return raw && /\d/.test(raw) && /^[+\d\s().-]+$/.test(raw) ? raw : undefined
}

/** Drops undefined members, so the body passes the strict schema. */
export function compact(body: Record<string, unknown>): CallEventBody {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as CallEventBody
}
