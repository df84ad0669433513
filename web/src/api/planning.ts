/**
 * Calls of the planning screens under /analytics: quotas (administrators write them), the RFM
 * recompute schedule with "run now", and client profitability. Shapes come from
 * contracts/segments-forecasts.ts and contracts/customer-analytics.ts.
 */
import type { ProfitabilityResult } from '../../../contracts/customer-analytics.js'
import type { Quota, RfmSchedule, RfmScheduleInput } from '../../../contracts/segments-forecasts.js'
import { api } from './client.js'

export type { ProfitabilityResult, ProfitabilityRow } from '../../../contracts/customer-analytics.js'
export type { Quota, RfmSchedule, RfmScheduleInput }
export type ProfitabilityOrder = 'margin' | 'revenue' | 'serviceLoad' | 'marginAscending'
export interface QuotaInput { ownerId: string; period: string; amount: string; currency: string }

const QUOTAS = '/api/v1/analytics/quotas'
const quota = (id: string) => `${QUOTAS}/${encodeURIComponent(id)}`
const SCHEDULE = '/api/v1/analytics/rfm/schedule'
const data = async <T>(promise: Promise<{ data: T }>) => (await promise).data

export const listQuotas = (signal?: AbortSignal) => data(api.get<{ data: Quota[] }>(QUOTAS, undefined, signal))
export const createQuota = (body: QuotaInput) => data(api.post<{ data: Quota }>(QUOTAS, body))
export const updateQuota = (id: string, body: { amount: string; currency: string }) => data(api.patch<{ data: Quota }>(quota(id), body))
export const deleteQuota = (id: string) => api.delete(quota(id))

export const getRfmSchedule = (signal?: AbortSignal) => data(api.get<{ data: RfmSchedule | null }>(SCHEDULE, undefined, signal))
export const saveRfmSchedule = (body: RfmScheduleInput) => data(api.put<{ data: RfmSchedule }>(SCHEDULE, body))
export const runRfmScheduleNow = () => data(api.post<{ data: RfmSchedule }>(`${SCHEDULE}/run`))

export const getProfitability = (query: { object: string; from?: string; to?: string; order: ProfitabilityOrder }, signal?: AbortSignal) =>
  data(api.get<{ data: ProfitabilityResult }>('/api/v1/analytics/profitability', { ...query, limit: 100 }, signal))
