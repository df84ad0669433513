/**
 * The plain-loop model behind test/dashboard-rollups.test.ts: visits with a region, a channel,
 * dates and a money amount, and every widget's expected answer computed by hand (local days in
 * an IANA zone, buckets, exact micro-unit sums and half-away-from-zero averages per currency).
 */

export const ZONE = 'Asia/Kathmandu'
export const AS_OF = '2026-06-15'
export const REGIONS = ['east', 'north', 'west', null] as const
export const CHANNELS = ['phone', 'shop', 'web', null] as const

export interface Money { micros: bigint; currency: 'EUR' | 'USD' }
export interface Visit { id: string; t: string; region: string | null; channel: string | null; metAt: string | null; visitDate: string | null; score: number; amount: Money | null; deleted: boolean }
export type Data = Omit<Visit, 'id' | 't' | 'deleted'>
export type Cell = string | number | null

// ---- the model: plain loops over the visits the test wrote ----

const dayFormats = new Map<string, Intl.DateTimeFormat>()
export function localDay(iso: string, zone: string): string {
  let format = dayFormats.get(zone)
  if (!format) dayFormats.set(zone, format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }))
  return format.format(new Date(iso))
}
export function bucketOf(day: string | null, unit: 'week' | 'month' | 'quarter' | 'year'): string | null {
  if (day === null) return null
  const [y, m, d] = day.split('-').map(Number)
  if (unit === 'year') return `${y}-01-01`
  if (unit === 'month') return `${day.slice(0, 7)}-01`
  if (unit === 'quarter') return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
  const date = new Date(Date.UTC(y, m - 1, d))
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7))
  return date.toISOString().slice(0, 10)
}
const byKey = (a: Cell[], b: Cell[]) => {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    if (a[i] === null) return -1
    if (b[i] === null) return 1
    return String(a[i]) < String(b[i]) ? -1 : 1
  }
  return 0
}

/** Rows of `[keys…, measures…]` for the live visits grouped by `keys`, sorted by key. */
export function grouped(visits: Visit[], keys: (v: Visit) => Cell[], measures: ((group: Visit[]) => Cell)[]): Cell[][] {
  const groups = new Map<string, { key: Cell[]; visits: Visit[] }>()
  for (const v of visits.filter((x) => !x.deleted)) {
    const key = keys(v)
    const text = JSON.stringify(key)
    if (!groups.has(text)) groups.set(text, { key, visits: [] })
    groups.get(text)!.visits.push(v)
  }
  return [...groups.values()].map((g) => [...g.key, ...measures.map((m) => m(g.visits))]).sort((a, b) => byKey(a.slice(0, -measures.length), b.slice(0, -measures.length)))
}
const count = (g: Visit[]) => g.length

// Money in the model: exact bigint micro-units, formatted as the API formats amounts.
export const MICROS = 1_000_000n
export function money(micros: bigint): string {
  const abs = micros < 0n ? -micros : micros
  const fraction = (abs % MICROS).toString().padStart(6, '0').replace(/0{1,4}$/, '')
  return `${micros < 0n ? '-' : ''}${abs / MICROS}.${fraction.padEnd(2, '0')}`
}
/** Half away from zero, to the micro-unit. */
function roundedDiv(total: bigint, n: bigint): bigint {
  const q = total / n
  const r = total % n
  return 2n * (r < 0n ? -r : r) >= n ? q + (total < 0n ? -1n : 1n) : q
}
export const CURRENCIES = ['EUR', 'USD'] as const
export const amounts = (g: Visit[], currency: string) => g.map((v) => v.amount).filter((a): a is Money => a !== null && a.currency === currency).map((a) => a.micros)
/** Per-currency columns of a money measure (currencies present in any row, sorted); null where a group has none. */
function moneyColumns(visits: Visit[], fn: 'sum' | 'avg'): ((g: Visit[]) => Cell)[] {
  const present = CURRENCIES.filter((c) => visits.some((v) => !v.deleted && v.amount?.currency === c))
  return present.map((c) => (g: Visit[]) => {
    const values = amounts(g, c)
    if (values.length === 0) return null
    const total = values.reduce((a, b) => a + b, 0n)
    return Number(money(fn === 'sum' ? total : roundedDiv(total, BigInt(values.length))))
  })
}
const distinctChannels = (g: Visit[]) => new Set(g.map((v) => v.channel).filter((c) => c !== null)).size

export function expected(visits: Visit[], zone: string): Record<string, unknown> {
  const day = (v: Visit) => (v.metAt ? localDay(v.metAt, zone) : null)
  const live = visits.filter((v) => !v.deleted)
  const pie = grouped(visits, (v) => [v.channel], [count])
  return {
    kpi: {
      current: live.filter((v) => bucketOf(day(v), 'month') === '2026-06-01').length,
      previous: live.filter((v) => bucketOf(day(v), 'month') === '2026-05-01').length,
    },
    'by-region': grouped(visits, (v) => [v.region], [count]),
    'top-channels': [...pie].sort((a, b) => Number(b[1]) - Number(a[1])).slice(0, 3),
    'by-month': grouped(visits, (v) => [bucketOf(day(v), 'month')], [count]),
    'region-table': grouped(visits, (v) => [v.region], [count, distinctChannels]),
    'region-week': grouped(visits, (v) => [v.region, bucketOf(day(v), 'week')], [count]),
    'by-quarter': grouped(visits, (v) => [bucketOf(v.visitDate, 'quarter')], [count, (g) => g.filter((v) => v.channel !== null).length]),
    'score-sum': grouped(visits, (v) => [v.channel], [(g) => g.reduce((s, v) => s + v.score, 0)]),
    'web-only': grouped(visits.filter((v) => v.channel === 'web'), (v) => [v.region], [count]),
    'amount-by-region': grouped(visits, (v) => [v.region], moneyColumns(visits, 'sum')),
    'amount-by-month': grouped(visits, (v) => [bucketOf(day(v), 'month')], [...moneyColumns(visits, 'avg'), (g) => g.filter((v) => v.amount !== null).length, count]),
    'amount-kpi': {
      current: Number(money(amounts(live.filter((v) => bucketOf(day(v), 'month') === '2026-06-01'), 'EUR').reduce((a, b) => a + b, 0n))),
      previous: Number(money(amounts(live.filter((v) => bucketOf(day(v), 'month') === '2026-05-01'), 'EUR').reduce((a, b) => a + b, 0n))),
    },
    'amount-max': grouped(visits, (v) => [v.channel], CURRENCIES.filter((c) => live.some((v) => v.amount?.currency === c)).map((c) => (g: Visit[]) => {
      const values = amounts(g, c)
      return values.length ? Number(money(values.reduce((a, b) => (b > a ? b : a)))) : null
    })),
  }
}
