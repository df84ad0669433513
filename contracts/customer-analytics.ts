/**
 * Answers of the customer analyses (GET /api/v1/analytics/pareto, …/cross-sell/rules), defined
 * once for the engine that computes them and the web app that draws them.
 */
import { Type, type Static } from 'typebox'

export type AbcClass = 'A' | 'B' | 'C'

const Share = Type.Number({ minimum: 0, maximum: 1 })
const ClassTotal = Type.Object({ count: Type.Integer(), value: Type.Union([Type.String(), Type.Number()]) })

/** GET /api/v1/analytics/pareto's answer (its `data`); the schema is documented in the OpenAPI document. */
export const ParetoResult = Type.Object({
  measure: Type.String(),
  currency: Type.Union([Type.String(), Type.Null()]),
  total: Type.Union([Type.String(), Type.Number()], { description: 'Money as a decimal string, counts as integers' }),
  customerCount: Type.Integer(),
  customersFor80Percent: Type.Integer(),
  shareOfCustomersFor80Percent: Share,
  top20PercentShare: Share,
  classes: Type.Object({ A: ClassTotal, B: ClassTotal, C: ClassTotal }),
  curve: Type.Array(Type.Object({ customerShare: Share, valueShare: Share }), { description: 'At most about 100 points of the cumulative curve, from the top customer to the last' }),
})
export type ParetoResult = Static<typeof ParetoResult>

export interface AssociationRule {
  antecedent: { id: string; name: string | null }
  consequent: { id: string; name: string | null }
  orders: number
  support: number
  confidence: number
  lift: number
}

/** GET /api/v1/analytics/profitability: per-customer revenue, cost, margin (money as decimal strings) and service load. */
export interface ProfitabilityRow { customer: { id: string; name: string | null }; revenue: string; cost: string; margin: string; orders: number; serviceLoad: number }
export interface ProfitabilityResult { currency: string; totals: Omit<ProfitabilityRow, 'customer'> & { customers: number }; rows: ProfitabilityRow[] }
