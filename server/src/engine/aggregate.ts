/**
 * @module engine/aggregate
 * Group-by and measures computed by the database over the records a caller may read: object
 * permission, record-level scope and field-level security apply exactly as in lists. Money stays
 * exact: amounts are integer micro-units summed per currency code, split into whole units and
 * remainders so neither SQLite's 64-bit sum nor a float ever rounds them.
 */
import { sql, type RawBuilder } from 'kysely'
import { DEFAULT_GROUP_LIMIT, MAX_GROUP_LIMIT, type AggregateRequest, type MoneyTotal } from '../../../contracts/analytics.js'
import { canonicalTimeZone } from '../db/dialects/date-bucket.js'
import { fieldError, ProblemCollector } from '../errors.js'
import { planGroups, planMeasures, type GroupKey, type MoneyMeasure, type ScalarMeasure } from './aggregate-plan.js'
import { column } from './fields/compare.js'
import { formatMoney } from './fields/composite.js'
import { compileFilter } from './filter.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'
import { filterAccessOf, scopeOf } from './record-access.js'
import { listRecords, type RecordContext } from './records.js'
import { requirePermission, visibleObject } from './visibility.js'
import { rollupMoneyRows, rollupRows, type RollupAnswer } from './rollups/rollup-read.js'

export interface AggregateResult {
  rows: Record<string, unknown>[]
  truncated: boolean
}

const MICROS = 1_000_000n
/** `in` lists hold at most this many ids (MAX_IN_VALUES), so titles are read in chunks. */
const TITLE_CHUNK = 500

type Row = Record<string, unknown>

const groupAlias = (i: number) => `g${i}`
const measureColumn = (i: number) => `m${i}`

/** `group by 1, 2` and `order by 1, 2` with empty values first on both dialects. */
function groupingClauses(ctx: RecordContext, count: number, limit: number): RawBuilder<unknown> {
  if (count === 0) return sql``
  const positions = Array.from({ length: count }, (_, i) => String(i + 1))
  return sql`group by ${sql.raw(positions.join(', '))}
    order by ${sql.raw(positions.map((p) => ctx.ws.dialect.sortIndexColumn(p)).join(', '))} limit ${limit}`
}

/** A stable text key for a group, the same for the main and the per-currency query. */
const groupKeyOf = (row: Row, count: number) =>
  JSON.stringify(Array.from({ length: count }, (_, i) => { const v = row[groupAlias(i)]; return v instanceof Date ? v.toISOString() : v ?? null }), (_k, v) => (typeof v === 'bigint' ? String(v) : v))

function decodeGroup(ctx: RecordContext, key: GroupKey, value: unknown): unknown {
  if (value === null || value === undefined) return null
  return ctx.ws.dialect.fromDb(key.kind, key.kind === 'double' ? Number(value) : value)
}

function decodeMeasure(ctx: RecordContext, measure: ScalarMeasure, value: unknown): unknown {
  if (measure.kind === 'count') return Number(value ?? 0)
  if (value === null || value === undefined) return null
  if (measure.kind === 'float' || measure.kind === 'double' || measure.kind === 'integer') return Number(value)
  return ctx.ws.dialect.fromDb(measure.kind, value)
}

/** Division rounded half away from zero, for exact averages in micro-units. */
function divideRounded(total: bigint, count: bigint): bigint {
  const quotient = total / count
  const remainder = total % count
  const abs = remainder < 0n ? -remainder : remainder
  return 2n * abs >= count ? quotient + (total < 0n ? -1n : 1n) : quotient
}

/** min/max are null when a rollup answered (it only holds sums and counts: never asked for them). */
interface MoneyStats { currency: string; total: bigint; count: bigint; min: bigint | null; max: bigint | null }

