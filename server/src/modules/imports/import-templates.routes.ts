import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { principalOf } from '../../http/auth.js'
import type { ImportTemplatesService } from './import-templates.js'
import { DELIMITERS, ENCODINGS, type ImportEncoding } from './text-decoding.js'

const Mapping = Type.Record(Type.String({ maxLength: 1000 }), Type.Union([Type.String({ pattern: API_NAME_PATTERN }), Type.Null()]), { maxProperties: 1000 })
const TemplateBody = Type.Object({
  object: Type.String({ pattern: API_NAME_PATTERN }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  mapping: Mapping,
  options: Type.Optional(Type.Object({
    key: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })),
    encoding: Type.Optional(Type.Unsafe<ImportEncoding>({ type: 'string', enum: [...ENCODINGS] })),
    delimiter: Type.Optional(Type.Unsafe<string>({ type: 'string', enum: [...DELIMITERS] })),
  }, { additionalProperties: false })),
}, { additionalProperties: false })
const ObjectQuery = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }) }, { additionalProperties: false })
const SuggestBody = Type.Object({
  object: Type.String({ pattern: API_NAME_PATTERN }),
  headers: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 1000 }),
}, { additionalProperties: false })
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

/** Mapping templates: list per object, save, delete, and suggest one for a file's headers. */
export function registerImportTemplateRoutes(app: FastifyInstance, templates: ImportTemplatesService): void {
  const auth = { auth: 'member' } as const
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get('/api/v1/import-templates', { config: auth, schema: { querystring: ObjectQuery } }, async (request) =>
    ({ data: await templates.list(principalOf(request), request.query.object) }))

  r.post('/api/v1/import-templates', { config: auth, schema: { body: TemplateBody } }, async (request, reply) => {
    const { options, ...rest } = request.body
    const template = await templates.save(principalOf(request), { ...rest, options: options ?? {} })
    return reply.status(201).header('Location', `/api/v1/import-templates/${template.id}`).send({ data: template })
  })

  r.post('/api/v1/import-templates/suggest', { config: auth, schema: { body: SuggestBody } }, async (request) =>
    ({ data: await templates.suggest(principalOf(request), request.body.object, request.body.headers) }))

  r.delete('/api/v1/import-templates/:id', { config: auth, schema: { params: IdParams } }, async (request, reply) => {
    await templates.remove(principalOf(request), request.params.id)
    return reply.status(204).send()
  })
}
