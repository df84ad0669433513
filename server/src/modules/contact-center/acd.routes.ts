/**
 * ACD over HTTP: configuration, agent states, queue state, call control, the wallboard (JSON
 * and an SSE stream) and interval reports. Permissions live in the service.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AgentBody, AgentStateBody, QueueBody, QueueCallBody, REPORT_INTERVALS, RuleBody, RuleOrderBody, SkillBody, type ReportInterval } from '../../../../contracts/contact-center.js'
import { principalOf } from '../../http/auth.js'
import type { ContactCenterService } from './contact-center.service.js'
import { registerTelephonyConfigRoutes } from './telephony-config.routes.js'

const BASE = '/api/v1/contact-center'
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) })
const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) })
const EndBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false })
const ReportQuery = Type.Object({
  interval: Type.Unsafe<ReportInterval>({ type: 'string', enum: [...REPORT_INTERVALS] }),
  by: Type.Optional(Type.Unsafe<'queue' | 'agent'>({ type: 'string', enum: ['queue', 'agent'] })),
  from: Type.String({ maxLength: 40 }),
  to: Type.String({ maxLength: 40 }),
}, { additionalProperties: false })
/** The wallboard stream coalesces bursts of router activity into one update per this many ms. */
const STREAM_COALESCE_MS = 250
const STREAM_HEARTBEAT_MS = 15_000

