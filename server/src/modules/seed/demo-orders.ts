/**
 * Demo orders over the last three years: seasonal daily volumes, Pareto-like
 * customer tiers, order lines priced in the customer's currency.
 */
import type { DemoOrder, DemoOrderLine, DemoPlan } from './demo-data.js'
import { cdf, coprimeNear, hash32, Mulberry32, p, pickCdf, pickSkew, STREAM_ORDERS, STREAM_PRODUCTS, streamSeed } from './demo-random.js'
import { DAY_MIN, DAY_MONTH, DAY_STR, DAY_WEEKDAY, DAY_YEAR, ORDER_DAYS, ORDER_FIRST_DAY } from './demo-dates.js'
import { EN } from './demo-locales.js'
import { DEMO_CURRENCIES, formatCents, localMinor } from './demo-money.js'
import { productAt } from './demo-catalog.js'
import { PersonCursor } from './demo-people.js'

type OrderStatus = DemoOrder['status']
const ORDER_STATUSES: OrderStatus[] = ['paid', 'shipped', 'refunded', 'cancelled']
const STATUS_CDF_NEW = cdf([85, 5, 0, 10]) // ≤ 3 days old
const STATUS_CDF_RECENT = cdf([20, 70, 3, 7]) // ≤ 14 days old
const STATUS_CDF_OLD = cdf([2, 88, 5, 5])
const MONTH_FACTOR = [0.85, 0.8, 0.95, 0.95, 1, 0.95, 0.85, 0.85, 1.05, 1.1, 1.35, 1.5]
const WEEKDAY_FACTOR = [0.55, 1.1, 1.15, 1.15, 1.1, 1, 0.7] // Sun..Sat

/**
 * Customer tiers (Pareto-like): the top 5% of customers place 25% of orders, the
 * next 15% place 35%, the remaining 80% place 40%; bigger customers also buy
 * more lines and larger quantities, so ~20% of customers make ~80% of revenue.
 */
const TIER_CDF = cdf([25, 35, 40])
/** Occasional bulk purchase: 2–5× the tier's usual maximum quantity. */
const BULK = p(0.05)
const TIER_LINES_MIN = [2, 1, 1]
const TIER_LINES_MAX = [4, 3, 2]
const TIER_QTY_MAX = [5, 3, 2]

export function* demoOrders(plan: DemoPlan): Generator<DemoOrder> {
  const P = plan.people
  const total = Math.round(P * plan.ordersPerPerson)
  const nProducts = plan.products
  if (P <= 0 || total <= 0 || nProducts <= 0) return

  const r = new Mulberry32(streamSeed(plan.seed, STREAM_ORDERS))
  const pc = new PersonCursor(plan)

  // Unit price strings per currency × discount level × product (no per-line formatting).
  const discounts = [0, 0.05, 0.1]
  const prices: string[][][] = DEMO_CURRENCIES.map(() => discounts.map(() => new Array<string>(nProducts)))
  {
    const pr = new Mulberry32()
    const stream = streamSeed(plan.seed, STREAM_PRODUCTS)
    const out = { cat: 0, name: '', sku: '', price: 0, cost: 0 }
    for (let i = 0; i < nProducts; i++) {
      productAt(pr, stream, i, out)
      for (let cu = 0; cu < DEMO_CURRENCIES.length; cu++) {
        for (let d = 0; d < discounts.length; d++) {
          const usd = d === 0 ? out.price : Math.round(out.price * (1 - discounts[d]))
          prices[cu][d][i] = formatCents(cu === EN ? usd : localMinor(usd, cu))
        }
      }
    }
  }

  // Rank → person permutation, so big customers are scattered over the index space.
  const mul = coprimeNear(P)
  const add = hash32(streamSeed(plan.seed, STREAM_ORDERS) ^ 0x5bd1e995) % P
  const t1 = Math.max(1, Math.round(P * 0.05))
  const t2 = Math.max(t1, Math.round(P * 0.2))
  const tierStart = [0, t1, t2]
  const tierSize = [t1, t2 - t1, P - t2]

  // Orders per day: seasonality (month, weekday) and 3-year growth; exact total.
  const cum = new Float64Array(ORDER_DAYS + 1)
  for (let d = 0; d < ORDER_DAYS; d++) {
    const k = ORDER_FIRST_DAY + d - DAY_MIN
    cum[d + 1] = cum[d] + MONTH_FACTOR[DAY_MONTH[k]] * WEEKDAY_FACTOR[DAY_WEEKDAY[k]] * (0.7 + (0.6 * d) / (ORDER_DAYS - 1))
  }
  const W = cum[ORDER_DAYS]

  let year = 0
  let seq = 0
  let emitted = 0
  for (let d = 0; d < ORDER_DAYS; d++) {
    const until = d === ORDER_DAYS - 1 ? total : Math.floor((total * cum[d + 1]) / W)
    const offset = ORDER_FIRST_DAY + d
    const k = offset - DAY_MIN
    const date = DAY_STR[k]
    if (DAY_YEAR[k] !== year) { year = DAY_YEAR[k]; seq = 0 }
    const prefix = 'SO-' + year + '-'
    const age = -offset
    const statusCdf = age <= 3 ? STATUS_CDF_NEW : age <= 14 ? STATUS_CDF_RECENT : STATUS_CDF_OLD
    for (; emitted < until; emitted++) {
      let tier = pickCdf(TIER_CDF, r.next())
      while (tierSize[tier] === 0) tier--
      const rank = tierStart[tier] + pickSkew(r, tierSize[tier])
      const person = (rank * mul + add) % P
      pc.at(person)
      const cu = pc.country
      const qmax = TIER_QTY_MAX[tier]
      const nLines = Math.min(r.range(TIER_LINES_MIN[tier], TIER_LINES_MAX[tier]), nProducts)
      const lines: DemoOrderLine[] = []
      let p0 = -1
      let p1 = -1
      let p2 = -1
      for (let l = 0; l < nLines; l++) {
        let prod = pickSkew(r, nProducts)
        for (let t = 0; t < 4 && (prod === p0 || prod === p1 || prod === p2); t++) prod = r.int(nProducts)
        if (prod === p0 || prod === p1 || prod === p2) break
        if (l === 0) p0 = prod; else if (l === 1) p1 = prod; else p2 = prod
        const quantity = r.next() < BULK ? qmax * r.range(2, 5) : r.range(1, qmax)
        const disc = quantity >= 20 ? 2 : quantity >= 8 ? 1 : 0
        lines.push({ productIndex: prod, quantity, unitPrice: prices[cu][disc][prod] })
      }
      seq++
      yield {
        orderNumber: prefix + String(seq).padStart(6, '0'),
        orderDate: date,
        personIndex: person,
        companyIndex: pc.company >= 0 ? pc.company : null,
        status: ORDER_STATUSES[pickCdf(statusCdf, r.next())],
        currency: DEMO_CURRENCIES[cu],
        lines,
      }
    }
  }
}
