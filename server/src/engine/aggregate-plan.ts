/**
 * @module engine/aggregate-plan
 * Turns an aggregate request into SQL pieces, checking every name against the caller's view of
 * the object (a hidden field does not exist here either) and every function against the field
 * type, so bad input answers 400 with a pointer before any SQL exists.
 */
import { sql, type RawBuilder } from 'kysely'
import { measureAlias, type AggregateGroup, type AggregateMeasure, type Bucket } from '../../../contracts/analytics.js'
import type { ColumnKind, SqlDialect } from '../db/dialects/sql-dialect.js'
import { AppError, fieldError, ProblemCollector } from '../errors.js'
import { column } from './fields/compare.js'
import { compositeSubfield } from './fields/composite.js'
import { isManyToOne } from './fields/relation.js'
import type { FieldMeta, ObjectMeta } from './metadata-types.js'

/** A value the database can group or measure: one column of a known kind. */
export interface ScalarTarget {
  name: string
  column: string
  kind: ColumnKind
  type: FieldMeta['type'] | 'system'
  field?: FieldMeta
}

export interface GroupKey {
  alias: string
  expr: RawBuilder<unknown>
  /** Kind of the raw SQL value, for the dialect's conversion; buckets are text. */
  kind: ColumnKind
  /** Set for to-one relations: the related object, whose titles the answer adds. */
  relationTarget?: string
}

export type ScalarMeasure = { alias: string; money: false; expr: RawBuilder<unknown>; kind: ColumnKind | 'count' | 'float' }
/** A measure of a currency field: computed per currency code in its own query. */
export type MoneyMeasure = { alias: string; money: true; fn: 'sum' | 'avg' | 'min' | 'max'; field: FieldMeta }
export type PlannedMeasure = ScalarMeasure | MoneyMeasure

const SYSTEM_TARGETS: Record<string, Omit<ScalarTarget, 'name'>> = {
  ownerId: { column: 'owner_id', kind: 'text', type: 'system' },
  createdBy: { column: 'created_by', kind: 'text', type: 'system' },
  createdAt: { column: 'created_at', kind: 'timestamp', type: 'system' },
  updatedAt: { column: 'updated_at', kind: 'timestamp', type: 'system' },
}

/** Field types stored in one column whose values group meaningfully. */
const GROUPABLE_KINDS: Partial<Record<FieldMeta['type'], ColumnKind>> = {
  text: 'text', email: 'text', phone: 'text', url: 'text', select: 'text', boolean: 'boolean',
  number: 'double', rating: 'integer', date: 'date', dateTime: 'timestamp',
}
const SUMMABLE = new Set<string>(['number', 'rating'])
const ORDERED = new Set<string>(['number', 'rating', 'date', 'dateTime'])

export function resolveTarget(view: ObjectMeta, path: string, pointer: string): ScalarTarget | { money: FieldMeta } {
  const unknown = () => fieldError(pointer, `${view.apiName} has no field ${JSON.stringify(path.slice(0, 100))}`)
  const [head, part] = path.split('.')
  const system = SYSTEM_TARGETS[head]
  if (system && part === undefined) return { name: path, ...system }
  const field = view.fieldsByName.get(head)
  if (!field) throw unknown()
  if (part !== undefined) {
    const sub = compositeSubfield(field, part)
    if (!sub) throw unknown()
    return { name: path, column: sub.name, kind: sub.kind, type: 'text', field }
  }
  if (field.type === 'currency') return { money: field }
  if (isManyToOne(field)) return { name: path, column: field.columnName!, kind: 'text', type: 'relation', field }
  const kind = GROUPABLE_KINDS[field.type]
  if (!kind || field.options.multiple) throw fieldError(pointer, `${field.type}${field.options.multiple ? ' list' : ''} fields cannot be grouped or measured`)
  return { name: path, column: field.columnName!, kind, type: field.type, field }
}

/** Runs `work`, moving the field problems of an AppError it throws into `problems`. */
function collecting<T>(problems: ProblemCollector, work: () => T): T | undefined {
  try {
    return work()
  } catch (error) {
    if (!(error instanceof AppError) || !error.errors) throw error
    problems.errors.push(...error.errors)
    return undefined
  }
}

