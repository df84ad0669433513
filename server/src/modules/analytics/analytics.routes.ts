import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AggregateRequest } from '../../../../contracts/analytics.js'
import { principalOf } from '../../http/auth.js'
import type { AnalyticsService } from './analytics.service.js'

export function registerAnalyticsRoutes(app: FastifyInstance, deps: { analytics: AnalyticsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post('/api/v1/analytics/aggregate', { config: { auth: 'member' }, schema: { body: AggregateRequest } }, async (request) =>
    deps.analytics.aggregate(principalOf(request), request.body))
}
