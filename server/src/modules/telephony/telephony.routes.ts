/**
 * Telephony over HTTP: phone lines (administrators), the generic event intake, provider
 * adapters and the Zammad-compatible CTI endpoint. The webhook routes are `public` for the
 * session/API-key hook and authenticate the line themselves (line-guard.ts); they live in a
 * scope of their own so their body parsers keep the raw bytes signatures need.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import { AppError, fieldError } from '../../errors.js'
import { principalOf, type Principal } from '../../http/auth.js'
import { sendProblem } from '../../http/problem-handler.js'
import type { AccessService } from '../access/access.service.js'
import type { ObjectsService } from '../objects/objects.service.js'
import { CallEventBody, normaliseEvent, toE164 } from './call-event.js'
import { missingCallFields } from './call-card.js'
import { asteriskAdapter } from './adapters/asterisk.js'
import { freeswitchAdapter } from './adapters/freeswitch.js'
import { isValidTwilioSignature, twilioAdapter } from './adapters/twilio.js'
import { zammadAdapter } from './adapters/zammad.js'
import type { Adapter, AdapterPayload } from './adapters/adapter.js'
import { authenticateLine, createLineLimiter, refused, type RequestCredentials } from './line-guard.js'
import { PROVIDERS, type PhoneLinesService, type VerifiedLine } from './phone-lines.service.js'
import type { TelephonyService } from './telephony.service.js'
import { registerWebhookBodies } from './webhook-bodies.js'
import { Value } from 'typebox/value'
import { executeAdapter, TWILIO_STEPS } from './adapter-execution.js'
import type { RouteHints } from './call-routing-port.js'
import type { IvrPort } from './ivr-port.js'
import type { PhoneLineBody } from '../../../../contracts/phone-lines.js'
import { NODE_ID_PATTERN } from '../../../../contracts/contact-center-content.js'

export interface TelephonyRouteDeps {
  lines: PhoneLinesService
  telephony: TelephonyService
  access: AccessService
  objects: ObjectsService
  /** Origin Twilio signs URLs with, when the server sits behind a proxy. */
  publicUrl?: string | null
  /** Lines' IVR flows (contact center), executed at the routing point. */
  ivr?: IvrPort
}

const ADAPTERS: Record<string, Adapter> = { twilio: twilioAdapter, asterisk: asteriskAdapter, freeswitch: freeswitchAdapter, zammad: zammadAdapter }
const Token = Type.String({ minLength: 1, maxLength: 200 })

const LineBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  number: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  provider: Type.Union(PROVIDERS.map((p) => Type.Literal(p))),
  secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
  blockedNumbers: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 1000 })),
  ratePerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
}, { additionalProperties: false })
// The body the web client sends (contracts/phone-lines.ts) is exactly what this schema accepts
// (the provider union is built from the same PROVIDERS list, which Static cannot see through).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const lineBodyIsTheContract: Same<Omit<Static<typeof LineBody>, 'provider'>, Omit<PhoneLineBody, 'provider'>> = true

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

function credentials(request: FastifyRequest, urlToken?: string): RequestCredentials {
  const authorization = header(request, 'authorization')
  return {
    bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined, urlToken,
    lineKey: header(request, 'x-rapport-line'), signature: header(request, 'x-rapport-signature'), raw: request.rawBody ?? Buffer.alloc(0),
  }
}

