/**
 * Response schemas for routes that do not declare one in Fastify (a response schema there
 * would also drive serialisation, which these routes do not want: records carry open fields).
 * Keyed `METHOD /openapi/path`; each is the contracts' own schema, the one the web client's
 * types are `Static` of (test/openapi-contract.test.ts checks both ends).
 */
import { Type, type TSchema } from 'typebox'
import { WidgetResult } from '../../../../contracts/dashboards.js'
import { ParetoResult } from '../../../../contracts/customer-analytics.js'
import { Wallboard } from '../../../../contracts/contact-center.js'
import { RecordPage } from '../../../../contracts/records.js'

const envelope = (data: TSchema, description: string) => Type.Object({ data }, { description })

export const DOCUMENTED_RESPONSES: Record<string, TSchema> = {
  'GET /api/v1/records/{object}': Type.Object(RecordPage.properties, { description: 'A page of records' }),
  'POST /api/v1/records/{object}/query': Type.Object(RecordPage.properties, { description: 'A page of records' }),
  'GET /api/v1/dashboards/{id}/data': envelope(Type.Array(WidgetResult), "Every widget's data, or the problem that stopped it"),
  'GET /api/v1/analytics/pareto': envelope(ParetoResult, 'The Pareto curve and ABC classes'),
  'GET /api/v1/contact-center/wallboard': envelope(Wallboard, 'The wallboard now'),
}
