/**
 * Calls of the /analytics screens: Pareto/ABC, RFM, cohorts, cross-sell rules and the
 * segments/forecasting API. Pareto and rule shapes come from contracts/customer-analytics.ts,
 * segments and forecasts from contracts/segments-forecasts.ts; RFM and cohorts are still
 * declared here (the engine's RFM names its segments with a narrower type).
 */
import type { AttainmentRow, CategoryRow, ClusterResult, PeriodKind, RevenueForecast } from '../../../contracts/segments-forecasts.js'
import type { AbcClass, AssociationRule, ParetoResult } from '../../../contracts/customer-analytics.js'
import { api } from './client.js'

export type { AttainmentRow, CategoryRow, ClusterResult, PeriodKind, RevenueForecast }

export type { AbcClass, AssociationRule, ParetoResult }
export type CustomerObject = 'people' | 'companies'

export interface RfmResult {
  asOf: string
  currency: string
  customers: number
  withoutOrders: number
  segments: { name: string; count: number; share: number; monetary: string }[]
}

export interface CohortResult {
  currency: string
  cohorts: { cohort: string; customers: number; periods: { offset: number; month: string; activeCustomers: number; retention: number; revenue: string }[] }[]
}


const data = async <T>(promise: Promise<{ data: T }>) => (await promise).data

export const getPareto = (object: CustomerObject, measure: string, signal?: AbortSignal) =>
  data(api.get<{ data: ParetoResult }>('/api/v1/analytics/pareto', { object, measure }, signal))
export const writeAbcClasses = (object: CustomerObject, measure: string, field: string) =>
  data(api.post<{ data: { updated: number } }>('/api/v1/analytics/pareto/classes', { object, measure, field }))
export const getRfm = (object: CustomerObject, signal?: AbortSignal) => data(api.get<{ data: RfmResult }>('/api/v1/analytics/rfm', { object }, signal))
export const getCohorts = (object: CustomerObject, signal?: AbortSignal) => data(api.get<{ data: CohortResult }>('/api/v1/analytics/cohorts', { object }, signal))
export const getRules = (signal?: AbortSignal) =>
  data(api.get<{ data: { orders: number; rules: AssociationRule[] } }>('/api/v1/analytics/cross-sell/rules', { limit: 50 }, signal))
export const getRevenueForecast = (horizon: number, signal?: AbortSignal) =>
  data(api.get<{ data: RevenueForecast }>('/api/v1/analytics/revenue-forecast', { horizon }, signal))
export const getAttainment = (period: PeriodKind, signal?: AbortSignal) =>
  data(api.get<{ data: AttainmentRow[] }>('/api/v1/analytics/quotas/attainment', { period }, signal))
export const getForecastCategories = (period: PeriodKind, signal?: AbortSignal) =>
  data(api.get<{ data: CategoryRow[] }>('/api/v1/analytics/forecast-categories', { period }, signal))
export const runClusters = (body: { object: CustomerObject; features: string[]; k?: number; seed?: number }) =>
  data(api.post<{ data: ClusterResult }>('/api/v1/analytics/clusters', body))
