import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { API_NAME_PATTERN, CreateFieldBody, CreateObjectBody, UpdateFieldBody, UpdateObjectBody } from '../../../../contracts/field-types.js'
import { principalOf } from '../../http/auth.js'
import type { ObjectsService } from './objects.service.js'

const ObjectParams = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }) })
const FieldParams = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }), field: Type.String({ pattern: API_NAME_PATTERN }) })

export function registerObjectRoutes(app: FastifyInstance, deps: { objects: ObjectsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { objects } = deps
  const config = { auth: 'member' } as const
  const base = '/api/v1/metadata/objects'

  r.get(base, { config }, async (request) => ({ data: await objects.list(principalOf(request)) }))
  r.get(`${base}/:object`, { config, schema: { params: ObjectParams } }, async (request) =>
    ({ data: await objects.get(principalOf(request), request.params.object) }))
  r.post(base, { config, schema: { body: CreateObjectBody } }, async (request, reply) =>
    reply.status(201).send({ data: await objects.createObject(principalOf(request), request.body) }))
  r.patch(`${base}/:object`, { config, schema: { params: ObjectParams, body: UpdateObjectBody } }, async (request) =>
    ({ data: await objects.updateObject(principalOf(request), request.params.object, request.body) }))
  r.delete(`${base}/:object`, { config, schema: { params: ObjectParams } }, async (request, reply) => {
    await objects.deleteObject(principalOf(request), request.params.object)
    return reply.status(204).send()
  })
  r.post(`${base}/:object/fields`, { config, schema: { params: ObjectParams, body: CreateFieldBody } }, async (request, reply) =>
    reply.status(201).send({ data: await objects.createField(principalOf(request), request.params.object, request.body) }))
  r.patch(`${base}/:object/fields/:field`, { config, schema: { params: FieldParams, body: UpdateFieldBody } }, async (request) =>
    ({ data: await objects.updateField(principalOf(request), request.params.object, request.params.field, request.body) }))
  r.delete(`${base}/:object/fields/:field`, { config, schema: { params: FieldParams } }, async (request, reply) => {
    await objects.deleteField(principalOf(request), request.params.object, request.params.field)
    return reply.status(204).send()
  })
}
