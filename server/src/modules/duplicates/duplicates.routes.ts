import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { DuplicateRuleName } from '../../../../contracts/duplicates.js'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { fieldError } from '../../errors.js'
import { principalOf } from '../../http/auth.js'
import { MAX_GROUP_PAGE, type DuplicatesService } from './duplicates.service.js'

const Rule = Type.Object({
  rule: Type.Unsafe<DuplicateRuleName>({ type: 'string', enum: ['email', 'phone', 'name', 'domain'] }),
  threshold: Type.Optional(Type.Number()),
  relation: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  field: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false })

const CreateBody = Type.Object({
  object: Type.String({ pattern: API_NAME_PATTERN }),
  rules: Type.Array(Rule, { maxItems: 10 }),
}, { additionalProperties: false })

const MergeBody = Type.Object({
  survivorId: Type.String({ maxLength: 100 }),
  mergedIds: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 1000 }),
  fieldValues: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 100 }), { maxProperties: 500 })),
  versions: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Integer({ minimum: 0 }), { maxProperties: 1000 })),
}, { additionalProperties: false })

const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

/** If-Match: `"3"`, `W/"3"` or `*` → the survivor's expected version. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header)
  if (!match) throw fieldError('/headers/if-match', 'must be an ETag from a previous read, like "3"')
  return Number(match[1])
}

export function registerDuplicateRoutes(app: FastifyInstance, deps: { duplicates: DuplicatesService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { duplicates } = deps
  const auth = { auth: 'member' } as const

  r.post('/api/v1/duplicates/jobs', { config: auth, schema: { body: CreateBody } }, async (request, reply) => {
    const job = await duplicates.create(principalOf(request), request.body)
    return reply.status(202).header('Location', `/api/v1/duplicates/jobs/${job.id}`).send({ data: job })
  })

  r.get('/api/v1/duplicates/jobs', { config: auth }, async (request) => ({ data: await duplicates.list(principalOf(request)) }))

  r.get('/api/v1/duplicates/jobs/:id', { config: auth, schema: { params: IdParams } }, async (request) =>
    ({ data: await duplicates.get(principalOf(request), request.params.id) }))

  r.post('/api/v1/duplicates/jobs/:id/cancel', { config: auth, schema: { params: IdParams } }, async (request) =>
    ({ data: await duplicates.cancel(principalOf(request), request.params.id) }))

  r.get('/api/v1/duplicates/jobs/:id/groups', {
    config: auth,
    schema: {
      params: IdParams,
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_GROUP_PAGE, default: 20 })),
        cursor: Type.Optional(Type.String({ maxLength: 100 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => duplicates.groups(principalOf(request), request.params.id, request.query))

  r.post('/api/v1/duplicates/groups/:id/dismiss', { config: auth, schema: { params: IdParams } }, async (request, reply) => {
    await duplicates.dismiss(principalOf(request), request.params.id)
    return reply.status(204).send()
  })

  r.post('/api/v1/records/:object/merge', {
    config: auth, schema: { params: Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }) }), body: MergeBody },
  }, async (request, reply) => {
    const record = await duplicates.merge(principalOf(request), request.params.object, request.body, { ifMatch: parseIfMatch(request.headers['if-match']) })
    return reply.status(200).header('ETag', `"${record.version}"`).send({ data: record })
  })
}
