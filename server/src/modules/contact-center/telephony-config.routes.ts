/**
 * Routes for what the phone system needs from the contact center: each agent's telephony
 * endpoint (administrators set it; supervisors read it) and the callback list with its
 * complete/cancel actions. Schemas live in contracts/contact-center-telephony.ts.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AgentEndpointBody, CallbackListQuery } from '../../../../contracts/contact-center-telephony.js'
import { principalOf } from '../../http/auth.js'
import type { ContactCenterService } from './contact-center.service.js'

const BASE = '/api/v1/contact-center'
const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) })
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) })
const DEFAULT_LIMIT = 100

export function registerTelephonyConfigRoutes(app: FastifyInstance, deps: { contactCenter: ContactCenterService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const cc = deps.contactCenter
  const config = { auth: 'member' } as const

  r.get(`${BASE}/agent-endpoints`, { config }, async (req) => ({ data: await cc.listEndpoints(principalOf(req)) }))
  r.put(`${BASE}/agents/:userId/endpoint`, { config, schema: { params: UserParams, body: AgentEndpointBody } }, async (req) =>
    ({ data: await cc.setEndpoint(principalOf(req), req.params.userId, req.body) }))
  r.delete(`${BASE}/agents/:userId/endpoint`, { config, schema: { params: UserParams } }, async (req, reply) => {
    await cc.removeEndpoint(principalOf(req), req.params.userId)
    return reply.status(204).send()
  })

  r.get(`${BASE}/callbacks`, { config, schema: { querystring: CallbackListQuery } }, async (req) =>
    ({ data: await cc.callbacks(principalOf(req), req.query.status ?? 'open', req.query.limit ?? DEFAULT_LIMIT) }))
  r.post(`${BASE}/callbacks/:id/complete`, { config, schema: { params: IdParams } }, async (req) =>
    ({ data: await cc.closeCallback(principalOf(req), req.params.id, 'ended') }))
  r.post(`${BASE}/callbacks/:id/cancel`, { config, schema: { params: IdParams } }, async (req) =>
    ({ data: await cc.closeCallback(principalOf(req), req.params.id, 'cancelled') }))
}
