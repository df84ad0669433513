/**
 * The public knowledge-base portal (`/api/v1/portal/{workspaceId}/kb/…`) is open to anyone, so
 * the per-credential API limit never applies to it: it gets its own fixed one-minute window
 * per client IP and workspace (SECURITY-TESTS F11), answering 429 problem+json with
 * Retry-After and RateLimit-* headers. One noisy visitor of one portal does not use up another
 * workspace's allowance.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../errors.js'
import { sendProblem } from '../../http/problem-handler.js'

const MINUTE = 60_000
export const PORTAL_REQUESTS_PER_MINUTE = 120

export function createPortalLimiter(perMinute = PORTAL_REQUESTS_PER_MINUTE) {
  const windows = new Map<string, { count: number; resetAt: number }>()
  let lastSweep = Date.now()
  return async function portalLimit(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const now = Date.now()
    if (now - lastSweep >= MINUTE) {
      lastSweep = now
      for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key)
    }
    const workspaceId = (request.params as { workspaceId?: string }).workspaceId ?? ''
    const key = `${request.ip}|${workspaceId}`
    let window = windows.get(key)
    if (!window || window.resetAt <= now) windows.set(key, (window = { count: 0, resetAt: now + MINUTE }))
    window.count++
    const seconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000))
    reply.header('RateLimit-Limit', String(perMinute)).header('RateLimit-Remaining', String(Math.max(0, perMinute - window.count))).header('RateLimit-Reset', String(seconds))
    if (window.count <= perMinute) return undefined
    reply.header('Retry-After', String(seconds))
    return sendProblem(reply, new AppError('rate-limited', `Too many portal requests; retry in ${seconds} s`))
  }
}
