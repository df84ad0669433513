/**
 * Account routes beyond sign-in: password reset by mail, invitations, two-factor sign-in
 * (TOTP) and the workspace's security settings.
 *
 * When a workspace requires TOTP (`PUT /api/v1/access/settings {requireTotp: true}`), members
 * without it still sign in, but the sign-in answer and `GET /api/v1/auth/me` carry
 * `totpSetupRequired: true`; clients send such a user to `POST /api/v1/auth/totp/setup` first.
 * Other routes do not refuse them (yet).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf } from '../../http/auth.js'
import { setSessionCookie } from './auth.routes.js'
import type { InvitationsService } from './invitations.service.js'
import type { PasswordResetService } from './password-reset.service.js'
import { MAX_PASSWORD_LENGTH } from './passwords.js'
import type { TotpService } from './totp.service.js'

const Email = Type.String({ minLength: 3, maxLength: 254 })
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH })
const Token = Type.String({ minLength: 1, maxLength: 100 })
const Code = Type.String({ minLength: 1, maxLength: 10 })
const Id = Type.String({ maxLength: 100 })

/** The same body for every reset request: it must not tell whether the account exists. */
const RESET_ACCEPTED = { data: { message: 'If an account uses this address, a link to reset its password is on its way' } }

/** Where links in mail point when RAPPORT_PUBLIC_URL is not set. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`

export function registerAccountRoutes(app: FastifyInstance, deps: { passwordReset: PasswordResetService; invitations: InvitationsService; totp: TotpService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { passwordReset, invitations, totp } = deps
  const auth = '/api/v1/auth'

  r.post(`${auth}/password-reset`, {
    config: { auth: 'public' },
    schema: { body: Type.Object({ email: Email }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await passwordReset.request(request.body.email, originOf(request), request.ip)
    return reply.status(202).send(RESET_ACCEPTED)
  })

  r.post(`${auth}/password-reset/confirm`, {
    config: { auth: 'public' },
    schema: { body: Type.Object({ token: Token, password: Password }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await passwordReset.confirm(request.body.token, request.body.password, request.ip)
    return reply.status(204).send()
  })

  r.post('/api/v1/access/invitations', {
    config: { auth: 'member' },
    schema: { body: Type.Object({ email: Email, roleId: Id }, { additionalProperties: false }) },
  }, async (request, reply) => reply.status(202).send({ data: await invitations.invite(principalOf(request), request.body, originOf(request)) }))

  r.post(`${auth}/invitations/accept`, {
    config: { auth: 'public' },
    schema: {
      body: Type.Object({
        token: Token, name: Type.Optional(Type.String({ maxLength: 200 })), password: Type.Optional(Password), totp: Type.Optional(Code),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => setSessionCookie(request, reply, await invitations.accept(request.body, request.ip)))

  r.post(`${auth}/totp/setup`, { config: { auth: 'member' } }, async (request, reply) =>
    reply.header('cache-control', 'no-store').send({ data: await totp.setup(principalOf(request)) }))

  r.post(`${auth}/totp/enable`, {
    config: { auth: 'member' },
    schema: { body: Type.Object({ code: Code }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await totp.enable(principalOf(request), request.body.code, request.ip)
    return reply.status(204).send()
  })

  r.post(`${auth}/totp/disable`, {
    config: { auth: 'member' },
    schema: { body: Type.Object({ code: Code }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await totp.disable(principalOf(request), request.body.code, request.ip)
    return reply.status(204).send()
  })

  r.get('/api/v1/access/settings', { config: { auth: 'member' } }, async (request) => ({ data: await totp.getSettings(principalOf(request)) }))

  r.put('/api/v1/access/settings', {
    config: { auth: 'member' },
    schema: { body: Type.Object({ requireTotp: Type.Boolean() }, { additionalProperties: false }) },
  }, async (request) => ({ data: await totp.updateSettings(principalOf(request), request.body) }))
}
