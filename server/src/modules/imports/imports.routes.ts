import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Readable } from 'node:stream'
import { Type } from 'typebox'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { IMPORT_DATE_FORMATS, type ImportDateFormat, type ImportKind } from '../../../../contracts/imports.js'
import { principalOf } from '../../http/auth.js'
import { AppError } from '../../errors.js'
import { parseMappingParam } from './header-mapping.js'
import { streamJobEvents } from './import-events.js'
import { registerImportTemplateRoutes } from './import-templates.routes.js'
import { MAX_IMPORT_BYTES, MAX_LISTED_JOBS, type ImportsService } from './imports.service.js'
import { checkDelimiter, checkEncoding } from './text-decoding.js'
import type { UploadKind } from './xlsx-file.js'

const CreateQuery = Type.Object({
  object: Type.String({ pattern: API_NAME_PATTERN }),
  mode: Type.Optional(Type.Unsafe<'dryRun' | 'apply'>({ type: 'string', enum: ['dryRun', 'apply'], default: 'dryRun' })),
  encoding: Type.Optional(Type.String({ maxLength: 40 })),
  delimiter: Type.Optional(Type.String({ maxLength: 10 })),
  key: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })),
  mapping: Type.Optional(Type.String({ maxLength: 50_000 })),
  template: Type.Optional(Type.String({ maxLength: 100 })),
  kind: Type.Optional(Type.Unsafe<ImportKind>({ type: 'string', enum: ['records', 'invoiceLines'] })),
  dateFormat: Type.Optional(Type.Unsafe<ImportDateFormat>({ type: 'string', enum: [...IMPORT_DATE_FORMATS] })),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  createRelated: Type.Optional(Type.Boolean()),
  createOptions: Type.Optional(Type.Boolean()),
  /** ISO 3166-1 alpha-2 (LT): phones without a +prefix are read in this country; checked by the service. */
  defaultCountry: Type.Optional(Type.String({ maxLength: 20 })),
  /** The user's file name, only for its extension (never a path on the server). */
  fileName: Type.Optional(Type.String({ maxLength: 255 })),
  sheet: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}, { additionalProperties: false })

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** What the client says the file is: its name's extension first, else its Content-Type; octet-stream says nothing. */
function declaredKind(fileName: string | undefined, contentType: string | undefined): UploadKind | undefined {
  const extension = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1]
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx'
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv'
  const type = contentType?.split(';')[0].trim().toLowerCase()
  if (type === XLSX_TYPE) return 'xlsx'
  if (type === 'text/csv' || type === 'text/plain') return 'csv'
  return undefined
}

const JobParams = Type.Object({ id: Type.String({ maxLength: 100 }) })
const ListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LISTED_JOBS })) }, { additionalProperties: false })
const ErrorsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false })
const EventsHeaders = Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 100 })) })

/**
 * Import routes. The file is the raw request body (text/csv, XLSX or application/octet-stream),
 * streamed to disk rather than buffered, so these routes get their own body parser.
 */
export function registerImportRoutes(app: FastifyInstance, deps: { imports: ImportsService }): void {
  const { imports } = deps
  const auth = { auth: 'member' } as const
  registerImportTemplateRoutes(app, imports.templates)
  void app.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream', XLSX_TYPE], (_request, payload, done) => done(null, payload))
    const r = scope.withTypeProvider<TypeBoxTypeProvider>()

    r.post('/api/v1/imports', { config: auth, bodyLimit: MAX_IMPORT_BYTES, schema: { querystring: CreateQuery } }, async (request, reply) => {
      if (!(request.body instanceof Readable)) throw new AppError('unsupported-media-type', 'Send the file itself as the body, with Content-Type text/csv, the XLSX type or application/octet-stream')
      const q = request.query
      const job = await imports.create(principalOf(request), request.body, {
        object: q.object, mode: q.mode ?? 'dryRun', encoding: checkEncoding(q.encoding), delimiter: checkDelimiter(q.delimiter),
        key: q.key, mapping: parseMappingParam(q.mapping), template: q.template, kind: q.kind, dateFormat: q.dateFormat, currency: q.currency, createRelated: q.createRelated, createOptions: q.createOptions, defaultCountry: q.defaultCountry,
        declared: declaredKind(q.fileName, request.headers['content-type']), sheet: q.sheet,
      })
      return reply.status(202).header('Location', `/api/v1/imports/${job.id}`).send({ data: job })
    })

    r.get('/api/v1/imports', { config: auth, schema: { querystring: ListQuery } }, async (request) =>
      ({ data: await imports.list(principalOf(request), request.query.limit) }))

    r.get('/api/v1/imports/:id', { config: auth, schema: { params: JobParams } }, async (request) =>
      ({ data: await imports.get(principalOf(request), request.params.id) }))

    // Progress as Server-Sent Events; ends with an `end` event when the job stops running.
    r.get('/api/v1/imports/:id/events', { config: auth, schema: { params: JobParams, headers: EventsHeaders } }, async (request, reply) => {
      const principal = principalOf(request)
      const { id } = request.params
      await imports.get(principal, id) // 404 as problem+json before the stream starts
      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' })
      let closed = false
      raw.on('close', () => { closed = true })
      try {
        await streamJobEvents({ write: (chunk) => raw.write(chunk), isClosed: () => closed }, () => imports.get(principal, id), { lastEventId: request.headers['last-event-id'] })
      } catch (error) {
        request.log.error(error)
      } finally {
        raw.end()
      }
    })

    r.get('/api/v1/imports/:id/errors', { config: auth, schema: { params: JobParams, querystring: ErrorsQuery } }, async (request) =>
      ({ data: await imports.errors(principalOf(request), request.params.id, request.query.limit ?? 100) }))

    r.get('/api/v1/imports/:id/errors.csv', { config: auth, schema: { params: JobParams } }, async (request, reply) => {
      const csv = await imports.errorsCsv(principalOf(request), request.params.id)
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="import-${request.params.id}-errors.csv"`).send(csv)
    })

    for (const action of ['cancel', 'resume', 'undo'] as const) {
      r.post(`/api/v1/imports/:id/${action}`, { config: auth, schema: { params: JobParams } }, async (request) =>
        ({ data: await imports[action](principalOf(request), request.params.id) }))
    }
  })
}
