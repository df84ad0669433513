/**
 * Runs an invoice-line import: consecutive rows with one order number are one order. Each
 * order is checked whole (a bad line fails its order, so no order is written with a wrong
 * total), its customer (by e-mail, external id or name) and products (by SKU or name) are
 * found or created, and the order is written with its lines and a total summed exactly in
 * micro-units. An order number that exists already is skipped, so a second run changes
 * nothing. Orders are committed in groups with the checkpoint and the undo log (every created
 * record, with its object), so a crash resumes at the last committed order boundary.
 */
import type { Kysely } from 'kysely'
import { parseMoney, formatMoney } from '../../engine/fields/composite.js'
import { getObject } from '../../engine/metadata-store.js'
import type { FieldMeta, ObjectMeta } from '../../engine/metadata-types.js'
import { createRecordsBulk, listRecords, MAX_PAGE_SIZE, type RecordContext } from '../../engine/records.js'
import { currencyOf } from '../../engine/customer-values.js'
import { CellError, localeConventions, parseLocaleDate, parseLocaleNumber } from './cell-coercion.js'
import { readRows } from './import-file.js'
import type { ImportJob, ImportSummary, RowError } from './import-jobs.repository.js'
import { DEFAULT_BATCH_ROWS, settleJob, type RunnerDeps } from './import-runner.js'
import { JobStopped } from './job-stopped.js'
import type { InvoiceRole } from './invoice-mapping.js'

interface Line { rowNo: number; cells: string[] }
interface Group { orderNumber: string; lines: Line[] }
interface PlannedLine { rowNo: number; quantity: string; unitMicros: bigint; totalMicros: bigint; productKey: string; sku?: string; name?: string }
type Planned =
  | { kind: 'create'; group: Group; date?: string; customerKey?: string; lines: PlannedLine[]; totalMicros: bigint }
  | { kind: 'skip' | 'fail'; group: Group; errors: RowError[] }

interface Objects { orders: ObjectMeta; lines: ObjectMeta; products: ObjectMeta; people: ObjectMeta; externalId: FieldMeta | undefined }

/** Quantity (a decimal string) × unit price in micros, rounded half away from zero. */
function lineMicros(quantity: string, unitMicros: bigint): bigint {
  const [whole, fraction = ''] = quantity.replace('-', '').split('.')
  const scale = 10n ** BigInt(fraction.length)
  const product = BigInt(whole + fraction) * unitMicros
  const rounded = (product * 2n + (product >= 0n ? scale : -scale)) / (2n * scale)
  return quantity.startsWith('-') ? -rounded : rounded
}

const customerField = (o: Objects, key: string): string => (key.includes('@') ? 'email' : o.externalId ? o.externalId.apiName : 'lastName')
const splitName = (name: string) => {
  const parts = name.trim().split(/\s+/)
  return parts.length > 1 ? { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1)! } : { lastName: parts[0] }
}

