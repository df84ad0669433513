/**
 * @module engine/rollups/rollup-shape
 * Which aggregate requests a rollup can answer exactly, and which rollup shape each needs
 * (docs/decisions/020-dashboard-rollups.md). A rollup counts an object's live records per
 * (local day of one date field, dimension columns…); it answers `count`, `count(dim)` and
 * `countDistinct(dim)` grouped by dimensions and by day-or-coarser buckets of its date field,
 * filtered only by whole-day ranges of that field. A rollup may also sum currency fields: their
 * amounts are integer micro-units, so a sum per (combination, currency code) is exact and can be
 * decremented; the code is then one of its dimensions, and `sum`, `avg` (sum ÷ count of amounts,
 * rounded as the live query rounds) and `count(amount)` come from it. Anything else is `null`:
 * the live query runs (min/max cannot be decremented; `number` fields are doubles, whose sums
 * depend on the order of addition).
 */
import { createHash } from 'node:crypto'
import type { AggregateRequest, Bucket } from '../../../../contracts/analytics.js'
import { bucketStart } from '../../db/dialects/date-bucket.js'
import { AppError } from '../../errors.js'
import { resolveTarget } from '../aggregate-plan.js'
import type { ObjectMeta } from '../metadata-types.js'

/** The date dimension: local days of `column` (in `timeZone` for dateTime columns). */
export interface DayDimension { column: string; kind: 'date' | 'timestamp'; timeZone: string | null }

/**
 * A rollup's shape: the object's table, an optional day dimension, sorted dimension columns and,
 * optionally, sorted currency fields (their base column names) whose amounts it sums; each
 * summed field's currency-code column is among `dims`. Shapes stored before sums existed have no
 * `sums` (read as none), which keeps their ids.
 */
export interface RollupSpec { table: string; day: DayDimension | null; dims: string[]; sums?: string[] }

export type GroupUse = { dim: string } | { bucket: Bucket }
export type MeasureUse = { fn: 'count' } | { fn: 'countOf' | 'distinct'; dim: string } | { fn: 'countAmounts'; sum: string }

/** What one request reads from a rollup: its groups and measures in order, and a day range. */
export interface RollupNeed { spec: RollupSpec; groups: GroupUse[]; measures: MeasureUse[]; from: string | null; to: string | null }

export const sumsOf = (spec: RollupSpec) => spec.sums ?? []
/** The currency-code column of a summed currency field (composite.ts names it so). */
export const currencyColumn = (sum: string) => `${sum}_currency`
export const amountColumn = (sum: string) => `${sum}_amount`

const DAY_MS = 86_400_000
const HOURS_3 = 3 * 3_600_000
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export const specKey = (spec: RollupSpec) => JSON.stringify([spec.table, spec.day ? [spec.day.column, spec.day.kind, spec.day.timeZone] : null, spec.dims, ...(sumsOf(spec).length ? [sumsOf(spec)] : [])])
/** A short stable id for a shape: it names the rollup table and its triggers. */
export const rollupIdOf = (spec: RollupSpec) => createHash('sha256').update(specKey(spec)).digest('hex').slice(0, 16)

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]))
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - Math.floor(instant / 1000) * 1000
}

/**
 * The local day an instant bound starts, when it is exactly a local midnight in `timeZone` and
 * no offset change lies within three hours of it (so "instant ≥ bound" is "local day ≥ day" —
 * zones that move clocks back across midnight would otherwise break that); else null.
 */
function dayOfInstant(value: unknown, timeZone: string): string | null {
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  if (!Number.isFinite(ms)) return null
  const offset = offsetAt(ms, timeZone)
  if (offsetAt(ms - HOURS_3, timeZone) !== offset || offsetAt(ms + HOURS_3, timeZone) !== offset) return null
  if ((((ms + offset) % DAY_MS) + DAY_MS) % DAY_MS !== 0) return null
  return bucketStart(new Date(ms).toISOString(), 'day', timeZone)
}

interface Leaf { field: string; op: string; value: unknown }
const isLeaf = (node: unknown): node is Leaf => typeof node === 'object' && node !== null && typeof (node as Leaf).field === 'string' && typeof (node as Leaf).op === 'string'

/** The filter's conditions when it is a conjunction of leaves; null for or/not/anything else. */
function conjunction(filter: unknown): Leaf[] | null {
  if (filter === undefined || filter === null) return []
  if (isLeaf(filter)) return [filter]
  if (typeof filter === 'object' && Array.isArray((filter as { and?: unknown }).and) && Object.keys(filter).length === 1) {
    const parts = (filter as { and: unknown[] }).and.map(conjunction)
    return parts.some((p) => p === null) ? null : parts.flat() as Leaf[]
  }
  return null
}