/** The live per-currency rows of one currency field: `g<i>…, c, whole, part, n, lo, hi`. */
async function liveMoneyRows(ctx: RecordContext, object: ObjectMeta, field: FieldMeta, groups: GroupKey[], where: RawBuilder<boolean>, limit: number): Promise<{ currencies: number; rows: Row[] }> {
  const amount = column(`${field.columnName}_amount`)
  const code = column(`${field.columnName}_currency`)
  const table = sql.table(object.tableName)
  const counted = await sql<{ k: unknown }>`select count(distinct ${code}) as k from ${table} where ${where} and ${amount} is not null`.execute(ctx.ws.db)
  const currencies = Number(counted.rows[0]?.k ?? 0)
  if (currencies === 0) return { currencies, rows: [] }
  const keys = groups.map((g, i) => sql`${g.expr} as ${sql.ref(groupAlias(i))}`)
  // Ordered like the main query, so the first limit × currencies rows cover its first `limit` groups.
  const result = await sql<Row>`select ${sql.join([...keys, sql`${code} as "c"`])},
      sum(${amount} / 1000000) as "whole", sum(${amount} % 1000000) as "part", count(${amount}) as "n", min(${amount}) as "lo", max(${amount}) as "hi"
    from ${table} where ${where} and ${amount} is not null
    ${groupingClauses(ctx, groups.length + 1, limit * currencies)}`.execute(ctx.ws.db)
  return { currencies, rows: result.rows }
}

/** Per group key, the statistics of one currency field for each currency code (from the rollup that answered, if one did). */
async function moneyStats(ctx: RecordContext, object: ObjectMeta, field: FieldMeta, groups: GroupKey[], where: RawBuilder<boolean>, limit: number, answer: RollupAnswer | null): Promise<Map<string, MoneyStats[]>> {
  const { rows } = answer ? await rollupMoneyRows(ctx, answer, field.columnName!, limit) : await liveMoneyRows(ctx, object, field, groups, where, limit)
  const byGroup = new Map<string, MoneyStats[]>()
  const big = (v: unknown) => (v === null || v === undefined ? null : BigInt(String(v)))
  for (const row of rows) {
    const key = groupKeyOf(row, groups.length)
    const total = BigInt(String(row.whole)) * MICROS + BigInt(String(row.part))
    const stats = { currency: String(row.c), total, count: BigInt(String(row.n)), min: big(row.lo), max: big(row.hi) }
    byGroup.set(key, [...(byGroup.get(key) ?? []), stats])
  }
  return byGroup
}

function moneyValue(measure: MoneyMeasure, stats: MoneyStats[]): MoneyTotal[] {
  return [...stats].sort((a, b) => (a.currency < b.currency ? -1 : 1)).map((s) => ({
    currency: s.currency,
    amount: formatMoney(measure.fn === 'sum' ? s.total : measure.fn === 'avg' ? divideRounded(s.total, s.count) : (measure.fn === 'min' ? s.min : s.max)!),
  }))
}

/** Adds `<key>.title` for to-one relation keys: the related records' titles the caller may read. */
async function addTitles(ctx: RecordContext, groups: GroupKey[], rows: Row[]): Promise<void> {
  for (const key of groups.filter((g) => g.relationTarget)) {
    const target = ctx.metadata.objects.get(key.relationTarget!)!
    const titles = new Map<string, string>()
    const ids = [...new Set(rows.map((r) => r[key.alias]).filter((id): id is string => typeof id === 'string'))]
    if (ctx.access.can(target.apiName, 'read')) {
      const labelFields = visibleObject(ctx.access, target).labelFields
      for (let start = 0; start < ids.length; start += TITLE_CHUNK) {
        const chunk = ids.slice(start, start + TITLE_CHUNK)
        const page = await listRecords(ctx, target, { filter: { field: 'id', op: 'in', value: chunk }, fields: labelFields, limit: chunk.length })
        for (const record of page.data) titles.set(record.id, labelFields.map((f) => record[f]).filter((v) => typeof v === 'string' && v !== '').join(' '))
      }
    }
    for (const row of rows) row[`${key.alias}.title`] = typeof row[key.alias] === 'string' ? titles.get(row[key.alias] as string) ?? null : null
  }
}

