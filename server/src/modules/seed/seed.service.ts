/**
 * `rapport seed --demo`: loads the deterministic demo dataset (demo-data.ts) into a
 * workspace through the record engine's bulk path, so seeded records are validated, indexed
 * for search and shaped exactly like records created through the API.
 */
import { sql } from 'kysely'
import type { Services } from '../../app.js'
import { formatMoney, parseMoney } from '../../engine/fields/composite.js'
import { getObject } from '../../engine/metadata-store.js'
import { createRecordsBulk, type RecordContext } from '../../engine/records.js'
import {
  demoActivities, demoCompanies, demoOpportunities, demoOrders, demoPeople, demoPipelines, demoProducts, planDemo,
} from './demo-data.js'

/** Records per transaction: big enough to amortise commits, small enough to bound memory. */
const CHUNK = 5000

export interface SeedOptions {
  people: number
  ordersPerPerson?: number
  seed?: number
  progress?: (line: string) => void
}

const choiceKey = (label: string) => label.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))

async function loadAll<T>(
  ctx: RecordContext, objectName: string, items: Iterable<T>, toInput: (item: T) => Record<string, unknown>, progress: (line: string) => void,
): Promise<string[]> {
  const object = getObject(ctx.metadata, objectName)
  const ids: string[] = []
  let chunk: Record<string, unknown>[] = []
  const started = Date.now()
  const flush = async () => {
    if (chunk.length === 0) return
    const inputs = chunk
    chunk = []
    const records = await ctx.ws.db.transaction().execute((trx) => createRecordsBulk(ctx, trx, object, inputs, { checkReferences: false }))
    for (const r of records) ids.push(r.id)
    if (ids.length % (CHUNK * 20) === 0) progress(`  ${objectName}: ${ids.length.toLocaleString('en')}`)
  }
  for (const item of items) {
    chunk.push(toInput(item))
    if (chunk.length >= CHUNK) await flush()
  }
  await flush()
  const seconds = (Date.now() - started) / 1000
  progress(`${objectName}: ${ids.length.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(ids.length / Math.max(seconds, 0.001)).toLocaleString('en')}/s)`)
  return ids
}

export async function seedDemo(services: Services, workspaceId: string, options: SeedOptions): Promise<void> {
  const progress = options.progress ?? (() => {})
  const plan = planDemo(options.people, { seed: options.seed, ordersPerPerson: options.ordersPerPerson })
  const workspace = await services.workspaces.get(workspaceId)
  const ctx = await services.workspaces.recordContext(workspace, 'seed')
  const industries = new Set((getObject(ctx.metadata, 'companies').fieldsByName.get('industry')?.options.choices ?? []).map((c) => c.value))
  progress(`seeding workspace ${workspaceId}: ${JSON.stringify(plan)}`)

  const companies = await loadAll(ctx, 'companies', demoCompanies(plan), (c) => ({
    name: c.name, domain: c.domain, phone: c.phone, address: c.address, employees: c.employees,
    industry: industries.has(choiceKey(c.industry)) ? choiceKey(c.industry) : 'other',
  }), progress)
  const people = await loadAll(ctx, 'people', demoPeople(plan), (p) => ({
    firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone, jobTitle: p.jobTitle,
    company: p.companyIndex === null ? null : companies[p.companyIndex],
  }), progress)
  const products = await loadAll(ctx, 'products', demoProducts(plan), (p) => ({
    name: p.name, sku: p.sku, category: p.category, price: { amount: p.price, currency: 'USD' }, cost: { amount: p.cost, currency: 'USD' }, active: true,
  }), progress)
  const pipelines: { id: string; stages: string[] }[] = []
  for (const [index, pipeline] of demoPipelines().entries()) {
    const [id] = await loadAll(ctx, 'pipelines', [pipeline], (p) => ({ name: p.name, position: index + 2 }), () => {})
    const stages = await loadAll(ctx, 'pipelineStages', pipeline.stages.entries(), ([i, s]) => ({
      name: s.name, pipeline: id, position: i + 1, probability: s.probability, outcome: s.closed,
    }), () => {})
    pipelines.push({ id, stages })
  }
  await loadAll(ctx, 'opportunities', demoOpportunities(plan), (o) => {
    const pipeline = pipelines[o.pipelineIndex % pipelines.length]
    return {
      name: o.name, amount: { amount: o.amount, currency: o.currency }, closeDate: o.closeDate, pipeline: pipeline.id,
      stage: pipeline.stages[o.stageIndex % pipeline.stages.length], company: o.companyIndex === null ? null : companies[o.companyIndex],
      contact: people[o.contactIndex],
    }
  }, progress)
  await loadAll(ctx, 'activities', demoActivities(plan), (a) => ({
    type: a.type, subject: a.subject, body: a.body, dueAt: a.dueAt, status: a.status, participants: [people[a.personIndex]],
  }), progress)
  if (plan.ordersPerPerson > 0) await seedOrders(ctx, plan, people, companies, products, progress)
  // Fresh planner statistics for the new data (sampled on SQLite; Postgres' autovacuum would get there later).
  await sql`analyze`.execute(ctx.ws.db)
  progress('analyzed')
}

async function seedOrders(
  ctx: RecordContext, plan: ReturnType<typeof planDemo>, people: string[], companies: string[], products: string[], progress: (line: string) => void,
): Promise<void> {
  const lines: Record<string, unknown>[] = []
  const orders = getObject(ctx.metadata, 'orders')
  const orderLines = getObject(ctx.metadata, 'orderLines')
  let orderCount = 0
  let lineCount = 0
  const started = Date.now()
  let pending: { order: Record<string, unknown>; lines: Record<string, unknown>[] }[] = []
  const flush = async () => {
    const batch = pending
    pending = []
    await ctx.ws.db.transaction().execute(async (trx) => {
      const created = await createRecordsBulk(ctx, trx, orders, batch.map((b) => b.order), { checkReferences: false })
      lines.length = 0
      batch.forEach((b, i) => b.lines.forEach((line) => lines.push({ ...line, order: created[i].id })))
      await createRecordsBulk(ctx, trx, orderLines, lines, { checkReferences: false })
    })
    orderCount += batch.length
    lineCount += lines.length
    if (orderCount % (CHUNK * 40) === 0) progress(`  orders: ${orderCount.toLocaleString('en')}`)
  }
  for (const order of demoOrders(plan)) {
    let total = 0n
    const orderLinesInput = order.lines.map((line) => {
      const lineTotal = parseMoney(line.unitPrice) * BigInt(line.quantity)
      total += lineTotal
      return {
        product: products[line.productIndex], quantity: line.quantity,
        unitPrice: { amount: line.unitPrice, currency: order.currency }, lineTotal: { amount: formatMoney(lineTotal), currency: order.currency },
      }
    })
    pending.push({
      order: {
        orderNumber: order.orderNumber, orderDate: order.orderDate, customer: people[order.personIndex],
        company: order.companyIndex === null ? null : companies[order.companyIndex], status: order.status,
        total: { amount: formatMoney(total), currency: order.currency },
      },
      lines: orderLinesInput,
    })
    if (pending.length >= CHUNK) await flush()
  }
  if (pending.length) await flush()
  const seconds = (Date.now() - started) / 1000
  progress(`orders: ${orderCount.toLocaleString('en')} with ${lineCount.toLocaleString('en')} lines in ${seconds.toFixed(1)} s`)
}
