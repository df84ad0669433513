import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { principalOf } from '../../http/auth.js'
import { fieldError } from '../../errors.js'
import { parseFilterParam } from '../../engine/filter.js'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../engine/records.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import { checkIdempotencyKey } from './idempotency.js'
import { MAX_BATCH_OPERATIONS } from './batch.js'
import type { RecordsService } from './records.service.js'

const ObjectParams = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }) })
const RecordParams = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }), id: Type.String({ maxLength: 100 }) })
const Limit = Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
const FieldList = Type.Array(Type.String({ maxLength: 100 }), { maxItems: 300 })

const ListQuerystring = Type.Object({
  filter: Type.Optional(Type.String({ maxLength: 20_000 })),
  sort: Type.Optional(Type.String({ maxLength: 2000 })),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Type.String({ maxLength: 4096 })),
  fields: Type.Optional(Type.String({ maxLength: 10_000 })),
}, { additionalProperties: false })

const QueryBody = Type.Object({
  filter: Type.Optional(Type.Unknown()),
  sort: Type.Optional(Type.Unknown()),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Type.String({ maxLength: 4096 })),
  fields: Type.Optional(FieldList),
}, { additionalProperties: false })

const RecordBody = Type.Record(Type.String(), Type.Unknown(), { maxProperties: 500 })

const BatchBody = Type.Object({
  operations: Type.Array(Type.Object({
    op: Type.Unsafe<'create' | 'update' | 'upsert' | 'delete'>({ type: 'string', enum: ['create', 'update', 'upsert', 'delete'] }),
    id: Type.Optional(Type.String({ maxLength: 100 })),
    matchOn: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })),
    data: Type.Optional(RecordBody),
  }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_BATCH_OPERATIONS }),
}, { additionalProperties: false })

/** `[{"field":"lastName","dir":"asc"}]` or the short form `lastName,-createdAt`. */
export function parseSortParam(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined
  if (raw.trimStart().startsWith('[')) {
    try {
      return JSON.parse(raw)
    } catch {
      throw fieldError('/query/sort', 'must be JSON [{field, dir}] or a list like lastName,-createdAt', 'invalid-sort')
    }
  }
  return raw.split(',').map((part) => part.trim()).map((part) => (part.startsWith('-') ? { field: part.slice(1), dir: 'desc' } : { field: part, dir: 'asc' }))
}

const parseFields = (raw: string | undefined) => (raw ? raw.split(',').map((f) => f.trim()).filter(Boolean) : undefined)

const etagOf = (record: ApiRecord) => `"${record.version}"`

/** If-Match: `"3"`, `W/"3"` or `*`. Returns the version to match, or undefined for none / `*`. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header)
  if (!match) throw fieldError('/headers/if-match', 'must be an ETag from a previous read, like "3"')
  return Number(match[1])
}

function sendRecord(reply: FastifyReply, status: number, record: ApiRecord) {
  return reply.status(status).header('ETag', etagOf(record)).send({ data: record })
}

export function registerRecordRoutes(app: FastifyInstance, deps: { records: RecordsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { records } = deps
  const auth = { auth: 'member' } as const

  r.get('/api/v1/records/:object', { config: auth, schema: { params: ObjectParams, querystring: ListQuerystring } }, async (request) => {
    const q = request.query
    return records.list(principalOf(request), request.params.object, {
      filter: parseFilterParam(q.filter, '/query/filter'), sort: parseSortParam(q.sort), limit: q.limit, cursor: q.cursor, fields: parseFields(q.fields),
    })
  })

  r.post('/api/v1/records/:object/query', { config: auth, schema: { params: ObjectParams, body: QueryBody } }, async (request) =>
    records.list(principalOf(request), request.params.object, request.body))

  r.post('/api/v1/records/:object', { config: auth, schema: { params: ObjectParams, body: RecordBody } }, async (request, reply) => {
    const key = checkIdempotencyKey(request.headers['idempotency-key'])
    const result = await records.create(principalOf(request), request.params.object, request.body, key)
    if (result.replayed) reply.header('Idempotent-Replayed', 'true')
    return sendRecord(reply, result.status, result.record)
  })

  r.post('/api/v1/records/:object/batch', { config: auth, schema: { params: ObjectParams, body: BatchBody } }, async (request) =>
    ({ data: await records.batch(principalOf(request), request.params.object, request.body.operations) }))

  r.get('/api/v1/records/:object/:id', {
    config: auth, schema: { params: RecordParams, querystring: Type.Object({ fields: Type.Optional(Type.String({ maxLength: 10_000 })) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const record = await records.get(principalOf(request), request.params.object, request.params.id, parseFields(request.query.fields))
    if (request.headers['if-none-match'] === etagOf(record)) return reply.status(304).header('ETag', etagOf(record)).send()
    return sendRecord(reply, 200, record)
  })

  r.patch('/api/v1/records/:object/:id', { config: auth, schema: { params: RecordParams, body: RecordBody } }, async (request, reply) => {
    const ifMatch = parseIfMatch(request.headers['if-match'])
    return sendRecord(reply, 200, await records.update(principalOf(request), request.params.object, request.params.id, request.body, ifMatch))
  })

  r.delete('/api/v1/records/:object/:id', { config: auth, schema: { params: RecordParams } }, async (request, reply) => {
    const ifMatch = parseIfMatch(request.headers['if-match'])
    await records.remove(principalOf(request), request.params.object, request.params.id, ifMatch)
    return reply.status(204).send()
  })

  r.post('/api/v1/records/:object/:id/restore', { config: auth, schema: { params: RecordParams } }, async (request, reply) =>
    sendRecord(reply, 200, await records.restore(principalOf(request), request.params.object, request.params.id)))

  r.get('/api/v1/records/:object/:id/timeline', {
    config: auth,
    schema: {
      params: RecordParams,
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        cursor: Type.Optional(Type.String({ maxLength: 400 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => records.timeline(principalOf(request), request.params.object, request.params.id, request.query.limit ?? 50, request.query.cursor))

  r.get('/api/v1/records/:object/:id/history', {
    config: auth,
    schema: {
      params: RecordParams,
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        before: Type.Optional(Type.String({ format: 'date-time' })),
      }, { additionalProperties: false }),
    },
  }, async (request) => ({ data: await records.history(principalOf(request), request.params.object, request.params.id, request.query) }))

  r.get('/api/v1/search', {
    config: auth,
    schema: {
      querystring: Type.Object({
        q: Type.String({ minLength: 1, maxLength: 200 }),
        objects: Type.Optional(Type.String({ maxLength: 2000 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
      }, { additionalProperties: false }),
    },
  }, async (request) => ({
    data: await records.search(principalOf(request), request.query.q, parseFields(request.query.objects), request.query.limit ?? 20),
  }))
}