export function registerTelephonyRoutes(app: FastifyInstance, deps: TelephonyRouteDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const member = { auth: 'member' } as const
  const limiter = createLineLimiter()

  async function requireAdmin(principal: Principal): Promise<void> {
    if (!(await deps.access.policy(principal.workspaceId, principal.roleId, principal.userId)).isAdmin) throw new AppError('forbidden', 'Only administrators manage phone lines')
  }

  r.get('/api/v1/telephony/lines', { config: member }, async (request) => {
    const principal = principalOf(request)
    await requireAdmin(principal)
    return { data: await deps.lines.list(principal.workspaceId) }
  })

  r.post('/api/v1/telephony/lines', { config: member, schema: { body: LineBody } }, async (request, reply) => {
    const principal = principalOf(request)
    await requireAdmin(principal)
    const country = await deps.telephony.countryOf(principal.workspaceId)
    const blocked = (request.body.blockedNumbers ?? []).map((raw, i) => toE164(raw, country) ?? (() => { throw fieldError(`/blockedNumbers/${i}`, 'must be a phone number') })())
    const number = request.body.number === undefined ? null : toE164(request.body.number, country)
    if (number === undefined) throw fieldError('/number', 'must be a phone number')
    // The call card's fields join activities through the ordinary metadata path (additive, once).
    const activities = (await deps.objects.list(principal)).find((o) => o.apiName === 'activities')
    if (activities) {
      const existing = new Set(activities.fields.map((f) => f.apiName))
      for (const field of missingCallFields({ fields: [...existing].map((apiName) => ({ apiName })) } as never)) await deps.objects.createField(principal, 'activities', field)
    }
    const { line, token } = await deps.lines.create(principal.workspaceId, { ...request.body, number, blockedNumbers: [...new Set(blocked)] }, principal.userId)
    return reply.status(201).send({ data: { ...line, token } })
  })

  r.delete('/api/v1/telephony/lines/:id', { config: member, schema: { params: Type.Object({ id: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const principal = principalOf(request)
    await requireAdmin(principal)
    if (!(await deps.lines.revoke(principal.workspaceId, request.params.id))) throw new AppError('not-found', 'No such phone line')
    return reply.status(204).send()
  })

  /** Checks the rate limit; false when the request was answered with 429. */
  function admit(line: VerifiedLine, reply: FastifyReply): boolean {
    const verdict = limiter.admit(line)
    if (verdict.ok) return true
    reply.header('Retry-After', String(verdict.retryAfter))
    void sendProblem(reply, new AppError('rate-limited', `This line is over ${line.ratePerMinute} events per minute; retry in ${verdict.retryAfter} s`))
    return false
  }

  /** Runs adapter output through the same checks and intake as a generic event. */
  async function ingestAll(line: VerifiedLine, bodies: unknown[], route?: RouteHints) {
    const country = await deps.telephony.countryOf(line.workspaceId)
    const results = []
    for (const [i, body] of bodies.entries()) {
      if (!Value.Check(CallEventBody, body)) throw fieldError('/', `the payload maps to an event this server cannot read (item ${i})`)
      results.push(await deps.telephony.ingest(line, normaliseEvent(body, country), route ? { route } : {}))
    }
    return results
  }

  app.register(async (scope) => {
    registerWebhookBodies(scope)
    const w = scope.withTypeProvider<TypeBoxTypeProvider>()
    const publicRoute = { auth: 'public' } as const

    w.post('/api/v1/telephony/events', { config: publicRoute, schema: { body: CallEventBody } }, async (request, reply) => {
      const line = await authenticateLine(deps.lines, credentials(request))
      if (!admit(line, reply)) return reply
      const event = normaliseEvent(request.body, await deps.telephony.countryOf(line.workspaceId))
      const result = await deps.telephony.ingest(line, event)
      return { data: result }
    })

    w.post('/api/v1/telephony/adapters/:provider/:token', {
      config: publicRoute,
      schema: {
        params: Type.Object({ provider: Type.Union(Object.keys(ADAPTERS).map((p) => Type.Literal(p))), token: Token }),
        querystring: Type.Object({
          step: Type.Optional(Type.Union(TWILIO_STEPS.map((s) => Type.Literal(s)))),
          node: Type.Optional(Type.String({ pattern: NODE_ID_PATTERN })),
          n: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
        }, { additionalProperties: false }),
      },
    }, async (request, reply) => {
      const { provider, token } = request.params
      const body = (request.body ?? {}) as AdapterPayload
      if (typeof body !== 'object' || Array.isArray(body)) throw fieldError('/', 'must be an object')
      const lineByToken = await deps.lines.byToken(token)
      let signatureChecked = false
      if (provider === 'twilio' && lineByToken?.secret) {
        const url = `${deps.publicUrl ?? `${request.protocol}://${request.host}`}${request.url}`
        if (!isValidTwilioSignature(lineByToken.secret, url, body, header(request, 'x-twilio-signature'))) throw refused()
        signatureChecked = true
      }
      const line = await authenticateLine(deps.lines, credentials(request, token), { signatureChecked })
      if (!admit(line, reply)) return reply
      const country = await deps.telephony.countryOf(line.workspaceId)
      const self = `${deps.publicUrl ?? `${request.protocol}://${request.host}`}/api/v1/telephony/adapters/twilio/${encodeURIComponent(token)}`
      const result = await executeAdapter({
        provider, adapter: ADAPTERS[provider], body, step: request.query.step, workspaceId: line.workspaceId, lineId: line.id, port: deps.telephony.routing,
        ivr: deps.ivr, ivrStep: request.query.node !== undefined ? { node: request.query.node, count: request.query.n ?? 0 } : undefined,
        urls: { wait: `${self}?step=wait`, left: `${self}?step=left`, callback: `${self}?step=callback`, ivr: `${self}?step=ivr` },
        isBlocked: (from) => deps.telephony.isBlocked(line, from, country),
        ingest: (events, route) => ingestAll(line, events, route),
      })
      if (result.type === 'xml') return reply.type('text/xml; charset=utf-8').send(result.body)
      return result.body
    })

    w.post('/api/v1/cti/:token', { config: publicRoute, schema: { params: Type.Object({ token: Token }) } }, async (request, reply) => {
      const body = (request.body ?? {}) as AdapterPayload
      if (typeof body !== 'object' || Array.isArray(body)) throw fieldError('/', 'must be an object')
      const line = await authenticateLine(deps.lines, credentials(request, request.params.token))
      if (!admit(line, reply)) return reply
      if (!['newCall', 'answer', 'hangup'].includes(String(body.event))) throw fieldError('/event', 'must be newCall, answer or hangup')
      if (typeof body.callId !== 'string' || body.callId === '' || body.callId.length > 250) throw fieldError('/callId', 'must be a call id of at most 250 characters')
      const events = zammadAdapter(body)
      const country = await deps.telephony.countryOf(line.workspaceId)
      if (body.event === 'newCall' && body.direction !== 'out' && deps.telephony.isBlocked(line, events[0]?.from, country)) {
        await ingestAll(line, [...events, { ...events[0], event: 'ended', reason: 'rejected', agentId: undefined }].map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))))
        return { action: 'reject', reason: 'busy' }
      }
      await ingestAll(line, events)
      return {}
    })
  })
}
