import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CreateDashboardBody, UpdateDashboardBody, WidgetDataQuery, type Dashboard } from '../../../../contracts/dashboards.js'
import { fieldError } from '../../errors.js'
import { principalOf } from '../../http/auth.js'
import type { DashboardsService } from './dashboards.service.js'

const Params = Type.Object({ id: Type.String({ maxLength: 100 }) })
const WidgetParams = Type.Object({ id: Type.String({ maxLength: 100 }), widgetId: Type.String({ maxLength: 100 }) })

/** If-Match as records take it: `"3"`, `W/"3"` or `*` (undefined: no precondition). */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header)
  if (!match) throw fieldError('/headers/if-match', 'must be an ETag from a previous read, like "3"')
  return Number(match[1])
}

const send = (reply: FastifyReply, status: number, dashboard: Dashboard) =>
  reply.status(status).header('ETag', `"${dashboard.version}"`).send({ data: dashboard })

export function registerDashboardRoutes(app: FastifyInstance, deps: { dashboards: DashboardsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { dashboards } = deps
  const config = { auth: 'member' } as const
  const base = '/api/v1/dashboards'

  r.get(base, { config }, async (request) => ({ data: await dashboards.list(principalOf(request)) }))
  r.post(base, { config, schema: { body: CreateDashboardBody } }, async (request, reply) =>
    send(reply, 201, await dashboards.create(principalOf(request), request.body)))
  r.get(`${base}/:id`, { config, schema: { params: Params } }, async (request, reply) =>
    send(reply, 200, await dashboards.get(principalOf(request), request.params.id)))
  r.patch(`${base}/:id`, { config, schema: { params: Params, body: UpdateDashboardBody } }, async (request, reply) =>
    send(reply, 200, await dashboards.update(principalOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))))
  r.delete(`${base}/:id`, { config, schema: { params: Params } }, async (request, reply) => {
    await dashboards.remove(principalOf(request), request.params.id, parseIfMatch(request.headers['if-match']))
    return reply.status(204).send()
  })
  r.get(`${base}/:id/data`, { config, schema: { params: Params, querystring: WidgetDataQuery } }, async (request) =>
    ({ data: await dashboards.dashboardData(principalOf(request), request.params.id, request.query) }))
  r.get(`${base}/:id/rollups`, { config, schema: { params: Params, querystring: WidgetDataQuery } }, async (request) =>
    ({ data: await dashboards.rollups(principalOf(request), request.params.id, request.query) }))
  r.get(`${base}/:id/widgets/:widgetId/data`, { config, schema: { params: WidgetParams, querystring: WidgetDataQuery } }, async (request) =>
    ({ data: await dashboards.widgetData(principalOf(request), request.params.id, request.params.widgetId, request.query) }))
  r.get(`${base}/:id/widgets/:widgetId/export.csv`, { config, schema: { params: WidgetParams, querystring: WidgetDataQuery } }, async (request, reply) => {
    const { csv, filename } = await dashboards.widgetCsv(principalOf(request), request.params.id, request.params.widgetId, request.query)
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv)
  })
}
