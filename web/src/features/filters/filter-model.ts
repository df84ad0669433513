/**
 * The builder's model of a filter and its translation to and from the API's filter AST.
 * Values are kept as the inputs hold them (text, 'YYYY-MM-DD', choice lists) and converted
 * when the AST is built; a condition that is not filled in yet is left out of the AST. An AST
 * the builder cannot show (say, `not` around a text condition, made through the API) reads
 * as null, and the page offers to clear it instead of silently changing it.
 */
import type { FilterOperator } from '../../../../contracts/field-types.js'
import { operatorsFor, valueKindOf } from './operators.js'
import type { FilterPath } from './paths.js'

export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | { field: string; op: FilterOperator; value?: unknown }

/** A value as its input holds it: one text, two (`between`) or a list of choices. */
export type InputValue = string | [string, string] | string[]

export interface Condition {
  kind: 'condition'
  id: string
  path: string
  op: FilterOperator
  value: InputValue
}

export interface Group {
  kind: 'group'
  id: string
  join: 'and' | 'or'
  items: (Condition | Group)[]
}

let counter = 0
export const newId = () => `f${++counter}`

export const emptyGroup = (join: 'and' | 'or' = 'and'): Group => ({ kind: 'group', id: newId(), join, items: [] })

export const initialValue = (path: FilterPath, op: FilterOperator): InputValue =>
  op === 'between' ? ['', ''] : valueKindOf(path.field, op) === 'choices' ? [] : ''

export function newCondition(path: FilterPath, op = operatorsFor(path.field)[0]): Condition {
  return { kind: 'condition', id: newId(), path: path.path, op, value: initialValue(path, op) }
}

// --- model → AST -------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A day in the browser's time zone as the instant it starts (or the last instant of it). */
function dayBound(day: string, end: boolean): string | undefined {
  if (!DATE.test(day)) return undefined
  const start = new Date(`${day}T00:00:00`)
  if (Number.isNaN(start.getTime())) return undefined
  if (!end) return start.toISOString()
  const next = new Date(start)
  next.setDate(next.getDate() + 1)
  return new Date(next.getTime() - 1).toISOString()
}

/** One input's text as the API value for this kind, or undefined when it is not valid yet. */
function scalar(kind: string, text: string, end = false): unknown {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  switch (kind) {
    case 'number': {
      const number = Number(trimmed.replace(',', '.'))
      return Number.isFinite(number) ? number : undefined
    }
    case 'money': return /^-?\d+([.,]\d+)?$/.test(trimmed) ? trimmed.replace(',', '.') : undefined
    case 'date': return DATE.test(trimmed) ? trimmed : undefined
    case 'dateTime': return dayBound(trimmed, end)
    case 'boolean': return trimmed === 'true' ? true : trimmed === 'false' ? false : undefined
    default: return text
  }
}

/** `gt` and `lte` on a day mean "after the day's end" / "up to the day's end". */
const endsDay = (op: FilterOperator) => op === 'gt' || op === 'lte'

/** The condition as an AST node, or null while it is incomplete. */
export function conditionToAst(condition: Condition, path: FilterPath | undefined): FilterNode | null {
  if (!path) return null
  const { op } = condition
  const kind = valueKindOf(path.field, op)
  if (kind === 'none') return { field: condition.path, op }
  if (op === 'between') {
    const [from, to] = Array.isArray(condition.value) ? condition.value : ['', '']
    const range = [scalar(kind, from ?? ''), scalar(kind, to ?? '', true)]
    return range.every((v) => v !== undefined) ? { field: condition.path, op, value: range } : null
  }
  if (kind === 'choices') {
    const values = Array.isArray(condition.value) ? condition.value.filter(Boolean) : []
    if (values.length === 0) return null
    if (path.field.type !== 'multiSelect') return { field: condition.path, op, value: values }
    const has = values.map((value): FilterNode => ({ field: condition.path, op: 'contains', value }))
    const any = has.length === 1 ? has[0] : { or: has }
    return op === 'nin' ? { not: any } : any
  }
  const value = scalar(kind, typeof condition.value === 'string' ? condition.value : '', endsDay(op))
  return value === undefined ? null : { field: condition.path, op, value }
}

