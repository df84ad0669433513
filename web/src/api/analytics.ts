/** Analytics calls: aggregates computed by the server (POST /api/v1/analytics/aggregate). */
import type { AggregateRequest, AggregateResponse, MoneyTotal } from '../../../contracts/analytics.js'
import { apiRequest } from './client.js'

export type { AggregateRequest, AggregateResponse, MoneyTotal }

/** One answer row: group keys (`stage`, `stage.title`) and measures (`count`, `sum_amount`). */
export type AggregateRow = AggregateResponse['rows'][number]

export const aggregate = (request: AggregateRequest, signal?: AbortSignal) =>
  apiRequest<AggregateResponse>('POST', '/api/v1/analytics/aggregate', { body: request, signal })

/** The value of a currency measure: one exact total per currency code. */
export function moneyTotals(value: unknown): MoneyTotal[] {
  if (!Array.isArray(value)) return []
  return value.filter((item): item is MoneyTotal =>
    typeof item === 'object' && item !== null && typeof (item as MoneyTotal).amount === 'string' && typeof (item as MoneyTotal).currency === 'string')
}
