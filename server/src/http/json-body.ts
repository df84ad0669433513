import type { FastifyInstance } from 'fastify'
import { AppError } from '../errors.js'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * JSON bodies must be valid UTF-8: the default parser would silently turn bad bytes into
 * U+FFFD and store them. Bad bytes or bad JSON answer 400 malformed-json.
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    let text: string
    try {
      text = strictUtf8.decode(body)
    } catch {
      done(new AppError('malformed-json', 'The body is not valid UTF-8'), undefined)
      return
    }
    if (text.trim() === '') {
      done(new AppError('malformed-json', 'The body is empty; send a JSON document'), undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch (error) {
      done(new AppError('malformed-json', `The body is not valid JSON: ${(error as Error).message.slice(0, 200)}`), undefined)
    }
  })
}
