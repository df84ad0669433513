/**
 * Turns every error into RFC 9457 problem+json: AppError by its code, schema validation by
 * its JSON pointers, Fastify's own parser errors by their meaning, and anything unexpected into
 * a logged, generic 500 that reveals nothing.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { PROBLEMS, type FieldProblem } from '../../../contracts/problems.js'
import { AppError } from '../errors.js'

const FASTIFY_CODES: Record<string, AppError['code']> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation-failed',
  FST_ERR_CTP_INVALID_CHARSET: 'unsupported-media-type',
}

/** SQLite busy/locked and Postgres lock-timeout codes. */
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', '55P03'])

const CONTEXT_PREFIX: Record<string, string> = { body: '', querystring: '/query', params: '/path', headers: '/headers' }

type AjvError = NonNullable<FastifyError['validation']>[number]

function validationProblems(error: FastifyError): FieldProblem[] {
  const prefix = CONTEXT_PREFIX[error.validationContext ?? 'body'] ?? ''
  return (error.validation ?? []).map((v: AjvError) => {
    const params = v.params as Record<string, unknown>
    const extra = params.missingProperty ?? params.additionalProperty
    const pointer = `${prefix}${v.instancePath}${extra ? `/${String(extra)}` : ''}` || '/'
    const detail = params.additionalProperty ? 'is not a known property' : v.message ?? 'is not valid'
    return { pointer, detail }
  })
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(error.status).type('application/problem+json').send(error.toProblem())
}

export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, error)
    if (error.validation) {
      const errors = validationProblems(error)
      return sendProblem(reply, new AppError('validation-failed', `${errors[0]?.pointer}: ${errors[0]?.detail}`, { errors }))
    }
    if (BUSY_CODES.has(String(error.code))) {
      // The store is locked by a long schema change: retryable, not a server fault.
      reply.header('Retry-After', '2')
      return sendProblem(reply, new AppError('unavailable', 'The workspace is busy with a schema change; retry in a moment'))
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined
    if (mapped) return sendProblem(reply, new AppError(mapped, error.message))
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code = error.statusCode === 429 ? 'rate-limited' : error.statusCode === 404 ? 'not-found' : error.statusCode === 405 ? 'method-not-allowed' : 'validation-failed'
      return sendProblem(reply, new AppError(code, error.message))
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(reply, new AppError('internal-error', 'Something went wrong on our side; the request was not applied'))
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new AppError('not-found', `No route ${request.method} ${request.url.split('?')[0].slice(0, 200)}`)))
}

export { PROBLEMS }
