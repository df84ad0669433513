/**
 * Phone lines (`/api/v1/telephony/lines`, administrators): list, create (the token comes back
 * once), revoke, and the IVR flow a line answers with. Also where each provider posts, so the
 * screen can show a line's webhook address.
 */
import type { CreatedPhoneLine, LineIvrFlow, PhoneLine, PhoneLineBody, Provider } from '../../../contracts/phone-lines.js'
import { apiRequest } from './client.js'

export type { CreatedPhoneLine, LineIvrFlow, PhoneLine, PhoneLineBody, Provider } from '../../../contracts/phone-lines.js'
export { PROVIDERS } from '../../../contracts/phone-lines.js'

export const listPhoneLines = async (signal?: AbortSignal) =>
  (await apiRequest<{ data: PhoneLine[] }>('GET', `/api/v1/telephony/lines`, { signal })).data
export const createPhoneLine = async (body: PhoneLineBody) =>
  (await apiRequest<{ data: CreatedPhoneLine }>('POST', `/api/v1/telephony/lines`, { body })).data
export const revokePhoneLine = async (lineId: string) => {
  await apiRequest<void>('DELETE', `/api/v1/telephony/lines/${encodeURIComponent(lineId)}`)
}
export const getLineIvrFlow = async (lineId: string, signal?: AbortSignal) =>
  (await apiRequest<{ data: LineIvrFlow }>('GET', `/api/v1/telephony/lines/${encodeURIComponent(lineId)}/ivr-flow`, { signal })).data
export const setLineIvrFlow = async (lineId: string, flowId: string | null) =>
  (await apiRequest<{ data: LineIvrFlow }>('PUT', `/api/v1/telephony/lines/${encodeURIComponent(lineId)}/ivr-flow`, { body: { flowId } })).data

/**
 * Where a line's phone system posts (README, telephony): Twilio, Asterisk and FreeSWITCH post
 * their own payloads to their adapter with the token in the URL; Zammad's Generic CTI has its own
 * endpoint; a generic system posts Rapport's events with the token as a Bearer header, so its
 * URL carries no token. Tokens are URL-safe (`rpl_<workspace>_<base64url>`); the token is known
 * only right after creation, later the list passes its prefix with an ellipsis to show the shape.
 */
export function webhookUrl(origin: string, provider: Provider, token: string): string {
  if (provider === 'generic') return `${origin}/api/v1/telephony/events`
  if (provider === 'zammad') return `${origin}/api/v1/cti/${token}`
  return `${origin}/api/v1/telephony/adapters/${provider}/${token}`
}

/** Whether the token goes in an `Authorization: Bearer` header rather than the URL. */
export const tokenInHeader = (provider: Provider) => provider === 'generic'
