/**
 * @module segments
 * k-means customer segments and up-sell upgrade candidates over HTTP
 * (docs/decisions/014-segments-and-forecasts.md). Reads follow the caller's access; writing
 * cluster labels back is for administrators.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf, type Principal } from '../../http/auth.js'
import type { RecordContext } from '../../engine/records.js'
import { clusters } from './clusters.js'
import { upgradeCandidates } from './upgrades.js'

const ApiName = Type.String({ minLength: 1, maxLength: 63 })
const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })
const Currency = Type.String({ maxLength: 3, description: 'ISO 4217; default: the workspace currency' })

const ClusterBody = Type.Object({
  object: ApiName,
  features: Type.Array(Type.String({ minLength: 1, maxLength: 70 }), { minItems: 1, maxItems: 12, description: 'recencyDays, frequency, monetary, averageBasket, tenureDays or field:<apiName>' }),
  k: Type.Optional(Type.Integer({ minimum: 2, maximum: 20 })),
  kMin: Type.Optional(Type.Integer({ minimum: 2, maximum: 20 })),
  kMax: Type.Optional(Type.Integer({ minimum: 2, maximum: 20 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  asOf: Type.Optional(Day),
  currency: Type.Optional(Currency),
  sampleSize: Type.Optional(Type.Integer({ minimum: 50, maximum: 5000 })),
  points: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
  field: Type.Optional(ApiName),
}, { additionalProperties: false })

const UpgradeQuery = Type.Object({
  customer: Type.String({ minLength: 1, maxLength: 100 }), object: Type.Optional(ApiName),
  minBuyers: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  from: Type.Optional(Day), to: Type.Optional(Day),
}, { additionalProperties: false })

export function registerSegmentRoutes(app: FastifyInstance, deps: { contextFor(principal: Principal): Promise<RecordContext> }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const
  const context = (request: Parameters<typeof principalOf>[0]) => deps.contextFor(principalOf(request))

  r.post('/api/v1/analytics/clusters', { config, schema: { body: ClusterBody } }, async (request) =>
    ({ data: await clusters(await context(request), request.body) }))

  r.get('/api/v1/analytics/cross-sell/upgrades', { config, schema: { querystring: UpgradeQuery } }, async (request) =>
    ({ data: await upgradeCandidates(await context(request), request.query) }))
}
