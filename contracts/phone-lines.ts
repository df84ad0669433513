/**
 * Phone lines as the API shows them (`/api/v1/telephony/lines`), shared by the server and the
 * web client. No runtime dependencies, so the web's lazy chunk can import the provider list.
 */

/** Phone systems a line can speak for; each posts to its own webhook (see README, telephony). */
export const PROVIDERS = ['generic', 'twilio', 'asterisk', 'freeswitch', 'zammad'] as const
export type Provider = (typeof PROVIDERS)[number]

export interface PhoneLine {
  id: string
  /** Public id for signed requests (X-Rapport-Line): `<workspace>.<line>`. */
  lineKey: string
  name: string
  number: string | null
  provider: Provider
  /** The token's first characters, so a line can be told apart after the token is gone. */
  tokenPrefix: string
  hasSecret: boolean
  blockedNumbers: string[]
  ratePerMinute: number
  createdAt: string
}

/** POST /api/v1/telephony/lines (the route's TypeBox schema is checked against this type). */
export interface PhoneLineBody {
  name: string
  number?: string
  provider: Provider
  /** HMAC secret (Twilio: the auth token), at least 16 characters. */
  secret?: string
  blockedNumbers?: string[]
  ratePerMinute?: number
}

/** The answer to creating a line: the only time its token is shown. */
export interface CreatedPhoneLine extends PhoneLine {
  token: string
}

/** GET|PUT /api/v1/telephony/lines/{id}/ivr-flow. */
export interface LineIvrFlow {
  lineId: string
  flowId: string | null
}
