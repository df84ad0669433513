import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { isValidPhoneNumber, parsePhoneNumber } from 'libphonenumber-js'
import {
  DEMO_FX_PER_USD, DEMO_INDUSTRIES, DEMO_REFERENCE_DATE,
  demoActivities, demoCompanies, demoOpportunities, demoOrders, demoPeople, demoPeopleRange, demoPipelines,
  demoProducts, lithuanianMaidenSurname, lithuanianMarriedSurname, planDemo, russianFeminineSurname,
  type DemoCompany, type DemoOrder, type DemoPerson, type DemoPlan,
} from './demo-data.js'

function take<T>(gen: Iterable<T>, n = Infinity): T[] {
  const out: T[] = []
  if (n <= 0) return out
  for (const x of gen) {
    out.push(x)
    if (out.length >= n) break
  }
  return out
}

const plan = planDemo(20_000)
const people: DemoPerson[] = take(demoPeople(plan))
const companies: DemoCompany[] = take(demoCompanies(plan))
const orders: DemoOrder[] = take(demoOrders(plan))
const CURRENCY_BY_COUNTRY: Record<string, string> = { US: 'USD', RU: 'RUB', IR: 'IRR', LT: 'EUR' }
const COUNTRY_BY_LANGUAGE: Record<string, string> = { en: 'US', ru: 'RU', fa: 'IR', lt: 'LT' }
const MONEY = /^\d+\.\d{2}$/
const DAY = /^\d{4}-\d{2}-\d{2}$/

describe('planDemo', () => {
  it('sizes the dataset from the number of people', () => {
    assert.deepEqual(plan, {
      seed: plan.seed, people: 20_000, companies: 1_000, products: 200, opportunities: 4_000, activities: 10_000, ordersPerPerson: 5,
    })
    assert.equal(planDemo(10).companies, 5)
    assert.equal(planDemo(1_000_000, { seed: 7, ordersPerPerson: 2 }).ordersPerPerson, 2)
    assert.equal(planDemo(100, { seed: 7 }).seed, 7)
  })
  it('rejects nonsense', () => {
    assert.throws(() => planDemo(-1), RangeError)
    assert.throws(() => planDemo(1.5), RangeError)
    assert.throws(() => planDemo(10, { seed: 0.5 }), RangeError)
    assert.throws(() => planDemo(10, { ordersPerPerson: -1 }), RangeError)
  })
  it('handles tiny and empty plans', () => {
    const empty = planDemo(0)
    assert.equal(take(demoPeople(empty)).length, 0)
    assert.equal(take(demoOrders(empty)).length, 0)
    assert.equal(take(demoOpportunities(empty)).length, 0)
    assert.equal(take(demoActivities(empty)).length, 0)
    assert.equal(take(demoCompanies(empty)).length, 5)
    const one = planDemo(1)
    assert.equal(take(demoOrders(one)).length, 5)
    assert.ok(take(demoOrders(one)).every((o) => o.personIndex === 0))
  })
})

describe('determinism', () => {
  const generators = {
    companies: (p: DemoPlan) => take(demoCompanies(p), 300),
    people: (p: DemoPlan) => take(demoPeople(p), 2_000),
    products: (p: DemoPlan) => take(demoProducts(p)),
    opportunities: (p: DemoPlan) => take(demoOpportunities(p), 500),
    activities: (p: DemoPlan) => take(demoActivities(p), 500),
    orders: (p: DemoPlan) => take(demoOrders(p), 2_000),
  }
  for (const [name, run] of Object.entries(generators)) {
    it(`${name}: same seed gives identical output, another seed differs`, () => {
      assert.deepEqual(run(planDemo(20_000)), run(planDemo(20_000)))
      assert.notDeepEqual(run(planDemo(20_000, { seed: 1 })), run(planDemo(20_000, { seed: 2 })))
    })
  }
  it('generators are independent of each other and of call order', () => {
    const before = take(demoOrders(plan), 1_000)
    take(demoPeople(plan), 5_000)
    take(demoActivities(plan), 5_000)
    assert.deepEqual(take(demoOrders(plan), 1_000), before)
    assert.deepEqual(take(demoOrders(plan), 1_000), orders.slice(0, 1_000))
  })
  it('matches the pinned fingerprint (same output on every machine and version)', () => {
    // Benchmarks compare runs across versions and machines, so the dataset may only change on purpose.
    // If you changed the generator deliberately, update FINGERPRINT to the value reported here.
    const FINGERPRINT = 'd6ac5cc31ecf7933ed37ac9d5f837aeb3f7545e00c18a61f25e2ae11eb021000'
    const small = planDemo(2_000)
    const hash = createHash('sha256')
    for (const gen of [demoCompanies, demoPeople, demoProducts, demoOpportunities, demoActivities, demoOrders] as const) {
      for (const item of (gen as (p: DemoPlan) => Iterable<unknown>)(small)) hash.update(JSON.stringify(item))
    }
    assert.equal(hash.digest('hex'), FINGERPRINT)
  })
  it('demoPeopleRange is the same slice of demoPeople', () => {
    assert.deepEqual(take(demoPeopleRange(plan, 1_234, 1_534)), people.slice(1_234, 1_534))
  })
})

