/**
 * What a filter can name: the object's own fields, the created/updated times, and the fields
 * of a to-one related record one level deep (`company.name`), as the records API allows.
 */
import type { TFunction } from 'i18next'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import { isToOne } from '../records/fields.js'

export interface FilterPath {
  /** The API's field path: `lastName`, `createdAt`, `company.name`. */
  path: string
  label: string
  field: FieldDescription
  /** The relation's label for paths into a related record (the builder groups by it). */
  via?: string
}

function systemField(apiName: string, label: string): FieldDescription {
  return {
    id: apiName, apiName, label, type: 'dateTime', description: null, required: false, unique: false,
    searchable: false, isStandard: true, position: Number.MAX_SAFE_INTEGER, options: {},
  }
}

/** Fields a condition can test directly: everything but links and to-many relations. */
const isFilterable = (field: FieldDescription) => field.type !== 'links' && (field.type !== 'relation' || isToOne(field))
const byPosition = (a: FieldDescription, b: FieldDescription) => a.position - b.position

export function filterPathsOf(object: ObjectDescription, objects: ObjectDescription[], t: TFunction): FilterPath[] {
  const own = object.fields.filter(isFilterable).sort(byPosition)
  const paths: FilterPath[] = [
    ...own.map((field) => ({ path: field.apiName, label: field.label, field })),
    { path: 'createdAt', label: t('records.created'), field: systemField('createdAt', t('records.created')) },
    { path: 'updatedAt', label: t('records.updated'), field: systemField('updatedAt', t('records.updated')) },
  ]
  for (const relation of own.filter(isToOne)) {
    const target = objects.find((candidate) => candidate.apiName === relation.options.relation?.target)
    if (!target) continue
    for (const field of target.fields.filter((f) => f.type !== 'relation' && f.type !== 'links').sort(byPosition)) {
      paths.push({ path: `${relation.apiName}.${field.apiName}`, label: `${relation.label} › ${field.label}`, field, via: relation.label })
    }
  }
  return paths
}
