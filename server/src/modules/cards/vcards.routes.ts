import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { AppError, fieldError } from '../../errors.js'
import { principalOf } from '../../http/auth.js'
import { MAX_VCF_BYTES, type VCardsService } from './vcards.service.js'

const ObjectParams = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }) })
const RecordParams = Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }), id: Type.String({ maxLength: 100 }) })

/**
 * `GET /api/v1/records/{object}/{id}/vcard` (one card) and `POST /api/v1/records/{object}/vcards`
 * (a .vcf body, text/vcard; answers what was created and what failed, per card).
 */
export function registerVCardRoutes(app: FastifyInstance, deps: { vcards: VCardsService }): void {
  const auth = { auth: 'member' } as const
  void app.register(async (scope) => {
    scope.addContentTypeParser(['text/vcard', 'text/x-vcard', 'text/directory'], { parseAs: 'buffer', bodyLimit: MAX_VCF_BYTES }, (_request, body, done) => done(null, body))
    const r = scope.withTypeProvider<TypeBoxTypeProvider>()

    r.get('/api/v1/records/:object/:id/vcard', { config: auth, schema: { params: RecordParams } }, async (request, reply) => {
      const card = await deps.vcards.one(principalOf(request), request.params.object, request.params.id)
      return reply.type('text/vcard; charset=utf-8').header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(card.fileName)}`).send(card.text)
    })

    r.post('/api/v1/records/:object/vcards', { config: auth, bodyLimit: MAX_VCF_BYTES, schema: { params: ObjectParams } }, async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported-media-type', 'Send the .vcf file itself as the body, with Content-Type text/vcard')
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(request.body)
      } catch {
        throw fieldError('/body', 'the file is not UTF-8 text; vCards must be UTF-8')
      }
      try {
        return { data: await deps.vcards.import(principalOf(request), request.params.object, text) }
      } catch (error) {
        if (error instanceof SyntaxError) throw fieldError('/body', `not a vCard file: ${error.message}`)
        throw error
      }
    })
  })
}
