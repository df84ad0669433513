/**
 * @module customer-analytics
 * Pareto/ABC, RFM, cohorts and CLV, profitability, cross-sell and the sales forecast over HTTP (DESIGN.md, "Analytics"). Reads follow the caller's access;
 * writing classes or segments back to a field is for administrators (engine/pareto.ts).
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { fieldError } from '../../errors.js'
import { principalOf } from '../../http/auth.js'
import { parseMeasure } from '../../engine/customer-values.js'
import { pareto, writeAbcClasses } from '../../engine/pareto.js'
import { rfm, writeRfmSegments } from '../../engine/rfm.js'
import { associationRules, recommendations } from '../../engine/cross-sell.js'
import { weightedPipeline, winRates } from '../../engine/pipeline-forecast.js'
import { cohorts, lifetimeValue } from '../../engine/cohorts.js'
import { PROFITABILITY_ORDER, profitability, type ProfitabilityOrder } from '../../engine/profitability.js'
import type { RecordContext } from '../../engine/records.js'
import type { Principal } from '../../http/auth.js'

const ApiName = Type.String({ minLength: 1, maxLength: 63 })
const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })
const Currency = Type.String({ maxLength: 3, description: 'ISO 4217; default: the workspace currency' })
const Measure = Type.String({ maxLength: 80, description: 'revenue, profit or count:<object>' })

const ParetoQuery = Type.Object({
  object: ApiName, measure: Measure, from: Type.Optional(Day), to: Type.Optional(Day), currency: Type.Optional(Currency),
  filter: Type.Optional(Type.String({ maxLength: 20_000, description: 'count measures: a filter (JSON) on the counted object' })),
}, { additionalProperties: false })
const ParetoApply = Type.Object({
  object: ApiName, measure: Measure, field: ApiName, from: Type.Optional(Day), to: Type.Optional(Day), currency: Type.Optional(Currency),
  filter: Type.Optional(Type.Unknown()),
}, { additionalProperties: false })
const RfmQuery = Type.Object({ object: ApiName, asOf: Type.Optional(Day), currency: Type.Optional(Currency) }, { additionalProperties: false })
const RfmApply = Type.Object({ object: ApiName, field: ApiName, asOf: Type.Optional(Day), currency: Type.Optional(Currency) }, { additionalProperties: false })

const RuleQuery = Type.Object({
  minSupport: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })), minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  minOrders: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  from: Type.Optional(Day), to: Type.Optional(Day),
}, { additionalProperties: false })
const RecommendationQuery = Type.Object({
  customer: Type.String({ minLength: 1, maxLength: 100 }), object: Type.Optional(ApiName),
  minOrders: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  from: Type.Optional(Day), to: Type.Optional(Day),
}, { additionalProperties: false })

const PipelineQuery = Type.Object({
  pipeline: Type.Optional(Type.String({ maxLength: 100 })), from: Type.Optional(Day), to: Type.Optional(Day),
}, { additionalProperties: false })

const CohortQuery = Type.Object({ object: ApiName, from: Type.Optional(Day), to: Type.Optional(Day), currency: Type.Optional(Currency) }, { additionalProperties: false })
const ClvQuery = Type.Object({ object: ApiName, asOf: Type.Optional(Day), currency: Type.Optional(Currency) }, { additionalProperties: false })
const ProfitabilityQuery = Type.Object({
  object: ApiName, from: Type.Optional(Day), to: Type.Optional(Day), currency: Type.Optional(Currency),
  order: Type.Optional(Type.Unsafe<ProfitabilityOrder>({ type: 'string', enum: [...PROFITABILITY_ORDER] })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
}, { additionalProperties: false })

function parseJsonFilter(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw fieldError('/filter', 'must be a JSON filter')
  }
}

export function registerCustomerAnalyticsRoutes(app: FastifyInstance, deps: { contextFor(principal: Principal): Promise<RecordContext> }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const
  const context = (request: Parameters<typeof principalOf>[0]) => deps.contextFor(principalOf(request))

  r.get('/api/v1/analytics/pareto', { config, schema: { querystring: ParetoQuery } }, async (request) => {
    const { object, measure, from, to, currency, filter } = request.query
    const parsed = parseMeasure(measure, parseJsonFilter(filter))
    return { data: await pareto(await context(request), { object, measure: parsed, from, to, currency }, measure) }
  })

  r.post('/api/v1/analytics/pareto/classes', { config, schema: { body: ParetoApply } }, async (request) => {
    const { object, measure, field, from, to, currency, filter } = request.body
    return { data: await writeAbcClasses(await context(request), { object, measure: parseMeasure(measure, filter), from, to, currency }, field) }
  })

  r.get('/api/v1/analytics/cross-sell/rules', { config, schema: { querystring: RuleQuery } }, async (request) =>
    ({ data: await associationRules(await context(request), request.query) }))

  r.get('/api/v1/analytics/cross-sell/recommendations', { config, schema: { querystring: RecommendationQuery } }, async (request) => {
    const { customer, ...query } = request.query
    return { data: await recommendations(await context(request), customer, query) }
  })

  r.get('/api/v1/analytics/pipeline', { config, schema: { querystring: PipelineQuery } }, async (request) =>
    ({ data: await weightedPipeline(await context(request), request.query) }))

  r.get('/api/v1/analytics/pipeline/win-rates', { config, schema: { querystring: PipelineQuery } }, async (request) =>
    ({ data: await winRates(await context(request), request.query) }))

  r.get('/api/v1/analytics/cohorts', { config, schema: { querystring: CohortQuery } }, async (request) =>
    ({ data: await cohorts(await context(request), request.query) }))

  r.get('/api/v1/analytics/clv', { config, schema: { querystring: ClvQuery } }, async (request) =>
    ({ data: await lifetimeValue(await context(request), request.query) }))

  r.get('/api/v1/analytics/profitability', { config, schema: { querystring: ProfitabilityQuery } }, async (request) =>
    ({ data: await profitability(await context(request), request.query) }))

  r.get('/api/v1/analytics/rfm', { config, schema: { querystring: RfmQuery } }, async (request) => {
    return { data: await rfm(await context(request), request.query) }
  })

  r.post('/api/v1/analytics/rfm/segments', { config, schema: { body: RfmApply } }, async (request) => {
    const { field, ...query } = request.body
    return { data: await writeRfmSegments(await context(request), query, field) }
  })
}
