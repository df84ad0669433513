/**
 * Body parsing for the webhook routes only (registered in their own Fastify scope): JSON keeps
 * its raw bytes, because signatures are computed over exactly what was sent, and
 * application/x-www-form-urlencoded (Twilio, Zammad CTI form posts) is read with
 * URLSearchParams — a repeated name (Zammad's `user[]`) becomes a list.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function decode(body: Buffer): string {
  try {
    return strictUtf8.decode(body)
  } catch {
    throw new AppError('malformed-json', 'The body is not valid UTF-8')
  }
}

/** Form fields as an object; a name sent more than once keeps every value, in order. */
export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key]
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  return out
}

export function registerWebhookBodies(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json')
  scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    try {
      request.rawBody = body
      const text = decode(body)
      if (text.trim() === '') throw new AppError('malformed-json', 'The body is empty; send a JSON document')
      done(null, JSON.parse(text))
    } catch (error) {
      done(error instanceof AppError ? error : new AppError('malformed-json', `The body is not valid JSON: ${(error as Error).message.slice(0, 200)}`), undefined)
    }
  })
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    try {
      request.rawBody = body
      done(null, parseForm(decode(body)))
    } catch (error) {
      done(error as Error, undefined)
    }
  })
}
