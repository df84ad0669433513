/**
 * Deterministic demo dataset for Rapport (`rapport seed --demo`, benchmarks).
 *
 * Pure functions, no I/O, no Date.now(), no Math.random(): the same plan gives
 * byte-identical output on every machine. Only integer arithmetic and basic IEEE
 * operations (+ - * / floor round) are used on the hot paths, which are exactly
 * specified by ECMAScript, so results do not depend on the platform's libm.
 *
 * Design
 * - Each generator has its own PRNG stream derived from `plan.seed` and a
 *   per-generator constant, so generating orders never depends on whether people
 *   were generated first.
 * - People and companies are *counter based*: item i is produced by a PRNG seeded
 *   from (stream, i). That lets orders/opportunities/activities look up "the
 *   company and country of person i" without generating all people, keeping the
 *   cross references consistent (an order's companyIndex is its person's company).
 * - Company names come from a permutation of prefix × suffix (× qualifier)
 *   combinations, which makes domains unique by construction; emails contain the
 *   person index in base 36, which makes them unique by construction.
 * - The hot loops allocate only the returned objects (and their strings); all
 *   lookup tables, price strings and date strings are precomputed.
 *
 * This file holds the public types and planDemo() and re-exports the public API;
 * the generators live next to it:
 * - demo-random.ts          PRNG, hashing, stream constants, weighted choice
 * - demo-dates.ts           reference date and precomputed calendar tables
 * - demo-locales.ts         languages/countries, transliteration, text helpers
 * - demo-names.ts           first names, surnames, gendered surname forms
 * - demo-job-titles.ts      job titles per language
 * - demo-places.ts          cities, streets, addresses, postcodes
 * - demo-phones.ts          mobile and landline phone numbers
 * - demo-money.ts           currencies, exchange rates, minor units
 * - demo-company-lexicon.ts industries and company-name words per language
 * - demo-companies.ts       companies
 * - demo-people.ts          people
 * - demo-catalog.ts         product catalogue
 * - demo-opportunities.ts   pipelines and opportunities
 * - demo-activities.ts      activities
 * - demo-orders.ts          orders
 */

export { DEMO_REFERENCE_DATE } from './demo-dates.js'
export { DEMO_COUNTRIES, DEMO_LANGUAGES } from './demo-locales.js'
export { DEMO_CURRENCIES, DEMO_FX_PER_USD } from './demo-money.js'
export { DEMO_INDUSTRIES } from './demo-company-lexicon.js'
export { hash32, Mulberry32, streamSeed } from './demo-random.js'
export { lithuanianMaidenSurname, lithuanianMarriedSurname, russianFeminineSurname } from './demo-names.js'
export { demoCompanies, demoCompaniesRange } from './demo-companies.js'
export { demoPeople, demoPeopleRange } from './demo-people.js'
export { DEMO_PRODUCT_CATEGORIES, demoProducts } from './demo-catalog.js'
export { demoOpportunities, demoPipelines } from './demo-opportunities.js'
export { demoActivities } from './demo-activities.js'
export { demoOrders } from './demo-orders.js'

/* ───────────────────────────── Public types ───────────────────────────── */

export interface DemoAddress { street: string; city: string; postcode: string; country: string; lat: number; lng: number }
export interface DemoCompany { name: string; domain: string; phone: string; address: DemoAddress; industry: string; employees: number }
export interface DemoPerson { firstName: string; lastName: string; email: string; phone: string; jobTitle: string; companyIndex: number | null; language: 'en' | 'ru' | 'fa' | 'lt' }
export interface DemoProduct { name: string; sku: string; category: string; price: string; cost: string }
export interface DemoOpportunity { name: string; amount: string; currency: string; closeDate: string /* YYYY-MM-DD */; pipelineIndex: number; stageIndex: number; companyIndex: number | null; contactIndex: number }
export interface DemoActivity { type: 'call' | 'email' | 'meeting' | 'note' | 'task'; subject: string; body: string; dueAt: string /* ISO datetime Z */; status: 'open' | 'done'; personIndex: number }
export interface DemoOrderLine { productIndex: number; quantity: number; unitPrice: string }
export interface DemoOrder { orderNumber: string; orderDate: string /* YYYY-MM-DD */; personIndex: number; companyIndex: number | null; status: 'paid' | 'shipped' | 'refunded' | 'cancelled'; currency: string; lines: DemoOrderLine[] }
/** `probability` is a percentage, 0–100. */
export interface DemoPipeline { name: string; stages: { name: string; probability: number; closed: 'open' | 'won' | 'lost' }[] }
export interface DemoPlan { seed: number; people: number; companies: number; products: number; opportunities: number; activities: number; ordersPerPerson: number }

export type DemoLanguage = DemoPerson['language']

/* ───────────────────────────── Plan ───────────────────────────── */

export const DEMO_DEFAULT_SEED = 20261101
/** Products in the catalogue produced by planDemo(). */
export const DEMO_PRODUCT_COUNT = 200

/**
 * Sizes of a demo dataset: companies ≈ people/20 (min 5), opportunities ≈ people/5,
 * activities ≈ people/2, 200 products, orders = people × ordersPerPerson (default 5).
 */
export function planDemo(people: number, options: { seed?: number; ordersPerPerson?: number } = {}): DemoPlan {
  if (!Number.isSafeInteger(people) || people < 0) throw new RangeError(`people must be a non-negative integer, got ${people}`)
  const seed = options.seed ?? DEMO_DEFAULT_SEED
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`)
  const ordersPerPerson = options.ordersPerPerson ?? 5
  if (!Number.isFinite(ordersPerPerson) || ordersPerPerson < 0) throw new RangeError(`ordersPerPerson must be ≥ 0, got ${ordersPerPerson}`)
  return {
    seed: seed >>> 0,
    people,
    companies: Math.max(5, Math.round(people / 20)),
    products: DEMO_PRODUCT_COUNT,
    opportunities: Math.round(people / 5),
    activities: Math.round(people / 2),
    ordersPerPerson,
  }
}
