import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../../errors.js'
import { principalOf } from '../../http/auth.js'
import type { CalendarFeedsService } from './calendar-feeds.service.js'

/**
 * `POST|GET /api/v1/calendar/feeds`, `DELETE /api/v1/calendar/feeds/{id}` for the signed-in
 * user; `GET /api/v1/calendar/feed/{token}.ics` is public — the token is the credential.
 */
export function registerCalendarFeedRoutes(app: FastifyInstance, deps: { feeds: CalendarFeedsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const member = { auth: 'member' } as const

  r.post('/api/v1/calendar/feeds', { config: member }, async (request, reply) => reply.status(201).send({ data: await deps.feeds.create(principalOf(request)) }))
  r.get('/api/v1/calendar/feeds', { config: member }, async (request) => ({ data: await deps.feeds.list(principalOf(request)) }))
  r.delete('/api/v1/calendar/feeds/:id', { config: member, schema: { params: Type.Object({ id: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    await deps.feeds.revoke(principalOf(request), request.params.id)
    return reply.status(204).send()
  })

  r.get('/api/v1/calendar/feed/:file', { config: { auth: 'public' }, schema: { params: Type.Object({ file: Type.String({ maxLength: 200 }) }) } }, async (request, reply) => {
    const file = request.params.file
    if (!file.endsWith('.ics')) throw new AppError('not-found', 'No calendar feed at this address')
    const text = await deps.feeds.feed(file.slice(0, -'.ics'.length))
    return reply.type('text/calendar; charset=utf-8').header('Cache-Control', 'private, no-store').header('Referrer-Policy', 'no-referrer').send(text)
  })
}
