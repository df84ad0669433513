/**
 * Which operators the filter builder offers for a field, and what kind of value each takes.
 * It switches on the field type (as the server's field registry does), never on an object.
 * multiSelect's "has any of / has none of" are the builder's own: they are sent as `contains`
 * conditions joined by `or` (and wrapped in `not`), which the server answers natively.
 */
import type { FilterOperator } from '../../../../contracts/field-types.js'
import type { FieldDescription } from '../../api/types.js'

export type ValueKind = 'none' | 'text' | 'number' | 'money' | 'date' | 'dateTime' | 'boolean' | 'choice' | 'choices'

const EMPTINESS = ['isNull', 'isNotNull'] as const satisfies readonly FilterOperator[]
const TEXT = ['contains', 'startsWith', 'eq', 'neq', ...EMPTINESS] as const satisfies readonly FilterOperator[]
const RANGE = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', ...EMPTINESS] as const satisfies readonly FilterOperator[]
const MOMENTS = ['gte', 'lt', 'between', ...EMPTINESS] as const satisfies readonly FilterOperator[]

/** Operators for a field, in the order the builder lists them (the first is the default). */
export function operatorsFor(field: FieldDescription): readonly FilterOperator[] {
  const multiple = field.options.multiple === true
  switch (field.type) {
    case 'text': case 'url': return TEXT
    case 'email': case 'phone': return multiple ? ['contains', ...EMPTINESS] : TEXT
    case 'longText': return ['contains', 'startsWith', ...EMPTINESS]
    case 'number': case 'currency': case 'rating': return RANGE
    case 'date': return ['eq', 'gte', 'lte', 'between', ...EMPTINESS]
    case 'dateTime': return MOMENTS
    case 'boolean': return ['eq', ...EMPTINESS]
    case 'select': return ['in', 'nin', ...EMPTINESS]
    case 'multiSelect': return ['in', 'nin', ...EMPTINESS]
    case 'address': return ['contains', ...EMPTINESS]
    case 'relation': return EMPTINESS
    default: return EMPTINESS
  }
}

/** The kind of input an operator on a field needs (`between` takes two of them). */
export function valueKindOf(field: FieldDescription, op: FilterOperator): ValueKind {
  if (op === 'isNull' || op === 'isNotNull') return 'none'
  switch (field.type) {
    case 'number': case 'rating': return 'number'
    case 'currency': return 'money'
    case 'date': return 'date'
    case 'dateTime': return 'dateTime'
    case 'boolean': return 'boolean'
    case 'select': case 'multiSelect': return 'choices'
    default: return 'text'
  }
}

/** i18n key of an operator's label: dates read "before/after", multi-selects "has any of". */
export function operatorLabelKey(field: FieldDescription, op: FilterOperator): string {
  if ((field.type === 'date' || field.type === 'dateTime') && ['gt', 'gte', 'lt', 'lte'].includes(op)) return `filters.opDate.${op}`
  if (field.type === 'multiSelect' && (op === 'in' || op === 'nin')) return `filters.opMulti.${op}`
  return `filters.op.${op}`
}
