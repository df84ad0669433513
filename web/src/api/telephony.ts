/** The telephony endpoints the screen pop reads: the call stream's URL and a call's card. */
import type { CallCard, CallPush } from '../../../contracts/telephony.js'
import { apiRequest } from './client.js'

export type { CallCard, CallPush, CardMatch } from '../../../contracts/telephony.js'
export { DISPOSITIONS, type Disposition } from '../../../contracts/telephony.js'

/** EventSource sends the session cookie and, on reconnect, Last-Event-ID by itself. */
export const CALL_STREAM_URL = '/api/v1/telephony/stream'

export const fetchCallCard = async (call: Pick<CallPush, 'lineId' | 'callId'>, signal?: AbortSignal) =>
  (await apiRequest<{ data: { card: CallCard } }>('GET', `/api/v1/telephony/calls/${encodeURIComponent(call.lineId)}/${encodeURIComponent(call.callId)}/card`, { signal })).data.card
