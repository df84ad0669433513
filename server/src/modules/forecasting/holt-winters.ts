/**
 * Exponential smoothing for a monthly series, fitted by the least sum of squared one-step errors
 * over a fixed grid of smoothing parameters (0.05 … 0.95 in steps of 0.05, first best wins), so a
 * series always gets the same fit:
 * - Holt-Winters (period 12), additive and — when every value is positive — multiplicative
 *   seasonality, whichever fits better; needs two full seasons (24 months).
 * - Holt's linear trend with 3–23 months; simple exponential smoothing with 1–2 months.
 * Initial state: Holt-Winters level = mean of the first season, trend = (mean of the second
 * season − mean of the first) / 12, seasonal indices = first season's values against that level;
 * Holt level = y0, trend = y1 − y0; simple level = y0. The errors are summed from the first
 * month after the initial state.
 */
import type { Backtest, ForecastMethod as Method } from '../../../../contracts/segments-forecasts.js'

export interface Fit { method: Method; alpha: number; beta: number | null; gamma: number | null; sse: number; residuals: number; forecast(h: number): number }

export const PERIOD = 12
const GRID = Array.from({ length: 19 }, (_, i) => (i + 1) / 20)

function simple(y: number[], alpha: number): Fit {
  let level = y[0]
  let sse = 0
  for (let t = 1; t < y.length; t++) {
    sse += (y[t] - level) ** 2
    level = alpha * y[t] + (1 - alpha) * level
  }
  return { method: 'simple', alpha, beta: null, gamma: null, sse, residuals: y.length - 1, forecast: () => level }
}

function holt(y: number[], alpha: number, beta: number): Fit {
  let level = y[0]
  let trend = y[1] - y[0]
  let sse = 0
  for (let t = 1; t < y.length; t++) {
    sse += (y[t] - (level + trend)) ** 2
    const next = alpha * y[t] + (1 - alpha) * (level + trend)
    trend = beta * (next - level) + (1 - beta) * trend
    level = next
  }
  return { method: 'holt', alpha, beta, gamma: null, sse, residuals: y.length - 1, forecast: (h) => level + h * trend }
}

function holtWinters(y: number[], alpha: number, beta: number, gamma: number, multiplicative: boolean): Fit {
  const m = PERIOD
  const mean = (from: number) => y.slice(from, from + m).reduce((a, b) => a + b, 0) / m
  let level = mean(0)
  let trend = (mean(m) - mean(0)) / m
  const season = y.slice(0, m).map((v) => (multiplicative ? v / level : v - level))
  let sse = 0
  for (let t = m; t < y.length; t++) {
    const s = season[t - m]
    const predicted = multiplicative ? (level + trend) * s : level + trend + s
    sse += (y[t] - predicted) ** 2
    const next = alpha * (multiplicative ? y[t] / s : y[t] - s) + (1 - alpha) * (level + trend)
    trend = beta * (next - level) + (1 - beta) * trend
    season.push(gamma * (multiplicative ? y[t] / next : y[t] - next) + (1 - gamma) * s)
    level = next
  }
  const n = y.length
  return {
    method: multiplicative ? 'holtWintersMultiplicative' : 'holtWintersAdditive', alpha, beta, gamma, sse, residuals: n - m,
    forecast: (h) => {
      const s = season[n - m + ((h - 1) % m)]
      return multiplicative ? (level + h * trend) * s : level + h * trend + s
    },
  }
}

const better = (a: Fit | null, b: Fit): Fit => (a === null || b.sse < a.sse ? b : a)

/** The best fit for the series' length (see the module comment). */
export function fit(y: number[]): Fit {
  if (y.length === 0) return { method: 'none', alpha: 0, beta: null, gamma: null, sse: 0, residuals: 0, forecast: () => 0 }
  let best: Fit | null = null
  if (y.length >= 2 * PERIOD) {
    const positive = y.every((v) => v > 0)
    for (const a of GRID) for (const b of GRID) for (const g of GRID) {
      best = better(best, holtWinters(y, a, b, g, false))
      if (positive) best = better(best, holtWinters(y, a, b, g, true))
    }
  } else if (y.length >= 3) {
    for (const a of GRID) for (const b of GRID) best = better(best, holt(y, a, b))
  } else {
    for (const a of GRID) best = better(best, simple(y, a))
  }
  return best!
}

/** A 95% interval: ± 1.96 · σ · √h with σ² the mean squared one-step error (an approximation that widens with the horizon). */
export function interval(f: Fit, h: number): number {
  const sigma = f.residuals > 0 ? Math.sqrt(f.sse / f.residuals) : 0
  return 1.96 * sigma * Math.sqrt(h)
}

/** The seasonal naive forecast of month t: the same month a year before, else the month before. */
export const seasonalNaive = (y: number[], t: number): number => (t >= PERIOD ? y[t - PERIOD] : y[t - 1])

/**
 * Rolling origin, one step ahead: for each of the last `origins` months t (at most 12, each with
 * at least 3 months before it), refit on y[0..t) and forecast y[t]. MAPE is the mean of
 * |actual − forecast| / |actual| over those months whose actual is not 0 (a zero month has no
 * percentage error; it is counted in skippedZeroMonths). The seasonal naive forecast is scored
 * on the same months.
 */
export function backtest(y: number[], maxOrigins = PERIOD): Backtest {
  const first = Math.max(3, y.length - maxOrigins)
  let errors = 0
  let naive = 0
  let counted = 0
  let zeros = 0
  for (let t = first; t < y.length; t++) {
    if (y[t] === 0) { zeros++; continue }
    errors += Math.abs(y[t] - fit(y.slice(0, t)).forecast(1)) / Math.abs(y[t])
    naive += Math.abs(y[t] - seasonalNaive(y, t)) / Math.abs(y[t])
    counted++
  }
  return { origins: Math.max(0, y.length - first), mape: counted ? errors / counted : null, naiveMape: counted ? naive / counted : null, skippedZeroMonths: zeros }
}