/** The whole group as an AST (a single condition unwrapped), or null when nothing is complete. */
export function groupToAst(group: Group, paths: Map<string, FilterPath>): FilterNode | null {
  const parts = group.items
    .map((item) => (item.kind === 'group' ? groupToAst(item, paths) : conditionToAst(item, paths.get(item.path))))
    .filter((node): node is FilterNode => node !== null)
  if (parts.length === 0) return null
  if (parts.length === 1) return parts[0]
  return group.join === 'and' ? { and: parts } : { or: parts }
}

// --- AST → model -------------------------------------------------------------------------

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function localDay(iso: unknown): string {
  if (typeof iso !== 'string') return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function inputOf(kind: string, value: unknown): string {
  if (kind === 'dateTime') return localDay(value)
  if (value === null || value === undefined) return ''
  return String(value)
}

/** `contains` leaves on one multi-select field (one leaf, or an `or` of them) → its values. */
function multiValues(node: unknown, paths: Map<string, FilterPath>): { path: string; values: string[] } | null {
  const leaves = isObject(node) && Array.isArray(node.or) ? node.or : [node]
  const values: string[] = []
  let path: string | undefined
  for (const leaf of leaves) {
    if (!isObject(leaf) || leaf.op !== 'contains' || typeof leaf.field !== 'string' || typeof leaf.value !== 'string') return null
    if (paths.get(leaf.field)?.field.type !== 'multiSelect' || (path !== undefined && path !== leaf.field)) return null
    path = leaf.field
    values.push(leaf.value)
  }
  return path ? { path, values } : null
}

/** `select eq x` (as the API allows) reads as "is any of x", which means the same. */
function asChoiceList(node: Record<string, unknown>, path: FilterPath | undefined): Record<string, unknown> {
  if (path?.field.type !== 'select' || typeof node.value !== 'string' || (node.op !== 'eq' && node.op !== 'neq')) return node
  return { ...node, op: node.op === 'eq' ? 'in' : 'nin', value: [node.value] }
}

function leafToCondition(leaf: Record<string, unknown>, paths: Map<string, FilterPath>): Condition | null {
  const path = typeof leaf.field === 'string' ? paths.get(leaf.field) : undefined
  const node = asChoiceList(leaf, path)
  const op = node.op as FilterOperator
  if (!path || !operatorsFor(path.field).includes(op)) return null
  const kind = valueKindOf(path.field, op)
  let value: InputValue = ''
  if (op === 'between') {
    if (!Array.isArray(node.value) || node.value.length !== 2) return null
    value = [inputOf(kind, node.value[0]), inputOf(kind, node.value[1])]
  } else if (kind === 'choices') {
    if (!Array.isArray(node.value)) return null
    value = node.value.map(String)
  } else if (kind !== 'none') {
    value = inputOf(kind, node.value)
  }
  return { kind: 'condition', id: newId(), path: path.path, op, value }
}

function nodeToItem(node: unknown, paths: Map<string, FilterPath>, depth: number): Condition | Group | null {
  if (!isObject(node) || depth > 4) return null
  const multi = multiValues(node, paths)
  if (multi) return { kind: 'condition', id: newId(), path: multi.path, op: 'in', value: multi.values }
  if ('not' in node) {
    const negated = multiValues(node.not, paths)
    return negated ? { kind: 'condition', id: newId(), path: negated.path, op: 'nin', value: negated.values } : null
  }
  for (const join of ['and', 'or'] as const) {
    if (Array.isArray(node[join])) {
      const items = (node[join] as unknown[]).map((child) => nodeToItem(child, paths, depth + 1))
      return items.every((item) => item !== null) ? { kind: 'group', id: newId(), join, items: items as (Condition | Group)[] } : null
    }
  }
  return leafToCondition(node, paths)
}

/** The builder's root group for an AST (null: none), or null when the builder cannot show it. */
export function astToGroup(filter: unknown, paths: Map<string, FilterPath>): Group | null {
  if (filter === null || filter === undefined) return emptyGroup()
  const item = nodeToItem(filter, paths, 0)
  if (!item) return null
  return item.kind === 'group' ? item : { ...emptyGroup(), items: [item] }
}
