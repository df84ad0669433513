/**
 * The merge dialog's model, free of React: which fields can be chosen (stored, single-valued
 * fields; to-many relations are combined by the server), the default pick per field (the
 * survivor's value, else the first record that has one), and the request it sends.
 */
import type { MergeRequest } from '../../api/duplicates.js'
import type { ApiRecord, FieldDescription, ObjectDescription } from '../../api/types.js'

export const isChoosable = (field: FieldDescription) =>
  field.type !== 'links' && !(field.type === 'relation' && field.options.relation?.kind !== 'manyToOne')

export const choosableFields = (object: ObjectDescription) => object.fields.filter(isChoosable).sort((a, b) => a.position - b.position)

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)

/** field → id of the record whose value is kept. */
export type FieldChoices = Record<string, string>

export function defaultChoices(fields: FieldDescription[], records: ApiRecord[], survivorId: string): FieldChoices {
  const survivor = records.find((r) => r.id === survivorId)
  const choices: FieldChoices = {}
  for (const field of fields) {
    if (field.readOnly || !survivor) {
      choices[field.apiName] = survivorId
      continue
    }
    const withValue = isEmpty(survivor[field.apiName]) ? records.find((r) => !isEmpty(r[field.apiName])) : survivor
    choices[field.apiName] = withValue?.id ?? survivorId
  }
  return choices
}

/** The survivor as it will be after the merge (for the preview). */
export function mergedPreview(records: ApiRecord[], survivorId: string, choices: FieldChoices): ApiRecord {
  const survivor = records.find((r) => r.id === survivorId)!
  const result: ApiRecord = { ...survivor }
  for (const [field, from] of Object.entries(choices)) result[field] = records.find((r) => r.id === from)?.[field] ?? null
  return result
}

export function mergeRequestOf(records: ApiRecord[], survivorId: string, choices: FieldChoices): MergeRequest {
  const merged = records.filter((r) => r.id !== survivorId)
  return {
    survivorId,
    mergedIds: merged.map((r) => r.id),
    // Only choices that take a value from a merged record change anything.
    fieldValues: Object.fromEntries(Object.entries(choices).filter(([, from]) => from !== survivorId)),
    versions: Object.fromEntries(merged.map((r) => [r.id, r.version])),
  }
}
