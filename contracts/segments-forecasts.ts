/**
 * Answers of the segmentation and forecasting API (docs/decisions/014-segments-and-forecasts.md),
 * shared by the server modules (segments/, forecasting/, analysis-schedule/) and the web client.
 * Money is an exact decimal string; forecasts and feature values are plain numbers.
 */

/** POST /api/v1/analytics/clusters */
export interface ClusterProfile { label: string; size: number; share: number; centroid: Record<string, number>; means: Record<string, number> }
export interface ClusterResult {
  object: string
  asOf: string
  currency: string
  seed: number
  features: { name: string; mean: number; sd: number }[]
  customers: number
  skipped: number
  k: number
  chosenBy: 'given' | 'silhouette'
  silhouette: number
  candidates: { k: number; silhouette: number; inertia: number }[]
  iterations: number
  clusters: ClusterProfile[]
  /** A spread sample of customers with their feature values (in `features` order), for a scatter plot. */
  points: { id: string; cluster: string; values: number[] }[]
  /** Rows whose label changed, when `field` was given; null otherwise. */
  updated: number | null
}

/** GET /api/v1/analytics/revenue-forecast */
export type ForecastMethod = 'holtWintersAdditive' | 'holtWintersMultiplicative' | 'holt' | 'simple' | 'none'
export interface Backtest { origins: number; mape: number | null; naiveMape: number | null; skippedZeroMonths: number }
export interface RevenueForecast {
  currency: string
  method: ForecastMethod
  parameters: { alpha: number; beta: number | null; gamma: number | null }
  history: { month: string; revenue: string }[]
  forecast: { month: string; value: number; lower: number; upper: number }[]
  backtest: Backtest
}

/** /api/v1/analytics/quotas… and /forecast-categories */
export type PeriodKind = 'month' | 'quarter'
export interface Quota { id: string; ownerId: string; period: string; amount: string; currency: string; createdAt: string; updatedAt: string }
export interface AttainmentRow { ownerId: string | null; period: string; currency: string; quota: string | null; won: string; wonCount: number; attainment: number | null }
export type ForecastCategoryName = 'pipeline' | 'bestCase' | 'commit' | 'closed'
export interface CategoryRow { ownerId: string | null; period: string; currency: string; amounts: Record<ForecastCategoryName, string>; counts: Record<ForecastCategoryName, number> }

/** GET /api/v1/analytics/cross-sell/upgrades */
export interface Upgrade {
  product: { id: string; name: string | null; price: string }
  from: { id: string; name: string | null; price: string }
  category: string
  currency: string
  buyers: number
  priceDifference: string
}

/** /api/v1/analytics/rfm/schedule */
export interface RfmScheduleInput { enabled: boolean; time: string; timeZone: string; object: string; field: string; currency?: string }
export interface RfmSchedule extends RfmScheduleInput {
  nextRunAt: string
  lastRunAt: string | null
  lastResult: { updated: number; asOf: string } | null
  lastError: string | null
}
