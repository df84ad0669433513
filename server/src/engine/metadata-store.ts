import type { Kysely } from 'kysely'
import type { FieldOptions, FieldType, ObjectDescription, FieldDescription } from '../../../contracts/field-types.js'
import { AppError } from '../errors.js'
import type { WorkspaceDb } from '../db/database.js'
import type { FieldMeta, ObjectMeta, WorkspaceMetadata } from './metadata-types.js'

const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T
const bool = (value: unknown): boolean => value === true || value === 1

function rowToField(row: Record<string, unknown>): FieldMeta {
  return {
    id: row.id as string,
    objectId: row.object_id as string,
    apiName: row.api_name as string,
    label: row.label as string,
    description: (row.description as string | null) ?? null,
    type: row.type as FieldType,
    columnName: (row.column_name as string | null) ?? null,
    options: parseJson<FieldOptions>(row.options),
    required: bool(row.is_required),
    unique: bool(row.is_unique),
    searchable: bool(row.is_searchable),
    isStandard: bool(row.is_standard),
    position: Number(row.position),
  }
}

function rowToObject(row: Record<string, unknown>, fields: FieldMeta[]): ObjectMeta {
  const sorted = fields.sort((a, b) => a.position - b.position)
  return {
    id: row.id as string,
    apiName: row.api_name as string,
    labelSingular: row.label_singular as string,
    labelPlural: row.label_plural as string,
    description: (row.description as string | null) ?? null,
    tableName: row.table_name as string,
    isStandard: bool(row.is_standard),
    labelFields: parseJson<string[]>(row.label_fields),
    showsOnTimeline: bool(row.shows_on_timeline),
    fields: sorted,
    fieldsByName: new Map(sorted.map((f) => [f.apiName, f])),
  }
}

export async function loadMetadata(db: Kysely<any>): Promise<WorkspaceMetadata> {
  const [objectRows, fieldRows] = await Promise.all([
    db.selectFrom('meta_objects').selectAll().execute(),
    db.selectFrom('meta_fields').selectAll().execute(),
  ])
  const fieldsByObject = new Map<string, FieldMeta[]>()
  for (const row of fieldRows) {
    const field = rowToField(row)
    fieldsByObject.set(field.objectId, [...(fieldsByObject.get(field.objectId) ?? []), field])
  }
  const objects = objectRows.map((row) => rowToObject(row, fieldsByObject.get(row.id as string) ?? []))
  return {
    objects: new Map(objects.map((o) => [o.apiName, o])),
    objectsById: new Map(objects.map((o) => [o.id, o])),
  }
}

/**
 * Caches each workspace's metadata in the process. Every schema change goes through
 * SchemaEditor, which invalidates the entry after its transaction commits.
 * (Several app processes will need LISTEN/NOTIFY invalidation; see docs/decisions.)
 */
export class MetadataCache {
  private readonly entries = new Map<string, Promise<WorkspaceMetadata>>()

  get(ws: WorkspaceDb): Promise<WorkspaceMetadata> {
    let entry = this.entries.get(ws.workspaceId)
    if (!entry) {
      entry = loadMetadata(ws.db)
      entry.catch(() => this.entries.delete(ws.workspaceId))
      this.entries.set(ws.workspaceId, entry)
    }
    return entry
  }

  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId)
  }
}

export function getObject(metadata: WorkspaceMetadata, apiName: string): ObjectMeta {
  const object = metadata.objects.get(apiName)
  if (!object) throw new AppError('object-not-found', `There is no object named ${JSON.stringify(apiName.slice(0, 100))}`)
  return object
}

export function getField(object: ObjectMeta, apiName: string): FieldMeta {
  const field = object.fieldsByName.get(apiName)
  if (!field) throw new AppError('field-not-found', `${object.apiName} has no field named ${JSON.stringify(apiName.slice(0, 100))}`)
  return field
}

export function describeField(field: FieldMeta): FieldDescription {
  return {
    id: field.id, apiName: field.apiName, label: field.label, type: field.type, description: field.description,
    required: field.required, unique: field.unique, searchable: field.searchable, isStandard: field.isStandard,
    position: field.position, options: field.options,
  }
}

export function describeObject(object: ObjectMeta): ObjectDescription {
  return {
    id: object.id, apiName: object.apiName, labelSingular: object.labelSingular, labelPlural: object.labelPlural,
    description: object.description, isStandard: object.isStandard, labelFields: object.labelFields,
    fields: object.fields.map(describeField),
  }
}