describe('people', () => {
  it('has exactly plan.people people, ~85% employed', () => {
    assert.equal(people.length, plan.people)
    const employed = people.filter((p) => p.companyIndex !== null).length / people.length
    assert.ok(employed > 0.82 && employed < 0.88, `employed ${employed}`)
    for (const p of people) if (p.companyIndex !== null) assert.ok(p.companyIndex >= 0 && p.companyIndex < plan.companies)
  })
  it('mixes languages ≈ 40% en, 25% ru, 20% fa, 15% lt', () => {
    const expected: Record<string, number> = { en: 0.4, ru: 0.25, fa: 0.2, lt: 0.15 }
    for (const [lang, share] of Object.entries(expected)) {
      const got = people.filter((p) => p.language === lang).length / people.length
      assert.ok(Math.abs(got - share) < 0.02, `${lang}: ${got}`)
    }
  })
  it('correlates language with the company country', () => {
    const employed = people.filter((p) => p.companyIndex !== null)
    const same = employed.filter((p) => COUNTRY_BY_LANGUAGE[p.language] === companies[p.companyIndex!].address.country).length
    assert.ok(same / employed.length > 0.85, `same-country share ${same / employed.length}`)
  })
  it('has unique ASCII e-mails', () => {
    const emails = new Set(people.map((p) => p.email))
    assert.equal(emails.size, people.length)
    for (const e of emails) assert.match(e, /^[a-z0-9._]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/)
  })
  it('uses the company domain for employees', () => {
    for (const p of people.slice(0, 2_000)) {
      if (p.companyIndex !== null) assert.ok(p.email.endsWith('@' + companies[p.companyIndex].domain), p.email)
    }
  })
  it('has valid E.164 phones in the right country', () => {
    for (const p of people) {
      assert.ok(isValidPhoneNumber(p.phone), `invalid phone ${p.phone}`)
      const country = p.companyIndex !== null ? companies[p.companyIndex].address.country : COUNTRY_BY_LANGUAGE[p.language]
      assert.equal(parsePhoneNumber(p.phone).country, country, p.phone)
    }
  })
  it('writes names in all four scripts', () => {
    const by = (lang: string) => people.filter((p) => p.language === lang)
    assert.ok(by('en').every((p) => /^[A-Za-z' ]+$/.test(p.firstName + p.lastName)))
    assert.ok(by('ru').every((p) => /^[\p{Script=Cyrillic}-]+$/u.test(p.firstName + p.lastName)))
    assert.ok(by('fa').every((p) => /^[\p{Script=Arabic}\u200c]+$/u.test(p.firstName + p.lastName)))
    assert.ok(by('lt').every((p) => /^[\p{Script=Latin}]+$/u.test(p.firstName + p.lastName)))
    const lt = by('lt').map((p) => p.firstName + p.lastName).join('').toLowerCase()
    for (const ch of 'ąčęėšūž') assert.ok(lt.includes(ch), `Lithuanian ${ch} missing in names`)
    // ų and į hardly occur in nominative personal names; they do in company and street names.
    const ltCompanies = companies.filter((c) => c.address.country === 'LT').map((c) => c.name + c.address.street).join('').toLowerCase()
    for (const ch of 'ąčęėįšųūž') assert.ok((lt + ltCompanies).includes(ch), `Lithuanian ${ch} missing`)
    const fa = by('fa').map((p) => p.firstName + p.lastName).join('')
    assert.ok(fa.includes('ی') && fa.includes('ک'), 'Persian ی and ک expected')
    assert.ok(!/[\u064a\u0643]/.test(fa), 'Arabic ي/ك must not be used for Persian')
  })
  it('has enough variety and realistic collisions', () => {
    for (const lang of ['en', 'ru', 'fa', 'lt']) {
      const ps = people.filter((p) => p.language === lang)
      assert.ok(new Set(ps.map((p) => p.firstName)).size >= 60, `${lang} first names`)
      assert.ok(new Set(ps.map((p) => p.lastName)).size >= 60, `${lang} last names`)
    }
    const full = new Map<string, number>()
    for (const p of people) full.set(p.firstName + ' ' + p.lastName, (full.get(p.firstName + ' ' + p.lastName) ?? 0) + 1)
    assert.ok([...full.values()].some((n) => n > 1), 'some full names should repeat')
  })
  it('contains the prefixes benchmarks search for', () => {
    const starts = (prefix: string) => people.filter((p) => p.firstName.startsWith(prefix) || p.lastName.startsWith(prefix)).length
    assert.ok(starts('Jo') > 100, 'Jo…')
    assert.ok(starts('Ив') > 100, 'Ив…')
    assert.ok(starts('مح') > 100, 'مح…')
    const firstNames = new Set(people.map((p) => p.firstName))
    for (const name of ['John', 'Joseph', 'Joanna', 'Иван', 'محمد', 'محمود', 'محسن']) assert.ok(firstNames.has(name), name)
  })
  it('uses gendered surnames', () => {
    assert.equal(russianFeminineSurname('Иванов'), 'Иванова')
    assert.equal(russianFeminineSurname('Ильин'), 'Ильина')
    assert.equal(russianFeminineSurname('Вишневский'), 'Вишневская')
    assert.equal(russianFeminineSurname('Толстой'), 'Толстая')
    assert.equal(russianFeminineSurname('Шевченко'), 'Шевченко')
    assert.equal(russianFeminineSurname('Черных'), 'Черных')
    assert.equal(lithuanianMarriedSurname('Kazlauskas'), 'Kazlauskienė')
    assert.equal(lithuanianMaidenSurname('Kazlauskas'), 'Kazlauskaitė')
    assert.equal(lithuanianMarriedSurname('Stankevičius'), 'Stankevičienė')
    assert.equal(lithuanianMaidenSurname('Stankevičius'), 'Stankevičiūtė')
    assert.equal(lithuanianMarriedSurname('Kairys'), 'Kairienė')
    assert.equal(lithuanianMaidenSurname('Petraitis'), 'Petraitytė')

    const ruLast = new Set(people.filter((p) => p.language === 'ru').map((p) => p.lastName))
    assert.ok(ruLast.has('Иванов') && ruLast.has('Иванова'))
    const ltLast = people.filter((p) => p.language === 'lt').map((p) => p.lastName)
    assert.ok(ltLast.some((s) => s.endsWith('ienė')) && ltLast.some((s) => /(aitė|ytė|iūtė)$/.test(s)) && ltLast.some((s) => /(as|is|ys|ius)$/.test(s)))
    // Surname gender agrees with the first name.
    const ruMale = new Set(['Иван', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Максим', 'Александр'])
    const ruFemale = new Set(['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Анна', 'Мария'])
    for (const p of people.filter((x) => x.language === 'ru')) {
      if (ruMale.has(p.firstName)) assert.ok(!/(ова|ева|ина|ская)$/.test(p.lastName), `${p.firstName} ${p.lastName}`)
      if (ruFemale.has(p.firstName)) assert.ok(!/(ов|ев|ин|ский)$/.test(p.lastName), `${p.firstName} ${p.lastName}`)
    }
    const ltMale = new Set(['Jonas', 'Tomas', 'Lukas', 'Mantas', 'Darius'])
    for (const p of people.filter((x) => x.language === 'lt')) {
      if (ltMale.has(p.firstName)) assert.ok(/(as|is|ys|ius)$/.test(p.lastName), `${p.firstName} ${p.lastName}`)
    }
  })
  it('has job titles', () => {
    assert.ok(people.every((p) => p.jobTitle.length > 0))
  })
})

describe('companies', () => {
  it('count, unique domains, valid phones and addresses', () => {
    assert.equal(companies.length, plan.companies)
    assert.equal(new Set(companies.map((c) => c.domain)).size, companies.length)
    const box: Record<string, [number, number, number, number]> = {
      US: [24, 50, -125, -66], RU: [42, 61, 29, 133], IR: [25, 40, 44, 62], LT: [53.8, 56.5, 20.9, 26.9],
    }
    for (const c of companies) {
      assert.ok(isValidPhoneNumber(c.phone), `invalid phone ${c.phone}`)
      assert.equal(parsePhoneNumber(c.phone).country, c.address.country)
      assert.match(c.domain, /^[a-z0-9-]+\.(com|ru|ir|lt)$/)
      assert.ok(DEMO_INDUSTRIES.includes(c.industry))
      assert.ok(Number.isInteger(c.employees) && c.employees > 0)
      const [latMin, latMax, lngMin, lngMax] = box[c.address.country]
      assert.ok(c.address.lat > latMin && c.address.lat < latMax && c.address.lng > lngMin && c.address.lng < lngMax, JSON.stringify(c.address))
      assert.ok(c.address.street.length > 0 && c.address.city.length > 0)
      const pc = c.address.postcode
      const format: Record<string, RegExp> = { US: /^\d{5}$/, RU: /^\d{6}$/, IR: /^[13-9]{5}\d{5}$/, LT: /^LT-\d{5}$/ }
      assert.match(pc, format[c.address.country])
    }
  })
  it('has local names for all four countries', () => {
    const names = companies.map((c) => c.name)
    assert.ok(names.some((n) => /^(ООО|АО|ПАО) \p{Script=Cyrillic}/u.test(n)))
    assert.ok(names.some((n) => /^شرکت \p{Script=Arabic}/u.test(n)))
    assert.ok(names.some((n) => /^(UAB|AB|MB) /.test(n)))
    assert.ok(names.some((n) => /^[A-Z][a-z]+ [A-Z][a-z]+/.test(n)))
    const share = (country: string) => companies.filter((c) => c.address.country === country).length / companies.length
    assert.equal(share('US'), 0.4)
    assert.equal(share('RU'), 0.25)
    assert.equal(share('IR'), 0.2)
    assert.equal(share('LT'), 0.15)
  })
  it('keeps domains unique on very large plans (qualified and numbered names)', () => {
    const big: DemoPlan = { ...planDemo(0), companies: 100_000 }
    const domains = new Set<string>()
    let n = 0
    for (const c of demoCompanies(big)) { domains.add(c.domain); n++ }
    assert.equal(domains.size, n)
  })
})

describe('products', () => {
  const products = take(demoProducts(plan))
  it('has ~200 products in ~10 categories with unique SKUs', () => {
    assert.equal(products.length, 200)
    assert.equal(new Set(products.map((p) => p.category)).size, 10)
    assert.equal(new Set(products.map((p) => p.sku)).size, products.length)
    assert.equal(new Set(products.map((p) => p.name)).size, products.length)
  })
  it('has 2-decimal prices with cost < price', () => {
    for (const p of products) {
      assert.match(p.price, MONEY)
      assert.match(p.cost, MONEY)
      assert.ok(Number(p.cost) > 0 && Number(p.cost) < Number(p.price), `${p.sku} ${p.cost} ${p.price}`)
    }
  })
})

describe('orders', () => {
  it('has people × ordersPerPerson orders with unique numbers, in date order', () => {
    assert.equal(orders.length, plan.people * plan.ordersPerPerson)
    assert.equal(new Set(orders.map((o) => o.orderNumber)).size, orders.length)
    for (let i = 1; i < orders.length; i++) assert.ok(orders[i - 1].orderDate <= orders[i].orderDate)
  })
  it('spreads dates over the last 3 years with seasonality', () => {
    assert.equal(orders[0].orderDate, '2023-11-02')
    assert.equal(orders[orders.length - 1].orderDate, DEMO_REFERENCE_DATE)
    const perMonth = new Array<number>(12).fill(0)
    for (const o of orders) { assert.match(o.orderDate, DAY); perMonth[Number(o.orderDate.slice(5, 7)) - 1]++ }
    assert.ok(perMonth[11] > perMonth[6] * 1.4, `December ${perMonth[11]} vs July ${perMonth[6]}`)
  })
  it('has 1–4 valid lines and consistent person/company/currency', () => {
    for (const o of orders) {
      assert.ok(o.lines.length >= 1 && o.lines.length <= 4)
      assert.equal(new Set(o.lines.map((l) => l.productIndex)).size, o.lines.length)
      for (const l of o.lines) {
        assert.ok(l.productIndex >= 0 && l.productIndex < plan.products)
        assert.ok(Number.isInteger(l.quantity) && l.quantity >= 1)
        assert.match(l.unitPrice, MONEY)
      }
      const person = people[o.personIndex]
      assert.equal(o.companyIndex, person.companyIndex)
      const country = person.companyIndex !== null ? companies[person.companyIndex].address.country : COUNTRY_BY_LANGUAGE[person.language]
      assert.equal(o.currency, CURRENCY_BY_COUNTRY[country])
      assert.ok(['paid', 'shipped', 'refunded', 'cancelled'].includes(o.status))
    }
  })
  it('is Pareto-skewed: top 20% of customers make ≥ 60% of revenue', () => {
    const revenue = new Float64Array(plan.people)
    for (const o of orders) {
      let v = 0
      for (const l of o.lines) v += l.quantity * Number(l.unitPrice)
      revenue[o.personIndex] += v / DEMO_FX_PER_USD[o.currency]
    }
    const customers = [...revenue].filter((v) => v > 0).sort((a, b) => b - a)
    const total = customers.reduce((a, b) => a + b, 0)
    const top = customers.slice(0, Math.ceil(customers.length * 0.2)).reduce((a, b) => a + b, 0)
    assert.ok(top / total >= 0.6, `top 20% share ${top / total}`)
    assert.ok(top / total <= 0.95, `top 20% share ${top / total}`)
  })
  it('honours ordersPerPerson', () => {
    assert.equal(take(demoOrders(planDemo(1_000, { ordersPerPerson: 2 }))).length, 2_000)
  })
})

describe('opportunities', () => {
  const opportunities = take(demoOpportunities(plan))
  const pipelines = demoPipelines()
  it('has valid pipelines', () => {
    assert.deepEqual(pipelines.map((p) => p.name), ['New business', 'Renewals', 'Partners'])
    for (const p of pipelines) {
      const closed = p.stages.map((s) => s.closed)
      assert.deepEqual(closed.slice(-2), ['won', 'lost'])
      assert.ok(closed.slice(0, -2).every((c) => c === 'open'))
      assert.deepEqual(p.stages.slice(-2).map((s) => s.name), ['Closed Won', 'Closed Lost'])
      for (const s of p.stages) assert.ok(s.probability >= 0 && s.probability <= 100)
    }
  })
  it('references valid pipelines, stages, contacts and companies', () => {
    assert.equal(opportunities.length, plan.opportunities)
    for (const o of opportunities) {
      const stages = pipelines[o.pipelineIndex].stages
      assert.ok(o.stageIndex >= 0 && o.stageIndex < stages.length)
      assert.ok(o.contactIndex >= 0 && o.contactIndex < plan.people)
      assert.equal(o.companyIndex, people[o.contactIndex].companyIndex)
      if (o.companyIndex !== null) assert.ok(o.name.startsWith(companies[o.companyIndex].name))
      assert.match(o.amount, MONEY)
      assert.ok(Number(o.amount) > 0)
      assert.ok(['USD', 'RUB', 'IRR', 'EUR'].includes(o.currency))
      assert.match(o.closeDate, DAY)
      if (stages[o.stageIndex].closed !== 'open') assert.ok(o.closeDate < DEMO_REFERENCE_DATE)
    }
    assert.ok(opportunities.some((o) => pipelines[o.pipelineIndex].stages[o.stageIndex].closed === 'won'))
    assert.ok(opportunities.some((o) => pipelines[o.pipelineIndex].stages[o.stageIndex].closed === 'open'))
  })
})

describe('activities', () => {
  const activities = take(demoActivities(plan))
  it('has valid activities', () => {
    assert.equal(activities.length, plan.activities)
    for (const a of activities) {
      assert.ok(['call', 'email', 'meeting', 'note', 'task'].includes(a.type))
      assert.ok(a.subject.length > 0 && a.body.length > 0)
      assert.equal(new Date(a.dueAt).toISOString(), a.dueAt)
      assert.ok(a.personIndex >= 0 && a.personIndex < plan.people)
      if (a.type === 'note' || a.type === 'email') assert.equal(a.status, 'done')
      if (a.status === 'done') assert.ok(a.dueAt <= DEMO_REFERENCE_DATE + 'T23:59:59.999Z')
    }
    assert.deepEqual(new Set(activities.map((a) => a.type)), new Set(['call', 'email', 'meeting', 'note', 'task']))
    assert.ok(activities.some((a) => a.status === 'open'))
  })
  it('writes in the contact’s language', () => {
    for (const a of activities.slice(0, 2_000)) {
      const lang = people[a.personIndex].language
      const script = lang === 'ru' ? /\p{Script=Cyrillic}/u : lang === 'fa' ? /\p{Script=Arabic}/u : /^[\p{Script=Latin}\p{P}\p{N} :]+$/u
      assert.match(a.subject, script)
    }
  })
})
