/** Demo sales pipelines and the opportunities (deals) moving through them. */
import type { DemoOpportunity, DemoPipeline, DemoPlan } from './demo-data.js'
import { cdf, Mulberry32, p, pickCdf, pickSkew, STREAM_OPPORTUNITIES, streamSeed } from './demo-random.js'
import { DAY_MIN, DAY_YEAR, dayStr, YEAR_STR } from './demo-dates.js'
import { DEMO_CURRENCIES, formatCents, localMinor } from './demo-money.js'
import { CATEGORIES } from './demo-catalog.js'
import { CompanyCursor } from './demo-companies.js'
import { PersonCursor } from './demo-people.js'

type Stage = DemoPipeline['stages'][number]
function stage(name: string, probability: number, closed: Stage['closed'] = 'open'): Stage { return { name, probability, closed } }

export function demoPipelines(): DemoPipeline[] {
  return [
    { name: 'New business', stages: [stage('Lead', 10), stage('Qualified', 25), stage('Demo', 40), stage('Proposal', 60),
      stage('Negotiation', 80), stage('Closed Won', 100, 'won'), stage('Closed Lost', 0, 'lost')] },
    { name: 'Renewals', stages: [stage('Upcoming', 60), stage('In discussion', 75), stage('Quote sent', 90),
      stage('Closed Won', 100, 'won'), stage('Closed Lost', 0, 'lost')] },
    { name: 'Partners', stages: [stage('Prospect', 10), stage('Evaluation', 30), stage('Agreement drafted', 60),
      stage('Closed Won', 100, 'won'), stage('Closed Lost', 0, 'lost')] },
  ]
}
const PIPELINES = demoPipelines()
const PIPELINE_CDF = cdf([60, 28, 12])
const OPEN_STAGES = PIPELINES.map((pl) => pl.stages.filter((s) => s.closed === 'open').length)
const WON_STAGE = PIPELINES.map((pl) => pl.stages.findIndex((s) => s.closed === 'won'))
const LOST_STAGE = PIPELINES.map((pl) => pl.stages.findIndex((s) => s.closed === 'lost'))
const WIN_RATE = [p(0.35), p(0.8), p(0.45)]
const PARTNER_DEALS = ['Reseller agreement', 'Referral partnership', 'Integration partnership', 'Distribution agreement']
const DASH = ' – '
/** Extra rounding of deal amounts: $1, 1 000 ₽, 1 000 000 IRR, €10. */
const OPP_ROUND = [1, 1000, 100, 1000]

export function* demoOpportunities(plan: DemoPlan): Generator<DemoOpportunity> {
  const P = plan.people
  if (P <= 0) return
  const r = new Mulberry32(streamSeed(plan.seed, STREAM_OPPORTUNITIES))
  const pc = new PersonCursor(plan)
  const cc = new CompanyCursor(plan)
  const companyName: string[] = new Array<string>(plan.companies)
  for (let c = 0; c < plan.companies; c++) { cc.at(c); companyName[c] = cc.name() }

  for (let k = 0; k < plan.opportunities; k++) {
    // Deals are B2B: prefer contacts that work somewhere.
    let contact = r.int(P)
    pc.at(contact)
    for (let t = 0; t < 3 && pc.company < 0; t++) { contact = r.int(P); pc.at(contact) }
    const c = pc.company

    const pipe = pickCdf(PIPELINE_CDF, r.next())
    let stageIndex: number
    let close: number
    if (r.next() < p(0.45)) {
      stageIndex = r.next() < WIN_RATE[pipe] ? WON_STAGE[pipe] : LOST_STAGE[pipe]
      close = -r.range(1, 730)
    } else {
      stageIndex = pickSkew(r, OPEN_STAGES[pipe])
      close = r.next() < p(0.12) ? -r.range(0, 30) : r.range(1, 180) // some are overdue
    }

    let usd: number // whole dollars
    let label: string
    if (pipe === 0) {
      const tier = r.next()
      usd = tier < p(0.6) ? r.range(4, 40) * 500 : tier < p(0.9) ? r.range(20, 80) * 1000 : r.range(16, 50) * 5000
      label = CATEGORIES[r.int(CATEGORIES.length)].deal
    } else if (pipe === 1) {
      usd = r.range(50, 600) * 100
      label = 'Renewal ' + YEAR_STR[DAY_YEAR[close - DAY_MIN]]
    } else {
      usd = r.range(10, 150) * 1000
      label = PARTNER_DEALS[r.int(PARTNER_DEALS.length)]
    }
    let who: string
    if (c >= 0) who = companyName[c]
    else { pc.names(); who = pc.first + ' ' + pc.last }

    yield {
      name: who + DASH + label,
      amount: formatCents(localMinor(usd * 100, pc.country, OPP_ROUND[pc.country])),
      currency: DEMO_CURRENCIES[pc.country],
      closeDate: dayStr(close),
      pipelineIndex: pipe,
      stageIndex,
      companyIndex: c >= 0 ? c : null,
      contactIndex: contact,
    }
  }
}
