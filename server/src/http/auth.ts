/**
 * Every route declares `config.auth`: 'public' or 'member' (a workspace member, by session
 * cookie or API key). A route without a declaration stops the app from starting, so nothing
 * is open by accident. Cookie-authenticated requests that change state must carry the
 * session's X-CSRF-Token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type {} from '@fastify/cookie'
import { AppError } from '../errors.js'
import type { AccessService } from '../modules/access/access.service.js'
import type { ApiKeysService } from '../modules/api-keys/api-keys.service.js'
import { SESSION_COOKIE, type SessionsService } from '../modules/identity/sessions.service.js'
import { hashToken, sameHash } from '../modules/identity/tokens.js'
import type { TotpService } from '../modules/identity/totp.service.js'
import type { UsersService } from '../modules/identity/users.service.js'
import { sendProblem } from './problem-handler.js'

export type RouteAuth = 'public' | 'member'

/** Who is calling: a member of one workspace, through a session or an API key. */
export interface Principal {
  workspaceId: string
  /** Null for a role-level API key. */
  userId: string | null
  roleId: string
  /** The session or key id: idempotency keys are scoped to it. */
  credentialId: string
  via: 'session' | 'apiKey'
  sessionIdHash?: string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth
  }
  interface FastifyRequest {
    principal?: Principal
  }
}

export interface RouteEntry {
  method: string
  url: string
  auth: RouteAuth
}

const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>()

/** Every route the app registered, with its declared auth: attack tests are generated from it. */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return routeTables.get(app) ?? []
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface AuthDeps {
  apiKeys: ApiKeysService
  sessions: SessionsService
  users: UsersService
  access: AccessService
  totp: Pick<TotpService, 'isRequired'>
}

/**
 * What a session may still do while its workspace requires two-factor sign-in and the user has
 * not set it up: see who they are, set TOTP up, change the password, sign out. API keys are
 * separate credentials and are not affected.
 */
const TOTP_SETUP_ROUTES = new Set([
  '/api/v1/auth/me', '/api/v1/auth/totp/setup', '/api/v1/auth/totp/enable', '/api/v1/auth/password',
  '/api/v1/auth/sign-out', '/api/v1/auth/sign-out-everywhere',
])

async function refuseUntilTotpSetUp(deps: AuthDeps, request: FastifyRequest, workspaceId: string, userId: string): Promise<void> {
  if (TOTP_SETUP_ROUTES.has(request.routeOptions.url ?? '')) return
  if (!(await deps.totp.isRequired(workspaceId))) return
  const user = await deps.users.find(userId)
  if (user && !user.totpEnabled) throw new AppError('totp-setup-required', 'This workspace requires two-factor sign-in: set it up at POST /api/v1/auth/totp/setup')
}

async function principalFromKey(deps: AuthDeps, token: string): Promise<Principal | undefined> {
  const key = await deps.apiKeys.verify(token)
  if (!key) return undefined
  // Keys made before roles existed carried full power; they keep the administrator role.
  let roleId = key.roleId ?? (key.userId ? null : await deps.access.adminRoleId(key.workspaceId))
  if (key.userId) {
    const user = await deps.users.find(key.userId)
    roleId = user && !user.disabled ? (await deps.access.roleOfMember(key.workspaceId, key.userId)) ?? null : null
  }
  if (!roleId) return undefined
  return { workspaceId: key.workspaceId, userId: key.userId, roleId, credentialId: key.keyId, via: 'apiKey' }
}

async function principalFromSession(deps: AuthDeps, request: FastifyRequest, token: string): Promise<Principal | undefined> {
  const session = await deps.sessions.verify(token)
  if (!session) return undefined
  const roleId = await deps.access.roleOfMember(session.workspaceId, session.userId)
  if (!roleId) return undefined
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers['x-csrf-token']
    if (typeof header !== 'string' || !sameHash(hashToken(header), session.csrfHash)) throw new AppError('csrf-failed', 'Send the X-CSRF-Token you got at sign-in')
  }
  await refuseUntilTotpSetUp(deps, request, session.workspaceId, session.userId)
  return { workspaceId: session.workspaceId, userId: session.userId, roleId, credentialId: session.idHash, via: 'session', sessionIdHash: session.idHash }
}

export function registerAuth(app: FastifyInstance, deps: AuthDeps): void {
  const table: RouteEntry[] = []
  routeTables.set(app, table)
  app.addHook('onRoute', (route) => {
    const auth = (route.config as { auth?: unknown } | undefined)?.auth
    if (auth !== 'public' && auth !== 'member') {
      throw new Error(`route ${route.method} ${route.url} must declare config.auth ('public' or 'member')`)
    }
    for (const method of [route.method].flat()) table.push({ method, url: route.url, auth })
  })
  app.addHook('onRequest', async (request, reply) => {
    const auth = request.routeOptions.config?.auth
    if (auth === 'public' || auth === undefined) return // undefined: the not-found handler
    const header = request.headers.authorization
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined
    const cookie = request.cookies?.[SESSION_COOKIE]
    try {
      const principal = bearer ? await principalFromKey(deps, bearer) : cookie ? await principalFromSession(deps, request, cookie) : undefined
      if (principal) {
        request.principal = principal
        return
      }
    } catch (error) {
      if (error instanceof AppError) return sendProblem(reply, error)
      throw error
    }
    reply.header('WWW-Authenticate', 'Bearer realm="rapport"')
    const detail = bearer ? 'The API key is not valid, expired or revoked' : cookie ? 'Your session has ended; sign in again' : 'Sign in, or send an API key as Authorization: Bearer <key>'
    return sendProblem(reply, new AppError('unauthenticated', detail))
  })
}

/** The request's principal; only call it in routes declared 'member'. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated')
  return request.principal
}
