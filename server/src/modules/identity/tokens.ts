import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A 256-bit random token for cookies, CSRF and one-time links. */
export const newToken = (): string => randomBytes(32).toString('base64url')

/** Only hashes of tokens are stored; a leaked table does not yield working tokens. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}
