import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { parseFilterParam } from '../../engine/filter.js'
import { principalOf } from '../../http/auth.js'
import { parseSortParam } from '../records/records.routes.js'
import { EXPORT_FORMATS, type ExportFile, type ExportFormat, type ExportsService } from './exports.service.js'

const ObjectParams = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }) })
const Format = Type.Unsafe<ExportFormat>({ type: 'string', enum: [...EXPORT_FORMATS], default: 'csv' })
const ViewId = Type.String({ minLength: 1, maxLength: 100 })

const ExportQuerystring = Type.Object({
  format: Type.Optional(Format),
  viewId: Type.Optional(ViewId),
  filter: Type.Optional(Type.String({ maxLength: 20_000 })),
  sort: Type.Optional(Type.String({ maxLength: 2000 })),
  fields: Type.Optional(Type.String({ maxLength: 10_000 })),
  bom: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })

const ExportBody = Type.Object({
  format: Type.Optional(Format),
  viewId: Type.Optional(ViewId),
  filter: Type.Optional(Type.Unknown()),
  sort: Type.Optional(Type.Unknown()),
  fields: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 300 })),
  bom: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })

function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply.type(file.contentType)
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(file.stream)
}

/** `GET|POST /api/v1/records/{object}/export`: a list view as a streamed CSV or XLSX download. */
export function registerExportRoutes(app: FastifyInstance, deps: { exports: ExportsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const auth = { auth: 'member' } as const

  r.get('/api/v1/records/:object/export', { config: auth, schema: { params: ObjectParams, querystring: ExportQuerystring } }, async (request, reply) => {
    const q = request.query
    const fields = q.fields ? q.fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined
    const file = await deps.exports.export(principalOf(request), request.params.object, {
      format: q.format ?? 'csv', viewId: q.viewId, filter: parseFilterParam(q.filter, '/query/filter'), sort: parseSortParam(q.sort), fields, bom: q.bom,
    }, request.ip)
    return sendFile(reply, file)
  })

  r.post('/api/v1/records/:object/export', { config: auth, schema: { params: ObjectParams, body: ExportBody } }, async (request, reply) => {
    const b = request.body
    const file = await deps.exports.export(principalOf(request), request.params.object, { ...b, format: b.format ?? 'csv' }, request.ip)
    return sendFile(reply, file)
  })
}
