/**
 * Demo companies: counter-based look-up of company c (language, unique name and
 * domain, city) and the company generators.
 */
import type { DemoAddress, DemoCompany, DemoPlan } from './demo-data.js'
import { hash32, itemSeed, Mulberry32, pickCdf, STREAM_COMPANIES, STREAM_NAMING, streamSeed } from './demo-random.js'
import { DEMO_COUNTRIES, EN, FA, LT, RU, ZWNJ } from './demo-locales.js'
import { DEMO_INDUSTRIES, FA_NON_JOINING, LEXICON } from './demo-company-lexicon.js'
import { CITIES, CITY_CDF, postcode, street } from './demo-places.js'
import { landlinePhone } from './demo-phones.js'

/**
 * Company language/country by index: a fixed 20-slot cycle giving 40% en, 25% ru,
 * 20% fa, 15% lt. Being arithmetic, "rank among companies of the same language"
 * is known without counting, which makes unique names/domains cheap.
 */
export const COMPANY_CYCLE = [EN, RU, EN, FA, EN, LT, EN, RU, FA, EN, RU, EN, LT, FA, EN, RU, EN, FA, LT, RU]
const CYCLE_PER_LANG = [0, 0, 0, 0]
const CYCLE_RANK: number[] = COMPANY_CYCLE.map((l) => CYCLE_PER_LANG[l]++)

/** Scratch state for company look-ups (one per generator run; no per-item allocation). */
export class CompanyCursor {
  readonly rng = new Mulberry32()
  readonly stream: number
  readonly offsets: number[]
  readonly companies: number
  lang = 0
  prefix = 0
  suffix = 0
  /** 0: plain name; q ≥ 1: the q-th reuse of this prefix×suffix, disambiguated by a qualifier. */
  q = 0
  form = 0
  city = 0
  constructor(plan: DemoPlan) {
    this.stream = streamSeed(plan.seed, STREAM_COMPANIES)
    const naming = streamSeed(plan.seed, STREAM_NAMING)
    this.offsets = LEXICON.map((lx, l) => hash32(naming + l) % lx.combos)
    this.companies = plan.companies
  }
  /** Position the cursor on company c (consumes the first draws of c's own stream). */
  at(c: number): void {
    const pos = c % 20
    const lang = COMPANY_CYCLE[pos]
    const lx = LEXICON[lang]
    const rank = Math.floor(c / 20) * CYCLE_PER_LANG[lang] + CYCLE_RANK[pos]
    const q = Math.floor(rank / lx.combos)
    const k = ((rank - q * lx.combos) * lx.mul + this.offsets[lang]) % lx.combos
    this.lang = lang
    this.prefix = k % lx.prefixes.length
    this.suffix = Math.floor(k / lx.prefixes.length)
    this.q = q
    const r = this.rng
    r.seed(itemSeed(this.stream, c))
    this.form = pickCdf(lx.formCdf, r.next())
    this.city = pickCdf(CITY_CDF[lang], r.next())
  }
  name(): string {
    const lx = LEXICON[this.lang]
    const q = this.q
    const qual = q === 0 ? '' : ' ' + lx.qualifiers[(q - 1) % lx.qualifiers.length] + (q > lx.qualifiers.length ? ' ' + (Math.floor((q - 1) / lx.qualifiers.length) + 1) : '')
    const pre = lx.prefixes[this.prefix]
    const suf = lx.suffixes[this.suffix]
    switch (this.lang) {
      case EN: return pre + ' ' + suf + qual + lx.forms[this.form]
      case FA: return lx.forms[this.form] + pre + (FA_NON_JOINING.includes(pre[pre.length - 1]) ? '' : ZWNJ) + suf + qual
      default: return lx.forms[this.form] + pre + ' ' + suf + qual
    }
  }
  domain(): string {
    const lx = LEXICON[this.lang]
    const q = this.q
    const base = lx.prefixSlugs[this.prefix] + '-' + lx.suffixSlugs[this.suffix]
    if (q === 0) return base + lx.tld
    const n = lx.qualifierSlugs.length
    const rep = Math.floor((q - 1) / n)
    return base + '-' + lx.qualifierSlugs[(q - 1) % n] + (rep > 0 ? String(rep + 1) : '') + lx.tld
  }
}

function employeesFor(r: Mulberry32, c: number, companies: number): number {
  // Low indices are picked more often as employers (see pickCompany), so make them bigger.
  const x = c / companies
  if (x < 0.01) return r.range(1000, 25000)
  if (x < 0.08) return r.range(250, 2500)
  if (x < 0.3) return r.range(50, 600)
  return r.range(8, 200)
}

function jitter(r: Mulberry32, v: number): number {
  return Math.round(v * 1e5 + r.int(10001) - 5000) / 1e5 // ±0.05° around the city centre
}

/** Companies [start, end) of the plan (for chunked/parallel seeding). */
export function* demoCompaniesRange(plan: DemoPlan, start: number, end: number): Generator<DemoCompany> {
  const cur = new CompanyCursor(plan)
  const r = cur.rng
  end = Math.min(end, plan.companies)
  for (let c = Math.max(0, start); c < end; c++) {
    cur.at(c)
    const lang = cur.lang
    const city = CITIES[lang][cur.city]
    const name = cur.name()
    const domain = cur.domain()
    const phone = landlinePhone(r, lang, cur.city)
    const address: DemoAddress = {
      street: street(r, lang),
      city: city.name,
      postcode: postcode(r, lang, city),
      country: DEMO_COUNTRIES[lang],
      lat: jitter(r, city.lat),
      lng: jitter(r, city.lng),
    }
    yield {
      name, domain, phone, address,
      industry: DEMO_INDUSTRIES[LEXICON[lang].suffixIndustry[cur.suffix]],
      employees: employeesFor(r, c, plan.companies),
    }
  }
}

export function* demoCompanies(plan: DemoPlan): Generator<DemoCompany> {
  yield* demoCompaniesRange(plan, 0, plan.companies)
}