const isDateKind = (kind: ColumnKind): kind is 'date' | 'timestamp' => kind === 'date' || kind === 'timestamp'

export function planGroups(view: ObjectMeta, groups: AggregateGroup[], dialect: SqlDialect, timeZone: string, problems: ProblemCollector): GroupKey[] {
  const keys: GroupKey[] = []
  groups.forEach((group, i) => {
    const pointer = `/groupBy/${i}`
    const target = collecting(problems, () => resolveTarget(view, group.field, `${pointer}/field`))
    if (!target) return
    if ('money' in target) return problems.add(`${pointer}/field`, 'currency fields cannot be grouped; group by their currency code (amount.currency) instead')
    if (keys.some((k) => k.alias === group.field)) return problems.add(`${pointer}/field`, 'is already a group key')
    if (group.bucket && !isDateKind(target.kind)) return problems.add(`${pointer}/bucket`, 'buckets apply to date and dateTime fields only')
    if (!group.bucket && target.kind === 'timestamp') return problems.add(`${pointer}/bucket`, 'dateTime fields group by a bucket: day, week, month, quarter or year')
    const expr = group.bucket && isDateKind(target.kind)
      ? dialect.dateBucket(column(target.column), target.kind, group.bucket as Bucket, timeZone)
      : column(target.column)
    keys.push({
      alias: group.field, expr, kind: group.bucket ? 'text' : target.kind,
      relationTarget: target.type === 'relation' ? target.field!.options.relation!.target : undefined,
    })
  })
  return keys
}

function planMeasure(view: ObjectMeta, measure: AggregateMeasure, pointer: string): PlannedMeasure {
  const alias = measureAlias(measure)
  if (measure.field === undefined) {
    if (measure.fn !== 'count') throw fieldError(`${pointer}/field`, `${measure.fn} needs a field`)
    return { alias, money: false, expr: sql`count(*)`, kind: 'count' }
  }
  const target = resolveTarget(view, measure.field, `${pointer}/field`)
  const fnPointer = `${pointer}/fn`
  if ('money' in target) {
    if (measure.fn === 'count') return { alias, money: false, expr: sql`count(${column(`${target.money.columnName}_amount`)})`, kind: 'count' }
    if (measure.fn === 'countDistinct') throw fieldError(fnPointer, 'countDistinct is not available on currency fields')
    return { alias, money: true, fn: measure.fn, field: target.money }
  }
  const ref = column(target.column)
  switch (measure.fn) {
    case 'count': return { alias, money: false, expr: sql`count(${ref})`, kind: 'count' }
    case 'countDistinct': return { alias, money: false, expr: sql`count(distinct ${ref})`, kind: 'count' }
    case 'sum':
    case 'avg':
      if (!SUMMABLE.has(target.type)) throw fieldError(fnPointer, `${measure.fn} needs a number, rating or currency field; ${measure.field} is ${target.type === 'system' ? 'a system field' : `a ${target.type} field`}`)
      return { alias, money: false, expr: measure.fn === 'sum' ? sql`sum(${ref})` : sql`avg(${ref})`, kind: 'float' }
    case 'min':
    case 'max':
      if (!ORDERED.has(target.type) && !(target.type === 'system' && isDateKind(target.kind))) {
        throw fieldError(fnPointer, `${measure.fn} needs a number, rating, currency, date or dateTime field`)
      }
      return { alias, money: false, expr: measure.fn === 'min' ? sql`min(${ref})` : sql`max(${ref})`, kind: target.kind }
  }
}

export function planMeasures(view: ObjectMeta, measures: AggregateMeasure[], groups: GroupKey[], problems: ProblemCollector): PlannedMeasure[] {
  const planned: PlannedMeasure[] = []
  measures.forEach((measure, i) => {
    const one = collecting(problems, () => planMeasure(view, measure, `/measures/${i}`))
    if (!one) return
    if (planned.some((m) => m.alias === one.alias) || groups.some((g) => g.alias === one.alias)) problems.add(`/measures/${i}`, `repeats ${one.alias}`)
    else planned.push(one)
  })
  return planned
}
