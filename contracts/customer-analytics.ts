/**
 * Answers of the customer analyses (GET /api/v1/analytics/pareto, …/cross-sell/rules), defined
 * once for the engine that computes them and the web app that draws them.
 */

export type AbcClass = 'A' | 'B' | 'C'

export interface ParetoResult {
  measure: string
  currency: string | null
  /** Money as a decimal string, counts as integers. */
  total: string | number
  customerCount: number
  customersFor80Percent: number
  shareOfCustomersFor80Percent: number
  top20PercentShare: number
  classes: Record<AbcClass, { count: number; value: string | number }>
  /** At most about 100 points of the cumulative curve, from the top customer to the last. */
  curve: { customerShare: number; valueShare: number }[]
}

export interface AssociationRule {
  antecedent: { id: string; name: string | null }
  consequent: { id: string; name: string | null }
  orders: number
  support: number
  confidence: number
  lift: number
}
