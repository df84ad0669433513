/**
 * @module ivr routes
 * `/api/v1/contact-center/ivr-flows`: drafts, publishing, versions, export and simulation.
 * Writes take `If-Match` with the draft's revision (the ETag of a read).
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CreateIvrFlowBody, SimulateIvrBody, UpdateIvrFlowBody } from '../../../../contracts/contact-center-content.js'
import { principalOf } from '../../http/auth.js'
import type { IvrService } from './ivr.service.js'
import { parseIfMatch } from './if-match.js'

const BASE = '/api/v1/contact-center/ivr-flows'
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) })
const VersionParams = Type.Object({ id: Type.String({ maxLength: 100 }), version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) })

export function registerIvrRoutes(app: FastifyInstance, deps: { ivr: IvrService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { ivr } = deps
  const config = { auth: 'member' } as const

  r.get(BASE, { config }, async (request) => ({ data: await ivr.list(principalOf(request)) }))

  r.post(BASE, { config, schema: { body: CreateIvrFlowBody } }, async (request, reply) => {
    const flow = await ivr.create(principalOf(request), request.body)
    return reply.status(201).header('ETag', `"${flow.revision}"`).send({ data: flow })
  })

  r.get(`${BASE}/:id`, { config, schema: { params: Params } }, async (request, reply) => {
    const flow = await ivr.get(principalOf(request), request.params.id)
    return reply.header('ETag', `"${flow.revision}"`).send({ data: flow })
  })

  r.patch(`${BASE}/:id`, { config, schema: { params: Params, body: UpdateIvrFlowBody } }, async (request, reply) => {
    const flow = await ivr.update(principalOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))
    return reply.header('ETag', `"${flow.revision}"`).send({ data: flow })
  })

  r.delete(`${BASE}/:id`, { config, schema: { params: Params } }, async (request, reply) => {
    await ivr.remove(principalOf(request), request.params.id)
    return reply.status(204).send()
  })

  r.post(`${BASE}/:id/publish`, { config, schema: { params: Params } }, async (request, reply) =>
    reply.status(201).send({ data: await ivr.publish(principalOf(request), request.params.id) }))

  r.get(`${BASE}/:id/versions`, { config, schema: { params: Params } }, async (request) =>
    ({ data: await ivr.versions(principalOf(request), request.params.id) }))

  r.get(`${BASE}/:id/versions/:version`, { config, schema: { params: VersionParams } }, async (request) =>
    ({ data: await ivr.version(principalOf(request), request.params.id, request.params.version) }))

  r.get(`${BASE}/:id/versions/:version/export`, { config, schema: { params: VersionParams } }, async (request) =>
    ivr.export(principalOf(request), request.params.id, request.params.version))

  r.post(`${BASE}/:id/simulate`, { config, schema: { params: Params, body: SimulateIvrBody } }, async (request) =>
    ({ data: await ivr.simulate(principalOf(request), request.params.id, request.body) }))
}
