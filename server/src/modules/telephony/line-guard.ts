/**
 * Who may post events for a line, and how often. A line is named by its token (Bearer, or in
 * the adapter URL) or, for signed requests, by X-Rapport-Line. A line with an HMAC secret
 * requires `X-Rapport-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * within a five-minute window (Stripe's scheme); replays inside the window are harmless because
 * intake is idempotent. Every refusal reads the same, so a caller learns nothing about lines.
 */
import { AppError } from '../../errors.js'
import { hmacHex, sameText, type PhoneLinesService, type VerifiedLine } from './phone-lines.service.js'

/** How far a signature's timestamp may be from the server's clock. */
export const SIGNATURE_WINDOW_SECONDS = 300
const MINUTE = 60_000

export const refused = () => new AppError('unauthenticated', 'The line token or signature is not valid')

export function verifySignature(secret: string, header: string | undefined, raw: Buffer, now = Date.now()): boolean {
  if (!header) return false
  const parts = Object.fromEntries(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]))
  const t = Number(parts.t)
  if (!Number.isInteger(t) || !parts.v1) return false
  if (Math.abs(now / 1000 - t) > SIGNATURE_WINDOW_SECONDS) return false
  return sameText(hmacHex(secret, Buffer.concat([Buffer.from(`${t}.`), raw])), parts.v1)
}

export interface RequestCredentials {
  bearer?: string
  urlToken?: string
  lineKey?: string
  signature?: string
  raw: Buffer
}

/** The line a request may post for; throws `unauthenticated` otherwise. */
export async function authenticateLine(lines: PhoneLinesService, creds: RequestCredentials, options: { signatureChecked?: boolean } = {}): Promise<VerifiedLine> {
  const token = creds.urlToken ?? creds.bearer
  const line = token ? await lines.byToken(token) : creds.lineKey ? await lines.byLineKey(creds.lineKey) : undefined
  if (!line) throw refused()
  if (line.secret && !options.signatureChecked && !verifySignature(line.secret, creds.signature, creds.raw)) throw refused()
  if (!line.secret && !token) throw refused()
  return line
}

/** Fixed one-minute windows per line; answers the seconds to wait when a line is over its limit. */
export function createLineLimiter() {
  const windows = new Map<string, { count: number; resetAt: number }>()
  return {
    admit(line: Pick<VerifiedLine, 'id' | 'ratePerMinute'>, now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
      let window = windows.get(line.id)
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + MINUTE }
        windows.set(line.id, window)
      }
      if (window.count >= line.ratePerMinute) return { ok: false, retryAfter: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) }
      window.count++
      return { ok: true }
    },
  }
}
