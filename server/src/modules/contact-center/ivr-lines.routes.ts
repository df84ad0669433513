/**
 * @module ivr lines
 * Which IVR flow a phone line answers with, and the IVR path a call took:
 * - `GET|PUT /api/v1/telephony/lines/{id}/ivr-flow` (administrators): `{flowId}` or `{flowId: null}`
 *   to route calls straight to the ACD again. The flow must exist; calls run its published version.
 * - `GET /api/v1/telephony/lines/{id}/calls/{callId}/ivr` (members): the call's IVR session.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError, fieldError } from '../../errors.js'
import { principalOf, type Principal } from '../../http/auth.js'
import type { RecordsService } from '../records/records.service.js'
import type { PhoneLinesService } from '../telephony/phone-lines.service.js'
import type { IvrCalls } from './ivr-calls.js'
import * as repo from './ivr.repository.js'

const LineParams = Type.Object({ id: Type.String({ maxLength: 100 }) })
const CallParams = Type.Object({ id: Type.String({ maxLength: 100 }), callId: Type.String({ minLength: 1, maxLength: 200 }) })
const AttachBody = Type.Object({ flowId: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()]) }, { additionalProperties: false })

export function registerIvrLineRoutes(app: FastifyInstance, deps: { ivrCalls: IvrCalls; lines: PhoneLinesService; records: RecordsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const

  async function lineOf(principal: Principal, id: string, adminOnly: boolean) {
    const ctx = await deps.records.contextFor(principal)
    if (adminOnly && !ctx.access.isAdmin) throw new AppError('forbidden', 'Only administrators attach IVR flows to phone lines')
    if (!(await deps.lines.list(principal.workspaceId)).some((l) => l.id === id)) throw new AppError('not-found', 'No such phone line')
    return ctx
  }

  r.get('/api/v1/telephony/lines/:id/ivr-flow', { config, schema: { params: LineParams } }, async (request) => {
    const principal = principalOf(request)
    await lineOf(principal, request.params.id, true)
    return { data: { lineId: request.params.id, flowId: await deps.ivrCalls.lineFlow(principal.workspaceId, request.params.id) } }
  })

  r.put('/api/v1/telephony/lines/:id/ivr-flow', { config, schema: { params: LineParams, body: AttachBody } }, async (request) => {
    const principal = principalOf(request)
    const ctx = await lineOf(principal, request.params.id, true)
    const { flowId } = request.body
    if (flowId !== null && !(await repo.findFlow(ctx.ws.db, ctx.ws.dialect, flowId))) throw fieldError('/flowId', 'there is no such IVR flow')
    await deps.ivrCalls.attach(principal.workspaceId, request.params.id, flowId)
    return { data: { lineId: request.params.id, flowId } }
  })

  r.get('/api/v1/telephony/lines/:id/calls/:callId/ivr', { config, schema: { params: CallParams } }, async (request) => {
    const principal = principalOf(request)
    await lineOf(principal, request.params.id, false)
    const path = await deps.ivrCalls.callPath(principal.workspaceId, request.params.id, request.params.callId)
    if (!path) throw new AppError('not-found', 'This call did not go through an IVR flow')
    return { data: path }
  })
}
