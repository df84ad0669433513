/** Demo currencies, fixed exchange rates and minor-unit amounts (integer cents). */

/** Currency per country index. */
export const DEMO_CURRENCIES: readonly string[] = ['USD', 'RUB', 'IRR', 'EUR']
/**
 * Fixed demo exchange rates (units of currency per 1 USD) used to derive local
 * prices and amounts. Not real-time rates; use them to normalise demo revenue.
 */
export const DEMO_FX_PER_USD: Readonly<Record<string, number>> = Object.freeze({ USD: 1, RUB: 95, IRR: 1_000_000, EUR: 0.92 })

/** Minor-unit rounding per currency index (USD, RUB, IRR, EUR): cents, whole roubles, 10 000 rials, cents. */
const CURRENCY_ROUND = [1, 100, 1_000_000, 1]
/** USD cents → minor units of the country's currency, rounded to local conventions. */
export function localMinor(usdCents: number, country: number, extraRound = 1): number {
  const rate = DEMO_FX_PER_USD[DEMO_CURRENCIES[country]]
  const unit = CURRENCY_ROUND[country] * extraRound
  return Math.max(unit, Math.round((usdCents * rate) / unit) * unit)
}
/** Minor units → "123.45". */
export function formatCents(c: number): string {
  const m = c % 100
  return Math.floor(c / 100) + (m < 10 ? '.0' : '.') + m
}