/** A scalar column of the caller's view, or null (money, unknown, hidden: live query decides). */
function scalarColumn(view: ObjectMeta, path: string) {
  try {
    const target = resolveTarget(view, path, '')
    return 'money' in target ? null : target
  } catch (error) {
    if (error instanceof AppError) return null
    throw error
  }
}

/** The base column of a currency field of the caller's view, or null. */
function moneyColumn(view: ObjectMeta, path: string): string | null {
  try {
    const target = resolveTarget(view, path, '')
    return 'money' in target ? target.money.columnName ?? null : null
  } catch (error) {
    if (error instanceof AppError) return null
    throw error
  }
}

/**
 * The rollup shape and read plan for `query` over `view` (already checked by the planner), or
 * null when no rollup can answer it exactly.
 */
export function rollupNeedOf(view: ObjectMeta, object: ObjectMeta, query: AggregateRequest, timeZone: string): RollupNeed | null {
  const dims = new Set<string>()
  let day = null as DayDimension | null
  const useDay = (column: string, kind: 'date' | 'timestamp') => {
    const wanted: DayDimension = { column, kind, timeZone: kind === 'timestamp' ? timeZone : null }
    if (day && (day.column !== column || day.kind !== kind)) return false
    day = wanted
    return true
  }
  const groups: GroupUse[] = []
  for (const group of query.groupBy ?? []) {
    const target = scalarColumn(view, group.field)
    if (!target) return null
    if (group.bucket) {
      if ((target.kind !== 'date' && target.kind !== 'timestamp') || !useDay(target.column, target.kind)) return null
      groups.push({ bucket: group.bucket })
    } else {
      if (target.kind === 'timestamp') return null
      dims.add(target.column)
      groups.push({ dim: target.column })
    }
  }
  const measures: MeasureUse[] = []
  const sums = new Set<string>()
  for (const measure of query.measures) {
    if (measure.field === undefined) {
      if (measure.fn !== 'count') return null
      measures.push({ fn: 'count' })
      continue
    }
    const money = moneyColumn(view, measure.field)
    if (money) {
      // sum/avg are read per currency code by the money path (rollupMoneyRows); min/max run live.
      if (measure.fn !== 'count' && measure.fn !== 'sum' && measure.fn !== 'avg') return null
      sums.add(money)
      dims.add(currencyColumn(money))
      if (measure.fn === 'count') measures.push({ fn: 'countAmounts', sum: money })
      continue
    }
    if (measure.fn !== 'count' && measure.fn !== 'countDistinct') return null
    const target = scalarColumn(view, measure.field)
    if (!target || target.kind === 'timestamp') return null
    dims.add(target.column)
    measures.push({ fn: measure.fn === 'count' ? 'countOf' : 'distinct', dim: target.column })
  }
  const leaves = conjunction(query.filter)
  if (!leaves) return null
  let from = null as string | null
  let to = null as string | null
  for (const leaf of leaves) {
    if (leaf.op !== 'gte' && leaf.op !== 'lt') return null
    const target = scalarColumn(view, leaf.field)
    if (!target || (target.kind !== 'date' && target.kind !== 'timestamp') || !useDay(target.column, target.kind)) return null
    const bound = target.kind === 'timestamp' ? dayOfInstant(leaf.value, timeZone) : typeof leaf.value === 'string' && DAY_PATTERN.test(leaf.value) ? leaf.value : null
    if (!bound) return null
    if (leaf.op === 'gte') from = from === null || bound > from ? bound : from
    else to = to === null || bound < to ? bound : to
  }
  const spec: RollupSpec = { table: object.tableName, day, dims: [...dims].sort() }
  if (sums.size) spec.sums = [...sums].sort()
  return { spec, groups, measures, from, to }
}

/** Whether a rollup of shape `have` holds what `need` reads (more dimensions are summed away). */
export function covers(have: RollupSpec, need: RollupSpec): boolean {
  if (have.table !== need.table || !need.dims.every((d) => have.dims.includes(d)) || !sumsOf(need).every((s) => sumsOf(have).includes(s))) return false
  if (!need.day) return true
  return have.day !== null && have.day.column === need.day.column && have.day.kind === need.day.kind && have.day.timeZone === need.day.timeZone
}
