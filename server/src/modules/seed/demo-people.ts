/**
 * Demo people: counter-based look-up of person i (employer, language, country,
 * names), shared by every generator that refers to people, and the people generators.
 */
import type { DemoPerson, DemoPlan } from './demo-data.js'
import { cdf, HALF, itemSeed, Mulberry32, p, pickCdf, pickSkew, STREAM_PEOPLE, streamSeed } from './demo-random.js'
import { DEMO_LANGUAGES, LT } from './demo-locales.js'
import { NAMES } from './demo-names.js'
import { JOB_TITLES } from './demo-job-titles.js'
import { COMPANY_CYCLE, CompanyCursor } from './demo-companies.js'
import { CITY_CDF } from './demo-places.js'
import { mobilePhone } from './demo-phones.js'

const EMPLOYED = p(0.85)
/** Share of employees whose language is their company's country language. */
const SAME_LANGUAGE = p(0.9)
const LANG_CDF = cdf([40, 25, 20, 15])
const MARRIED = p(0.6)
const FREE_MAIL = ['example.com', 'example.net', 'example.org']

/** Employer for a person: half uniform, half skewed to low indices (a few large companies). */
function pickCompany(r: Mulberry32, companies: number): number {
  const a = r.int(companies)
  if (r.next() < HALF) return a
  return Math.floor((a * r.int(companies)) / companies)
}

/**
 * Counter-based look-up of person i's employer, language and country (the first
 * draws of person i's own stream), used by every generator that refers to people.
 */
export class PersonCursor {
  readonly rng = new Mulberry32()
  readonly stream: number
  readonly companies: number
  company = -1
  lang = 0
  /** Country of the phone/currency: the employer's country, else the language's. */
  country = 0
  female = false
  first = ''
  last = ''
  firstAscii = ''
  lastAscii = ''
  constructor(plan: DemoPlan) {
    this.stream = streamSeed(plan.seed, STREAM_PEOPLE)
    this.companies = plan.companies
  }
  at(i: number): void {
    const r = this.rng
    r.seed(itemSeed(this.stream, i))
    let c = -1
    if (this.companies > 0 && r.next() < EMPLOYED) c = pickCompany(r, this.companies)
    if (c >= 0) {
      this.country = COMPANY_CYCLE[c % 20]
      this.lang = r.next() < SAME_LANGUAGE ? this.country : pickCdf(LANG_CDF, r.next())
    } else {
      this.lang = this.country = pickCdf(LANG_CDF, r.next())
    }
    this.company = c
  }
  /** Continue after at(): draw gender and names. */
  names(): void {
    const r = this.rng
    const t = NAMES[this.lang]
    const g = r.next() < HALF ? 1 : 0
    this.female = g === 1
    const fi = pickSkew(r, t.first[g].length)
    this.first = t.first[g][fi]
    this.firstAscii = t.firstAscii[g][fi]
    const li = pickSkew(r, t.lastMale.length)
    if (g === 0) { this.last = t.lastMale[li]; this.lastAscii = t.lastMaleAscii[li] } else if (this.lang === LT && r.next() >= MARRIED) {
      this.last = t.lastMaiden[li]; this.lastAscii = t.lastMaidenAscii[li]
    } else { this.last = t.lastFemale[li]; this.lastAscii = t.lastFemaleAscii[li] }
  }
}

/** People [start, end) of the plan (for chunked/parallel seeding); identical to the same slice of demoPeople. */
export function* demoPeopleRange(plan: DemoPlan, start: number, end: number): Generator<DemoPerson> {
  // Per-run caches of what people need from their employer (O(companies), not per item).
  const C = plan.companies
  const companyCity = new Uint8Array(C)
  const companyDomain: string[] = new Array<string>(C)
  const cc = new CompanyCursor(plan)
  for (let c = 0; c < C; c++) { cc.at(c); companyCity[c] = cc.city; companyDomain[c] = cc.domain() }

  const pc = new PersonCursor(plan)
  const r = pc.rng
  end = Math.min(end, plan.people)
  for (let i = Math.max(0, start); i < end; i++) {
    pc.at(i)
    pc.names()
    const c = pc.company
    const lang = pc.lang
    const fa = pc.firstAscii
    const la = pc.lastAscii
    let local: string
    const fmt = r.int(10)
    if (fmt < 6) local = fa + '.' + la
    else if (fmt === 6) local = fa[0] + '.' + la
    else if (fmt === 7) local = fa + la
    else if (fmt === 8) local = la + '.' + fa
    else local = fa + '_' + la
    // The final ".<index in base 36>" makes the address unique per person.
    const email = local + '.' + i.toString(36) + '@' + (c >= 0 ? companyDomain[c] : FREE_MAIL[r.int(FREE_MAIL.length)])
    const city = c >= 0 ? companyCity[c] : pickCdf(CITY_CDF[pc.country], r.next())
    const phone = mobilePhone(r, pc.country, city)
    const jobTitles = JOB_TITLES[c >= 0 ? pc.country : lang][pc.female ? 1 : 0]
    yield {
      firstName: pc.first,
      lastName: pc.last,
      email,
      phone,
      jobTitle: jobTitles[pickSkew(r, jobTitles.length)],
      companyIndex: c >= 0 ? c : null,
      language: DEMO_LANGUAGES[lang],
    }
  }
}

export function* demoPeople(plan: DemoPlan): Generator<DemoPerson> {
  yield* demoPeopleRange(plan, 0, plan.people)
}
