/**
 * What a kanban board is made of, from metadata alone (no object names): the field whose value
 * is the column, the columns themselves, and the filter each column's cards and totals use.
 *
 * Columns come from a select field (its choices) or from a to-one relation to "stage-like"
 * records that belong to a parent the board's object also points to — opportunities.stage →
 * pipelineStages.pipeline ↔ opportunities.pipeline — so the board shows one pipeline's stages,
 * ordered by their `position` field (records without one do not make columns), with a picker
 * for the pipeline.
 */
import type { ApiRecord, FieldDescription, ObjectDescription } from '../../api/types.js'
import { isToOne, recordTitle } from '../records/fields.js'

export type ColumnSource =
  | { kind: 'select'; field: FieldDescription }
  | {
      kind: 'relation'
      field: FieldDescription
      /** The records that become columns (pipeline stages). */
      target: ObjectDescription
      /** Which parent (pipeline) the columns belong to: its object, the column records' link to it, and the card's. */
      parent: { object: ObjectDescription; columnField: FieldDescription; cardField: FieldDescription }
    }

/** A column: a field value (null for "no value") with what its header shows. */
export interface BoardColumn {
  key: string
  value: string | null
  label: string
  /** Win probability in percent of the column record (a stage), when it has one. */
  probability: number | null
}

/** Field names the column records may carry: their order and their win probability. */
export const POSITION_FIELD = 'position'
export const PROBABILITY_FIELD = 'probability'
export const NO_VALUE_KEY = '∅'

const targetOf = (field: FieldDescription, objects: ObjectDescription[]) =>
  objects.find((candidate) => candidate.apiName === field.options.relation?.target)

/** Every way `object`'s records can be laid out in columns, best first. */
export function columnSources(object: ObjectDescription, objects: ObjectDescription[]): ColumnSource[] {
  const relations: ColumnSource[] = []
  for (const field of object.fields.filter(isToOne)) {
    const target = targetOf(field, objects)
    // Only ordered records make columns (stages have a position); a contact list would not.
    if (!target?.fields.some((f) => f.apiName === POSITION_FIELD)) continue
    for (const columnField of target.fields.filter(isToOne)) {
      const cardField = object.fields.find((f) => f !== field && isToOne(f) && f.options.relation?.target === columnField.options.relation?.target)
      const parentObject = targetOf(columnField, objects)
      if (cardField && parentObject) {
        relations.push({ kind: 'relation', field, target, parent: { object: parentObject, columnField, cardField } })
        break
      }
    }
  }
  const selects: ColumnSource[] = object.fields.filter((f) => f.type === 'select' && !f.options.multiple).map((field) => ({ kind: 'select', field }))
  return [...relations, ...selects]
}

/** The columns of a select field: its choices, then "no value". */
export function selectColumns(field: FieldDescription, noValueLabel: string): BoardColumn[] {
  return [
    ...(field.options.choices ?? []).map((choice) => ({ key: choice.value, value: choice.value, label: choice.label, probability: null })),
    { key: NO_VALUE_KEY, value: null, label: noValueLabel, probability: null },
  ]
}

/** The columns of a relation source: the parent's column records in order, then "no value". */
export function relationColumns(target: ObjectDescription, records: ApiRecord[], noValueLabel: string, untitled: string): BoardColumn[] {
  return [
    ...records.map((record) => ({
      key: record.id, value: record.id, label: recordTitle(target, record) || untitled,
      probability: typeof record[PROBABILITY_FIELD] === 'number' ? (record[PROBABILITY_FIELD] as number) : null,
    })),
    { key: NO_VALUE_KEY, value: null, label: noValueLabel, probability: null },
  ]
}

/** Records of the board: for a relation source, those of the chosen parent. */
export function boardFilter(source: ColumnSource, parentId: string | null): unknown {
  return source.kind === 'relation' && parentId ? { field: source.parent.cardField.apiName, op: 'eq', value: parentId } : undefined
}

/** The cards of one column. */
export function columnFilter(source: ColumnSource, parentId: string | null, column: BoardColumn): unknown {
  const own = column.value === null ? { field: source.field.apiName, op: 'isNull' } : { field: source.field.apiName, op: 'eq', value: column.value }
  const board = boardFilter(source, parentId)
  return board ? { and: [board, own] } : own
}

/** The update that moves a card into `column`. */
export const moveChanges = (source: ColumnSource, column: BoardColumn): Record<string, unknown> => ({ [source.field.apiName]: column.value })

/** The first currency field: the amount a column header sums. */
export const amountFieldOf = (object: ObjectDescription) => object.fields.find((f) => f.type === 'currency')

/** Sort of column records: by their position when they have one. */
export const columnRecordSort = (target: ObjectDescription) =>
  target.fields.some((f) => f.apiName === POSITION_FIELD) ? [{ field: POSITION_FIELD, dir: 'asc' as const }] : [{ field: 'createdAt', dir: 'asc' as const }]