export function registerAcdRoutes(app: FastifyInstance, deps: { contactCenter: ContactCenterService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const cc = deps.contactCenter
  const config = { auth: 'member' } as const
  const streams = new Set<() => void>()
  app.addHook('onClose', async () => {
    cc.stop()
    for (const end of streams) end()
  })

  registerTelephonyConfigRoutes(app, deps)

  r.get(`${BASE}/skills`, { config }, async (req) => ({ data: await cc.listSkills(principalOf(req)) }))
  r.post(`${BASE}/skills`, { config, schema: { body: SkillBody } }, async (req, reply) => reply.status(201).send({ data: await cc.createSkill(principalOf(req), req.body) }))
  r.delete(`${BASE}/skills/:id`, { config, schema: { params: IdParams } }, async (req, reply) => {
    await cc.deleteSkill(principalOf(req), req.params.id)
    return reply.status(204).send()
  })

  r.get(`${BASE}/queues`, { config }, async (req) => ({ data: await cc.listQueues(principalOf(req)) }))
  r.post(`${BASE}/queues`, { config, schema: { body: QueueBody } }, async (req, reply) => reply.status(201).send({ data: await cc.createQueue(principalOf(req), req.body) }))
  r.put(`${BASE}/queues/:id`, { config, schema: { params: IdParams, body: QueueBody } }, async (req) => ({ data: await cc.updateQueue(principalOf(req), req.params.id, req.body) }))
  r.delete(`${BASE}/queues/:id`, { config, schema: { params: IdParams } }, async (req, reply) => {
    await cc.deleteQueue(principalOf(req), req.params.id)
    return reply.status(204).send()
  })
  r.get(`${BASE}/queue-state`, { config }, async (req) => ({ data: await cc.queueState(principalOf(req)) }))

  r.get(`${BASE}/routing-rules`, { config }, async (req) => ({ data: await cc.listRules(principalOf(req)) }))
  r.post(`${BASE}/routing-rules`, { config, schema: { body: RuleBody } }, async (req, reply) => reply.status(201).send({ data: await cc.createRule(principalOf(req), req.body) }))
  // Before /:id so "order" is never taken for a rule id.
  r.put(`${BASE}/routing-rules/order`, { config, schema: { body: RuleOrderBody } }, async (req) => ({ data: await cc.reorderRules(principalOf(req), req.body.ids) }))
  r.put(`${BASE}/routing-rules/:id`, { config, schema: { params: IdParams, body: RuleBody } }, async (req) => ({ data: await cc.updateRule(principalOf(req), req.params.id, req.body) }))
  r.delete(`${BASE}/routing-rules/:id`, { config, schema: { params: IdParams } }, async (req, reply) => {
    await cc.deleteRule(principalOf(req), req.params.id)
    return reply.status(204).send()
  })

  r.get(`${BASE}/agents`, { config }, async (req) => ({ data: await cc.listAgents(principalOf(req)) }))
  r.get(`${BASE}/agents/me`, { config }, async (req) => ({ data: await cc.me(principalOf(req)) }))
  r.put(`${BASE}/agents/me/state`, { config, schema: { body: AgentStateBody } }, async (req) => ({ data: await cc.setState(principalOf(req), null, req.body.state) }))
  r.put(`${BASE}/agents/:userId`, { config, schema: { params: UserParams, body: AgentBody } }, async (req) => ({ data: await cc.configureAgent(principalOf(req), req.params.userId, req.body) }))
  r.delete(`${BASE}/agents/:userId`, { config, schema: { params: UserParams } }, async (req, reply) => {
    await cc.removeAgent(principalOf(req), req.params.userId)
    return reply.status(204).send()
  })
  r.put(`${BASE}/agents/:userId/state`, { config, schema: { params: UserParams, body: AgentStateBody } }, async (req) =>
    ({ data: await cc.setState(principalOf(req), req.params.userId, req.body.state) }))

  r.post(`${BASE}/calls`, { config, schema: { body: QueueCallBody } }, async (req, reply) =>
    reply.status(201).send({ data: await cc.control(principalOf(req), (ws) => cc.telephony.callQueued(ws, req.body)) }))
  r.post(`${BASE}/calls/:id/answer`, { config, schema: { params: IdParams } }, async (req) =>
    ({ data: await cc.control(principalOf(req), (ws) => cc.telephony.callAnswered(ws, req.params.id)) }))
  r.post(`${BASE}/calls/:id/end`, { config, schema: { params: IdParams, body: Type.Optional(EndBody) } }, async (req) =>
    ({ data: await cc.control(principalOf(req), (ws) => cc.telephony.callEnded(ws, req.params.id, req.body?.reason ?? null)) }))
  r.post(`${BASE}/calls/:id/callback`, { config, schema: { params: IdParams } }, async (req) =>
    ({ data: await cc.control(principalOf(req), (ws) => cc.telephony.callbackRequested(ws, req.params.id)) }))
  r.get(`${BASE}/calls/:id/decisions`, { config, schema: { params: IdParams } }, async (req) => ({ data: await cc.decisions(principalOf(req), req.params.id) }))

  r.get(`${BASE}/wallboard`, { config }, async (req) => ({ data: await cc.wallboard(principalOf(req)) }))
  r.get(`${BASE}/reports`, { config, schema: { querystring: ReportQuery } }, async (req) =>
    ({ data: await cc.report(principalOf(req), { ...req.query, by: req.query.by ?? 'queue' }) }))

  // Server-sent events: the whole wallboard after every change (coalesced) and a heartbeat.
  r.get(`${BASE}/wallboard/stream`, { config }, async (req, reply) => {
    const principal = principalOf(req)
    const first = await cc.wallboard(principal)
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' })
    const send = (data: unknown) => raw.write(`event: wallboard\ndata: ${JSON.stringify(data)}\n\n`)
    send(first)
    let pending: NodeJS.Timeout | null = null
    const unsubscribe = cc.subscribe(principal.workspaceId, () => {
      pending ??= setTimeout(() => {
        pending = null
        cc.wallboard(principal).then(send, () => end())
      }, STREAM_COALESCE_MS)
    })
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), STREAM_HEARTBEAT_MS)
    const end = () => {
      unsubscribe()
      clearInterval(heartbeat)
      if (pending) clearTimeout(pending)
      streams.delete(end)
      raw.end()
    }
    streams.add(end)
    req.raw.on('close', end)
  })
}
