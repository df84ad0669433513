import { hash, verify } from '@node-rs/argon2'

/** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. The library hashes off the event loop. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const
export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 256

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS)

// A real hash of a random password: verifying against it costs what a real check costs, so an
// unknown email answers as slowly as a wrong password (no timing oracle for enumeration).
let decoy: Promise<string> | null = null

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoy ??= hashPassword(`decoy-${Math.random()}`)
  const target = passwordHash ?? (await decoy)
  const ok = await verify(target, password).catch(() => false)
  return ok && passwordHash !== null
}
