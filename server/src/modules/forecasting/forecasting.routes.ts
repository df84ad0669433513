/**
 * @module forecasting
 * The monthly revenue forecast, quotas with attainment and forecast
 * categories per owner, and the RFM schedule over HTTP (docs/decisions/014-segments-and-forecasts.md).
 * Reads follow the caller's access; quotas, write-backs and schedules are for administrators.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError, fieldError } from '../../errors.js'
import { principalOf, type Principal } from '../../http/auth.js'
import type { RecordContext } from '../../engine/records.js'
import { revenueForecast } from './revenue-forecast.js'
import { attainment, createQuota, deleteQuota, forecastCategories, listQuotas, updateQuota } from './quotas.js'
import { deleteRfmSchedule, getRfmSchedule, runRfmScheduleNow, setRfmSchedule } from '../analysis-schedule/rfm-schedule.js'

const ApiName = Type.String({ minLength: 1, maxLength: 63 })
const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })
const Currency = Type.String({ maxLength: 3, description: 'ISO 4217; default: the workspace currency' })
const Id = Type.String({ minLength: 1, maxLength: 100 })

const ForecastQuery = Type.Object({
  object: Type.Optional(ApiName), from: Type.Optional(Day), to: Type.Optional(Day), currency: Type.Optional(Currency),
  horizon: Type.Optional(Type.Integer({ minimum: 1, maximum: 36 })),
}, { additionalProperties: false })

const Period = Type.Unsafe<'month' | 'quarter'>({ type: 'string', enum: ['month', 'quarter'] })
const PeriodQuery = Type.Object({ period: Period, from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false })
const QuotaList = Type.Object({ ownerId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day) }, { additionalProperties: false })
const Amount = Type.String({ minLength: 1, maxLength: 30, description: 'decimal, e.g. 12500.00' })
const QuotaBody = Type.Object({
  ownerId: Id, period: Type.String({ maxLength: 7, description: 'YYYY-MM or YYYY-Qn' }), amount: Amount, currency: Type.String({ maxLength: 3 }),
}, { additionalProperties: false })
const QuotaPatch = Type.Object({ amount: Type.Optional(Amount), currency: Type.Optional(Type.String({ maxLength: 3 })) }, { additionalProperties: false })
const QuotaParams = Type.Object({ id: Id })

const ScheduleBody = Type.Object({
  enabled: Type.Boolean(), time: Type.String({ maxLength: 5, description: 'HH:MM, 24-hour, in timeZone' }),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }), object: ApiName, field: ApiName, currency: Type.Optional(Currency),
}, { additionalProperties: false })

export interface ForecastingDeps {
  contextFor(principal: Principal): Promise<RecordContext>
  isMember(workspaceId: string, userId: string): Promise<boolean>
}

export function registerForecastingRoutes(app: FastifyInstance, deps: ForecastingDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const
  const context = (request: Parameters<typeof principalOf>[0]) => deps.contextFor(principalOf(request))
  const admin = async (request: Parameters<typeof principalOf>[0]) => {
    const ctx = await context(request)
    if (!ctx.access.isAdmin) throw new AppError('forbidden', 'Only administrators manage quotas')
    return ctx
  }

  r.get('/api/v1/analytics/revenue-forecast', { config, schema: { querystring: ForecastQuery } }, async (request) =>
    ({ data: await revenueForecast(await context(request), request.query) }))

  r.get('/api/v1/analytics/quotas', { config, schema: { querystring: QuotaList } }, async (request) =>
    ({ data: await listQuotas(await context(request), request.query) }))

  r.post('/api/v1/analytics/quotas', { config, schema: { body: QuotaBody } }, async (request, reply) => {
    const ctx = await admin(request)
    if (!(await deps.isMember(principalOf(request).workspaceId, request.body.ownerId))) throw fieldError('/ownerId', 'must be a member of this workspace')
    return reply.status(201).send({ data: await createQuota(ctx, request.body) })
  })

  r.patch('/api/v1/analytics/quotas/:id', { config, schema: { params: QuotaParams, body: QuotaPatch } }, async (request) =>
    ({ data: await updateQuota(await admin(request), request.params.id, request.body) }))

  r.delete('/api/v1/analytics/quotas/:id', { config, schema: { params: QuotaParams } }, async (request, reply) => {
    await deleteQuota(await admin(request), request.params.id)
    return reply.status(204).send()
  })

  r.get('/api/v1/analytics/quotas/attainment', { config, schema: { querystring: PeriodQuery } }, async (request) =>
    ({ data: await attainment(await context(request), request.query) }))

  r.get('/api/v1/analytics/forecast-categories', { config, schema: { querystring: PeriodQuery } }, async (request) =>
    ({ data: await forecastCategories(await context(request), request.query) }))

  r.get('/api/v1/analytics/rfm/schedule', { config }, async (request) =>
    ({ data: await getRfmSchedule(await context(request)) }))

  r.put('/api/v1/analytics/rfm/schedule', { config, schema: { body: ScheduleBody } }, async (request) =>
    ({ data: await setRfmSchedule(await context(request), request.body, new Date()) }))

  r.post('/api/v1/analytics/rfm/schedule/run', { config }, async (request) =>
    ({ data: await runRfmScheduleNow(await context(request), new Date()) }))

  r.delete('/api/v1/analytics/rfm/schedule', { config }, async (request, reply) => {
    await deleteRfmSchedule(await context(request))
    return reply.status(204).send()
  })
}
