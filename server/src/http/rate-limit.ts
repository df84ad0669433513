/**
 * Rate limits (SECURITY-TESTS E1, F11): fixed windows per IP and per account on the sign-in,
 * reset, invite and two-factor routes, and per credential on the API. Answers 429 with
 * Retry-After and RateLimit-* headers. There is no hard lock-out: the per-account limit counts
 * failures only, and a browser that has signed in to that account before (a signed device
 * cookie) is exempt from it, so an attacker cannot lock the real user out.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { AppError } from '../errors.js'
import { sendProblem } from './problem-handler.js'

export interface RateLimitOptions {
  /** API requests per credential per minute; 0 turns the API limit off. */
  apiPerMinute: number
  /** Per IP per minute on each sensitive route family. */
  sensitivePerIpPerMinute: number
  /** Failed attempts per account per 15 minutes before unknown devices are refused. */
  failuresPerAccount: number
  /** Signs device cookies; random per process when not given. */
  secret?: string
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = { apiPerMinute: 100_000, sensitivePerIpPerMinute: 30, failuresPerAccount: 10 }

const MINUTE = 60_000
const ACCOUNT_WINDOW = 15 * MINUTE
const DEVICE_COOKIE = 'rapport_device'

/** The routes with their own limits, by family. */
const SENSITIVE_ROUTES: Record<string, string> = {
  '/api/v1/auth/sign-in': 'sign-in',
  '/api/v1/auth/setup': 'sign-in',
  '/api/v1/auth/password': 'sign-in',
  '/api/v1/auth/password-reset': 'reset',
  '/api/v1/auth/password-reset/confirm': 'reset',
  '/api/v1/access/invitations': 'invite',
  '/api/v1/auth/invitations/accept': 'invite',
  '/api/v1/auth/totp/enable': 'totp',
  '/api/v1/auth/totp/disable': 'totp',
}
/** Routes whose failures count against the account named in the body. */
const ACCOUNT_ROUTES = new Set(['/api/v1/auth/sign-in', '/api/v1/auth/password-reset'])

class FixedWindows {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()
  private lastSweep = Date.now()

  peek(key: string, now = Date.now()): { count: number; resetAt: number } {
    this.sweep(now)
    const window = this.windows.get(key)
    return window && window.resetAt > now ? window : { count: 0, resetAt: now }
  }

  hit(key: string, windowMs: number, now = Date.now()): { count: number; resetAt: number } {
    const current = this.peek(key, now)
    const next = current.count === 0 ? { count: 1, resetAt: now + windowMs } : { count: current.count + 1, resetAt: current.resetAt }
    this.windows.set(key, next)
    return next
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < MINUTE) return
    this.lastSweep = now
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key)
  }
}

function tooMany(reply: FastifyReply, limit: number, resetAt: number): FastifyReply {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000))
  reply.header('Retry-After', String(seconds)).header('RateLimit-Limit', String(limit)).header('RateLimit-Remaining', '0').header('RateLimit-Reset', String(seconds))
  return sendProblem(reply, new AppError('rate-limited', `Too many requests; retry in ${seconds} s`))
}

const accountOf = (body: unknown): string | null => {
  const email = (body as { email?: unknown } | undefined)?.email
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : null
}

export function registerRateLimits(app: FastifyInstance, options: RateLimitOptions = DEFAULT_RATE_LIMITS): void {
  const windows = new FixedWindows()
  const secret = options.secret ?? randomBytes(32).toString('base64url')
  const deviceToken = (account: string) => createHmac('sha256', secret).update(account).digest('base64url')

  // Per credential on the API: runs after authentication (hooks run in registration order).
  app.addHook('onRequest', async (request, reply) => {
    const principal = request.principal
    if (!principal || options.apiPerMinute <= 0) return
    const window = windows.hit(`api:${principal.credentialId}`, MINUTE)
    reply.header('RateLimit-Limit', String(options.apiPerMinute)).header('RateLimit-Remaining', String(Math.max(0, options.apiPerMinute - window.count)))
    if (window.count > options.apiPerMinute) return tooMany(reply, options.apiPerMinute, window.resetAt)
  })

  // Per IP, then per account (failures only, known devices exempt) on the sensitive routes.
  app.addHook('preHandler', async (request, reply) => {
    const family = SENSITIVE_ROUTES[request.routeOptions.url ?? '']
    if (!family) return
    const perIp = windows.hit(`ip:${family}:${request.ip}`, MINUTE)
    if (perIp.count > options.sensitivePerIpPerMinute) return tooMany(reply, options.sensitivePerIpPerMinute, perIp.resetAt)
    const account = ACCOUNT_ROUTES.has(request.routeOptions.url ?? '') ? accountOf(request.body) : null
    if (!account) return
    const failures = windows.peek(`account:${family}:${account}`)
    const knownDevice = request.cookies?.[DEVICE_COOKIE] === deviceToken(account)
    if (failures.count >= options.failuresPerAccount && !knownDevice) return tooMany(reply, options.failuresPerAccount, failures.resetAt)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url ?? ''
    const family = SENSITIVE_ROUTES[url]
    const account = family && ACCOUNT_ROUTES.has(url) ? accountOf(request.body) : null
    // A failure is a wrong secret; "now send your two-factor code" is the normal first step.
    const isFailure = reply.statusCode === 401 && !(typeof payload === 'string' && payload.includes('"code":"totp-required"'))
    if (account && isFailure) windows.hit(`account:${family}:${account}`, ACCOUNT_WINDOW)
    // Remember a browser that signed in to an account: the per-account limit does not apply to it.
    if (url === '/api/v1/auth/sign-in' && reply.statusCode === 200) {
      const account = accountOf(request.body)
      if (account) reply.setCookie(DEVICE_COOKIE, deviceToken(account), { httpOnly: true, sameSite: 'lax', path: '/api/v1/auth', maxAge: 365 * 24 * 3600 })
    }
    return payload
  })
}