/** Checks a request against the caller's view and builds its SQL pieces; throws 400 with pointers. */
function planAggregate(ctx: RecordContext, object: ObjectMeta, query: AggregateRequest) {
  requirePermission(ctx.access, object, 'read')
  const view = visibleObject(ctx.access, object)
  const problems = new ProblemCollector()
  const limit = query.limit ?? DEFAULT_GROUP_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GROUP_LIMIT) throw fieldError('/limit', `must be an integer from 1 to ${MAX_GROUP_LIMIT}`)
  const timeZone = canonicalTimeZone(query.timeZone ?? 'UTC')
  if (!timeZone) problems.add('/timeZone', 'must be an IANA time zone such as Europe/Vilnius')
  const groups = planGroups(view, query.groupBy ?? [], ctx.ws.dialect, timeZone ?? 'UTC', problems)
  const measures = planMeasures(view, query.measures, groups, problems)
  problems.throwIfAny()

  const conditions = [sql<boolean>`deleted_at is null`]
  const scope = scopeOf(ctx, object, 'read')
  if (scope) conditions.push(scope)
  if (query.filter !== undefined) {
    conditions.push(compileFilter(view, query.filter, ctx.metadata, { dialect: ctx.ws.dialect, parse: ctx.parse }, '/filter', filterAccessOf(ctx)))
  }
  const where = sql<boolean>`(${sql.join(conditions, sql` and `)})`
  // Rollups count every live record, so only a caller who may read them all can use one.
  return { limit, groups, measures, where, view, timeZone: timeZone ?? 'UTC', seesAll: scope === null }
}

/**
 * Validates an aggregate request for the caller without running it (dashboards check widgets
 * on save): the same 400s with the same pointers as aggregateRecords.
 */
export function checkAggregate(ctx: RecordContext, object: ObjectMeta, query: AggregateRequest): void {
  planAggregate(ctx, object, query)
}

/**
 * Groups `object`'s records the caller may read and measures each group.
 * @example aggregateRecords(ctx, deals, { groupBy: [{ field: 'stage' }], measures: [{ fn: 'count' }, { fn: 'sum', field: 'amount' }] })
 * // → { rows: [{ stage: '…', 'stage.title': 'Proposal', count: 3, sum_amount: [{ currency: 'EUR', amount: '1500.00' }] }], truncated: false }
 */
export async function aggregateRecords(ctx: RecordContext, object: ObjectMeta, query: AggregateRequest): Promise<AggregateResult> {
  const { limit, groups, measures, where, view, timeZone, seesAll } = planAggregate(ctx, object, query)
  const scalars = measures.filter((m): m is ScalarMeasure => !m.money)
  const grouping = (count: number, most: number) => groupingClauses(ctx, count, most)
  const fromRollup = seesAll ? await rollupRows(ctx, { view, object, query, timeZone, grouping, limit: limit + 1 }) : null
  const raw = fromRollup ? fromRollup.rows : (await sql<Row>`select ${sql.join([
    ...groups.map((g, i) => sql`${g.expr} as ${sql.ref(groupAlias(i))}`),
    ...scalars.map((m, i) => sql`${m.expr} as ${sql.ref(measureColumn(i))}`),
    sql`count(*) as "n"`,
  ])} from ${sql.table(object.tableName)} where ${where}
    ${groupingClauses(ctx, groups.length, limit + 1)}`.execute(ctx.ws.db)).rows
  const truncated = raw.length > limit
  if (truncated) raw.pop()

  const moneyFields = [...new Set(measures.filter((m): m is MoneyMeasure => m.money).map((m) => m.field))]
  const money = new Map<FieldMeta, Map<string, MoneyStats[]>>()
  for (const field of moneyFields) money.set(field, await moneyStats(ctx, object, field, groups, where, limit, fromRollup))

  const rows = raw.map((row) => {
    const out: Row = {}
    groups.forEach((g, i) => { out[g.alias] = decodeGroup(ctx, g, row[groupAlias(i)]) })
    const key = groupKeyOf(row, groups.length)
    let scalarIndex = 0
    for (const m of measures) {
      out[m.alias] = m.money ? moneyValue(m, money.get(m.field)!.get(key) ?? []) : decodeMeasure(ctx, m, row[measureColumn(scalarIndex++)])
    }
    return out
  })
  await addTitles(ctx, groups, rows)
  return { rows, truncated }
}