export async function runInvoiceImport(deps: RunnerDeps, ctx: RecordContext, job: ImportJob, filePath: string, locale: string): Promise<void> {
  const meta = ctx.metadata
  const people = getObject(meta, 'people')
  const o: Objects = { orders: getObject(meta, 'orders'), lines: getObject(meta, 'orderLines'), products: getObject(meta, 'products'), people, externalId: people.fieldsByName.get('externalId') }
  const conventions = localeConventions(locale)
  const monthFirst = job.options.dateFormat ? job.options.dateFormat === 'mdy' : conventions.monthFirst
  const currency = currencyOf(ctx, job.options.currency)
  const batchRows = deps.batchRows ?? DEFAULT_BATCH_ROWS
  const headerOf = (role: InvoiceRole) => Object.entries(job.mapping).find(([, r]) => r === role)?.[0] ?? ''
  let index: Partial<Record<InvoiceRole, number>> = {}
  const cell = (line: Line, role: InvoiceRole) => (index[role] === undefined ? '' : (line.cells[index[role]!] ?? '').trim())
  // Order numbers seen in the file → their first row: an order whose lines are not together is refused.
  const seenOrders = new Map<string, number>()
  // Customer and product keys → record ids ('' while a dry run only counts them as new).
  const customers = new Map<string, string>()
  const products = new Map<string, string>()
  const summary: ImportSummary = { orders: 0, products: 0, customers: 0, ...job.summary }

  function planGroup(group: Group, existing: Set<string>): Planned {
    const first = group.lines[0]
    const fail = (errors: RowError[]): Planned => {
      const failing = new Set(errors.map((e) => e.rowNo))
      const others = group.lines.filter((l) => !failing.has(l.rowNo)).map((l) => ({ rowNo: l.rowNo, column: headerOf('orderNumber'), reason: `order ${group.orderNumber.slice(0, 100)} has a failing line (row ${errors[0].rowNo})`, value: null }))
      return { kind: 'fail', group, errors: [...errors, ...others] }
    }
    if (!group.orderNumber) return fail(group.lines.map((l) => ({ rowNo: l.rowNo, column: headerOf('orderNumber'), reason: 'has no order number', value: null })))
    const earlier = seenOrders.get(group.orderNumber)
    if (earlier !== undefined && earlier !== first.rowNo) {
      return fail([{ rowNo: first.rowNo, column: headerOf('orderNumber'), reason: `order ${group.orderNumber.slice(0, 100)} appeared earlier (row ${earlier}); an order's lines must be next to each other`, value: group.orderNumber.slice(0, 200) }])
    }
    if (existing.has(group.orderNumber)) {
      return { kind: 'skip', group, errors: [{ rowNo: first.rowNo, column: headerOf('orderNumber'), reason: `order ${group.orderNumber.slice(0, 100)} exists already; its ${group.lines.length} line(s) are skipped`, value: group.orderNumber.slice(0, 200) }] }
    }
    const errors: RowError[] = []
    const lines: PlannedLine[] = []
    let date: string | undefined
    for (const line of group.lines) {
      const attempt = (role: InvoiceRole, read: (text: string) => string): string | undefined => {
        const text = cell(line, role)
        try {
          return read(text)
        } catch (error) {
          errors.push({ rowNo: line.rowNo, column: headerOf(role), reason: error instanceof CellError || error instanceof Error ? error.message : String(error), value: text.slice(0, 200) })
          return undefined
        }
      }
      const quantity = attempt('quantity', (t) => { if (!t) throw new CellError('is empty'); return parseLocaleNumber(t, conventions.decimalComma) })
      const price = attempt('unitPrice', (t) => { if (!t) throw new CellError('is empty'); return parseLocaleNumber(t, conventions.decimalComma) })
      const unitMicros = price === undefined ? undefined : attempt('unitPrice', () => String(parseMoney(price)))
      const lineDate = index.orderDate === undefined || cell(line, 'orderDate') === '' ? undefined
        : attempt('orderDate', (t) => parseLocaleDate(t.split(/[ T]/)[0], monthFirst, conventions.solarHijri))
      date ??= lineDate
      const sku = cell(line, 'productSku') || undefined
      const name = cell(line, 'productName') || undefined
      if (!sku && !name) errors.push({ rowNo: line.rowNo, column: headerOf('productSku') || headerOf('productName'), reason: 'names no product', value: null })
      if (quantity !== undefined && unitMicros !== undefined && (sku || name)) {
        lines.push({ rowNo: line.rowNo, quantity, unitMicros: BigInt(unitMicros), totalMicros: lineMicros(quantity, BigInt(unitMicros)), productKey: sku ? `sku:${sku}` : `name:${name}`, sku, name })
      }
    }
    if (errors.length) return fail(errors)
    const customerKey = cell(first, 'customer') || undefined
    return { kind: 'create', group, date, customerKey, lines, totalMicros: lines.reduce((sum, l) => sum + l.totalMicros, 0n) }
  }

  /** Ids of existing records whose `field` is one of `values`, keyed by that value. */
  async function findBy(object: ObjectMeta, field: string, values: string[], key: (r: Record<string, unknown>) => string = (r) => String(r[field])): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    for (let i = 0; i < values.length; i += MAX_PAGE_SIZE / 2) {
      const page = await listRecords(ctx, object, { filter: { field, op: 'in', value: values.slice(i, i + MAX_PAGE_SIZE / 2) }, limit: MAX_PAGE_SIZE, fields: [field, ...(field === 'lastName' ? ['firstName'] : [])] })
      for (const r of page.data) if (!found.has(key(r))) found.set(key(r), r.id)
    }
    return found
  }

  /** Looks up the keys not known yet (outside the write transaction: it holds SQLite's one connection). */
  async function lookUp(cache: Map<string, string>, keys: string[], lookup: (keys: string[]) => Promise<Map<string, string>>): Promise<{ staged: Map<string, string>; create: string[] }> {
    const missing = [...new Set(keys)].filter((k) => !cache.has(k))
    const staged = missing.length ? await lookup(missing) : new Map<string, string>()
    return { staged, create: missing.filter((k) => !staged.has(k)) }
  }

  /** Creates the records for `create` (an apply) or marks them as to be created (a dry run); returns the new ids. */
  async function createMissing(trx: Kysely<any>, found: { staged: Map<string, string>; create: string[] }, object: ObjectMeta, inputOf: (key: string) => Record<string, unknown>): Promise<string[]> {
    if (job.mode !== 'apply') { for (const k of found.create) found.staged.set(k, ''); return found.create.map(() => '') }
    const created = found.create.length ? await createRecordsBulk(ctx, trx, object, found.create.map(inputOf)) : []
    created.forEach((r, i) => found.staged.set(found.create[i], r.id))
    return created.map((r) => r.id)
  }

  async function commit(groups: Group[], from: number, to: number): Promise<void> {
    const existing = new Set((await findBy(o.orders, 'orderNumber', groups.map((g) => g.orderNumber).filter(Boolean))).keys())
    const planned = groups.map((g) => planGroup(g, existing))
    const creating = planned.filter((p): p is Extract<Planned, { kind: 'create' }> => p.kind === 'create')
    const added: ImportSummary = { orders: creating.length, products: 0, customers: 0 }
    const customerKeys = creating.flatMap((p) => (p.customerKey ? [p.customerKey] : []))
    const customersFound = await lookUp(customers, customerKeys, async (keys) => {
      const found = new Map<string, string>()
      for (const field of new Set(keys.map((k) => customerField(o, k)))) {
        const ofField = keys.filter((k) => customerField(o, k) === field)
        const values = field === 'lastName' ? ofField.map((k) => splitName(k).lastName) : ofField
        const byValue = await findBy(o.people, field, values, (r: Record<string, unknown>) => (field === 'lastName' ? [r.firstName, r.lastName].filter(Boolean).join(' ') : String(r[field])))
        for (const k of ofField) { const id = byValue.get(k); if (id) found.set(k, id) }
      }
      return found
    })
    const productKeys = creating.flatMap((p) => p.lines.map((l) => l.productKey))
    const byKey = new Map(creating.flatMap((p) => p.lines.map((l) => [l.productKey, l] as const)))
    const productsFound = await lookUp(products, productKeys, async (keys) => {
      const found = new Map<string, string>()
      for (const [k, id] of await findBy(o.products, 'sku', keys.filter((k) => k.startsWith('sku:')).map((k) => k.slice(4)))) found.set(`sku:${k}`, id)
      for (const [k, id] of await findBy(o.products, 'name', keys.filter((k) => k.startsWith('name:')).map((k) => k.slice(5)))) found.set(`name:${k}`, id)
      return found
    })
    const stagedCustomers = customersFound.staged
    const stagedProducts = productsFound.staged
    await ctx.ws.db.transaction().execute(async (trx: Kysely<any>) => {
      const changes: { recordId: string; action: 'created'; previous: null; object: string }[] = []
      const note = (object: ObjectMeta, ids: string[]) => { for (const id of ids) if (id) changes.push({ recordId: id, action: 'created', previous: null, object: object.apiName }) }
      const newCustomers = await createMissing(trx, customersFound, o.people,
        (key) => (key.includes('@') ? { email: key } : o.externalId ? { [o.externalId.apiName]: key, lastName: key } : splitName(key)))
      note(o.people, newCustomers)
      added.customers = newCustomers.length
      const newProducts = await createMissing(trx, productsFound, o.products, (key) => { const l = byKey.get(key)!; return { name: l.name ?? l.sku, ...(l.sku ? { sku: l.sku } : {}) } })
      note(o.products, newProducts)
      added.products = newProducts.length
      if (job.mode === 'apply' && creating.length) {
        const idOf = (cache: Map<string, string>, staged: Map<string, string>, k: string | undefined) => (k === undefined ? undefined : staged.get(k) ?? cache.get(k))
        const money = (micros: bigint) => ({ amount: formatMoney(micros), currency })
        const orders = await createRecordsBulk(ctx, trx, o.orders, creating.map((p) => ({
          orderNumber: p.group.orderNumber, total: money(p.totalMicros),
          ...(p.date ? { orderDate: p.date } : {}), ...(p.customerKey ? { customer: idOf(customers, stagedCustomers, p.customerKey) } : {}),
        })))
        note(o.orders, orders.map((r) => r.id))
        const lines = await createRecordsBulk(ctx, trx, o.lines, creating.flatMap((p, i) => p.lines.map((l) => ({
          order: orders[i].id, product: idOf(products, stagedProducts, l.productKey), description: (l.name ?? l.sku ?? '').slice(0, 1000),
          quantity: Number(l.quantity), unitPrice: money(l.unitMicros), lineTotal: money(l.totalMicros),
        }))))
        note(o.lines, lines.map((r) => r.id))
        await deps.repo.addChanges(ctx.ws, trx, job.id, changes)
      }
      const errors = planned.flatMap((p) => (p.kind === 'create' ? [] : p.errors))
      await deps.repo.addErrors(trx, job.id, errors)
      const rowsOf = (kind: Planned['kind']) => planned.filter((p) => p.kind === kind).reduce((n, p) => n + p.group.lines.length, 0)
      const next = Object.fromEntries(Object.keys({ ...summary, ...added }).map((k) => [k, (summary[k] ?? 0) + (added[k] ?? 0)]))
      if (!(await deps.repo.advance(trx, job.id, from, to, { created: rowsOf('create'), updated: 0, skipped: rowsOf('skip'), failed: rowsOf('fail') }, next))) throw new JobStopped()
    })
    for (const [k, v] of stagedCustomers) customers.set(k, v)
    for (const [k, v] of stagedProducts) products.set(k, v)
    for (const k of Object.keys(added)) summary[k] = (summary[k] ?? 0) + added[k]
  }

  let done = job.rowsDone
  let pending: Group[] = []
  let pendingRows = 0
  let current: Group | null = null
  const flush = async () => {
    if (pending.length === 0) return
    const to = done + pendingRows
    await commit(pending, done, to)
    done = to
    pending = []
    pendingRows = 0
    await deps.afterBatch?.(job, done)
  }
  await settleJob(deps, ctx, job, filePath, async () => {
    let headerSeen = false
    for await (const row of readRows(filePath, job)) {
      if (!headerSeen) {
        headerSeen = true
        const headers = row.cells.map((h) => h.trim())
        index = Object.fromEntries(headers.flatMap((h, i) => (job.mapping[h] ? [[job.mapping[h], i]] : [])))
        continue
      }
      const number = (row.cells[index.orderNumber ?? -1] ?? '').trim()
      if (row.rowNo - 1 <= job.rowsDone) {
        if (number && !seenOrders.has(number)) seenOrders.set(number, row.rowNo)
        continue
      }
      if (current && current.orderNumber === number && number !== '') { current.lines.push(row); continue }
      if (current) {
        pending.push(current)
        pendingRows += current.lines.length
        if (pendingRows >= batchRows) await flush()
      }
      current = { orderNumber: number, lines: [row] }
      if (number && !seenOrders.has(number)) seenOrders.set(number, row.rowNo)
    }
    if (current) { pending.push(current); pendingRows += current.lines.length }
    await flush()
  })
}
