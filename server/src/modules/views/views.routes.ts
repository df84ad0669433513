import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { CreateViewBody, UpdateViewBody, type SavedView } from '../../../../contracts/views.js'
import { fieldError } from '../../errors.js'
import { principalOf } from '../../http/auth.js'
import type { ViewsService } from './views.service.js'

const ViewParams = Type.Object({ id: Type.String({ maxLength: 100 }) })
const ListQuerystring = Type.Object({ object: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })) }, { additionalProperties: false })

/** If-Match as records take it: `"3"`, `W/"3"` or `*` (undefined: no precondition). */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header)
  if (!match) throw fieldError('/headers/if-match', 'must be an ETag from a previous read, like "3"')
  return Number(match[1])
}

const sendView = (reply: FastifyReply, status: number, view: SavedView) =>
  reply.status(status).header('ETag', `"${view.version}"`).send({ data: view })

export function registerViewRoutes(app: FastifyInstance, deps: { views: ViewsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { views } = deps
  const config = { auth: 'member' } as const

  r.get('/api/v1/views', { config, schema: { querystring: ListQuerystring } }, async (request) =>
    ({ data: await views.list(principalOf(request), request.query.object) }))

  r.post('/api/v1/views', { config, schema: { body: CreateViewBody } }, async (request, reply) =>
    sendView(reply, 201, await views.create(principalOf(request), request.body)))

  r.get('/api/v1/views/:id', { config, schema: { params: ViewParams } }, async (request, reply) =>
    sendView(reply, 200, await views.get(principalOf(request), request.params.id)))

  r.patch('/api/v1/views/:id', { config, schema: { params: ViewParams, body: UpdateViewBody } }, async (request, reply) => {
    const ifMatch = parseIfMatch(request.headers['if-match'])
    return sendView(reply, 200, await views.update(principalOf(request), request.params.id, request.body, ifMatch))
  })

  r.delete('/api/v1/views/:id', { config, schema: { params: ViewParams } }, async (request, reply) => {
    await views.remove(principalOf(request), request.params.id, parseIfMatch(request.headers['if-match']))
    return reply.status(204).send()
  })
}
