/**
 * @module agent script routes
 * `/api/v1/contact-center/scripts` (CRUD for administrators, read and run for members) and
 * `/api/v1/contact-center/script-runs?activityId=` (what was answered on a call).
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CreateScriptBody, ScriptRunBody, UpdateScriptBody } from '../../../../contracts/contact-center-content.js'
import { principalOf } from '../../http/auth.js'
import { parseIfMatch } from './if-match.js'
import type { ScriptsService } from './scripts.service.js'

const BASE = '/api/v1/contact-center/scripts'
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) })
const Key = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,60}$' })
const ListQuery = Type.Object({ queue: Type.Optional(Key), callReason: Type.Optional(Key) }, { additionalProperties: false })
const RunsQuery = Type.Object({ activityId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

export function registerScriptRoutes(app: FastifyInstance, deps: { scripts: ScriptsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { scripts } = deps
  const config = { auth: 'member' } as const

  r.get(BASE, { config, schema: { querystring: ListQuery } }, async (request) => ({ data: await scripts.list(principalOf(request), request.query) }))

  r.post(BASE, { config, schema: { body: CreateScriptBody } }, async (request, reply) => {
    const script = await scripts.create(principalOf(request), request.body)
    return reply.status(201).header('ETag', `"${script.revision}"`).send({ data: script })
  })

  r.get(`${BASE}/:id`, { config, schema: { params: Params } }, async (request, reply) => {
    const script = await scripts.get(principalOf(request), request.params.id)
    return reply.header('ETag', `"${script.revision}"`).send({ data: script })
  })

  r.patch(`${BASE}/:id`, { config, schema: { params: Params, body: UpdateScriptBody } }, async (request, reply) => {
    const script = await scripts.update(principalOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))
    return reply.header('ETag', `"${script.revision}"`).send({ data: script })
  })

  r.delete(`${BASE}/:id`, { config, schema: { params: Params } }, async (request, reply) => {
    await scripts.remove(principalOf(request), request.params.id)
    return reply.status(204).send()
  })

  r.post(`${BASE}/:id/runs`, { config, schema: { params: Params, body: ScriptRunBody } }, async (request, reply) =>
    reply.status(201).send({ data: await scripts.run(principalOf(request), request.params.id, request.body) }))

  r.get('/api/v1/contact-center/script-runs', { config, schema: { querystring: RunsQuery } }, async (request) =>
    ({ data: await scripts.runsOf(principalOf(request), request.query.activityId) }))
}
