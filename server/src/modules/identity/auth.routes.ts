import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf } from '../../http/auth.js'
import type { AuthService, SignedIn } from './auth.service.js'
import { MAX_PASSWORD_LENGTH } from './passwords.js'
import { SESSION_COOKIE, SESSION_TTL_MS } from './sessions.service.js'

const Email = Type.String({ minLength: 3, maxLength: 254 })
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH })

/** Sets the session cookie and returns the sign-in body; every route that starts a session uses it. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn) {
  reply.setCookie(SESSION_COOKIE, signedIn.token, {
    httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https', maxAge: SESSION_TTL_MS / 1000,
  })
  return {
    user: signedIn.user, workspaceId: signedIn.workspaceId, csrfToken: signedIn.csrfToken,
    ...(signedIn.totpSetupRequired ? { totpSetupRequired: true } : {}),
  }
}

export function registerAuthRoutes(app: FastifyInstance, deps: { auth: AuthService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { auth } = deps
  const base = '/api/v1/auth'

  r.post(`${base}/setup`, {
    config: { auth: 'public' },
    schema: { body: Type.Object({ workspaceName: Type.String({ minLength: 1, maxLength: 200 }), email: Email, password: Password, name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }) },
  }, async (request, reply) => reply.status(201).send(setSessionCookie(request, reply, await auth.setup(request.body, request.ip))))

  r.post(`${base}/sign-in`, {
    config: { auth: 'public' },
    schema: { body: Type.Object({ email: Email, password: Password, workspaceId: Type.Optional(Type.String({ maxLength: 40 })), totp: Type.Optional(Type.String({ maxLength: 10 })) }, { additionalProperties: false }) },
  }, async (request, reply) => setSessionCookie(request, reply, await auth.signIn(request.body, request.ip)))

  r.post(`${base}/sign-out`, { config: { auth: 'member' } }, async (request, reply) => {
    await auth.signOut(principalOf(request))
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send()
  })

  r.post(`${base}/sign-out-everywhere`, { config: { auth: 'member' } }, async (request, reply) => {
    await auth.signOutEverywhere(principalOf(request))
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send()
  })

  // The CSRF token rides along for a session, so a new tab (cookie, but no token yet) can write.
  // Same-origin JSON only: no CORS, so another site cannot read it; never cached.
  r.get(`${base}/me`, { config: { auth: 'member' } }, async (request, reply) => {
    const principal = principalOf(request)
    const cookie = request.cookies[SESSION_COOKIE]
    const csrfToken = principal.via === 'session' && cookie ? await auth.csrfTokenFor(cookie) : undefined
    reply.header('cache-control', 'no-store')
    return { data: { ...(await auth.me(principal)), ...(csrfToken ? { csrfToken } : {}) } }
  })

  r.get(`${base}/setup-status`, { config: { auth: 'public' } }, async () => ({ data: { setupRequired: !(await auth.isSetupDone()) } }))

  r.post(`${base}/password`, {
    config: { auth: 'member' },
    schema: { body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }) },
  }, async (request, reply) => setSessionCookie(request, reply, await auth.changePassword(principalOf(request), request.body.currentPassword, request.body.newPassword, request.ip)))

  r.post(`${base}/workspace`, {
    config: { auth: 'member' },
    schema: { body: Type.Object({ workspaceId: Type.String({ maxLength: 40 }) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await auth.switchWorkspace(principalOf(request), request.body.workspaceId)
    return reply.status(204).send()
  })
}
