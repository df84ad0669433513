/**
 * What an agent's browser reads: the SSE stream of call events (session or API key; replays
 * what was missed after Last-Event-ID; a comment every 15 s keeps proxies from closing it; the
 * `retry` field tells EventSource how soon to reconnect) and the screen-pop card of a call,
 * read with the agent's own record access.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../../errors.js'
import { principalOf } from '../../http/auth.js'
import type { RecordsService } from '../records/records.service.js'
import type { CallStream, StreamEvent } from './call-stream.js'
import { buildCallCard } from './screen-pop.js'
import type { TelephonyService } from './telephony.service.js'

const HEARTBEAT_MS = 15_000
const RECONNECT_MS = 2_000

export function registerCallStreamRoutes(app: FastifyInstance, deps: { stream: CallStream; telephony: TelephonyService; records: RecordsService; heartbeatMs?: number }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const
  const open = new Set<() => void>()
  // Streams never go idle, so closing the app ends them instead of waiting for them.
  app.addHook('onClose', async () => {
    for (const end of open) end()
  })

  r.get('/api/v1/telephony/stream', {
    config, schema: { querystring: Type.Object({ lastEventId: Type.Optional(Type.String({ pattern: '^[0-9]{1,20}$' })) }) },
  }, async (request, reply) => {
    const principal = principalOf(request)
    const header = request.headers['last-event-id']
    const last = typeof header === 'string' && /^[0-9]{1,20}$/.test(header) ? header : request.query.lastEventId
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    raw.write(`retry: ${RECONNECT_MS}\n: connected\n\n`)
    const send = (event: StreamEvent) => raw.write(`id: ${event.id}\nevent: call\ndata: ${JSON.stringify(event.data)}\n\n`)
    const unsubscribe = deps.stream.subscribe(principal.workspaceId, principal.userId ?? `key:${principal.credentialId}`, last ? Number(last) : null, send)
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), deps.heartbeatMs ?? HEARTBEAT_MS)
    heartbeat.unref()
    const end = () => {
      clearInterval(heartbeat)
      unsubscribe()
      open.delete(end)
      raw.end()
    }
    open.add(end)
    request.raw.on('close', end)
  })

  r.get('/api/v1/telephony/calls/:lineId/:callId/card', {
    config, schema: { params: Type.Object({ lineId: Type.String({ maxLength: 100 }), callId: Type.String({ minLength: 1, maxLength: 200 }) }) },
  }, async (request) => {
    const principal = principalOf(request)
    const call = await deps.telephony.findCall(principal.workspaceId, request.params.lineId, request.params.callId)
    if (!call) throw new AppError('not-found', 'No such call')
    const ctx = await deps.records.contextFor(principal)
    const number = call.direction === 'outbound' ? call.to : call.from
    return { data: { call, card: await buildCallCard(ctx, number, call.activityId) } }
  })
}
