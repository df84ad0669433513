import type { FieldOptions, FieldType } from '../../../contracts/field-types.js'

/** A field as the engine sees it: API name plus the physical column(s) behind it. */
export interface FieldMeta {
  id: string
  objectId: string
  apiName: string
  label: string
  description: string | null
  type: FieldType
  /** Base column name (server-generated); null for virtual fields (one-to-many, many-to-many, links). */
  columnName: string | null
  options: FieldOptions
  required: boolean
  unique: boolean
  searchable: boolean
  isStandard: boolean
  position: number
}

export interface ObjectMeta {
  id: string
  apiName: string
  labelSingular: string
  labelPlural: string
  description: string | null
  tableName: string
  isStandard: boolean
  labelFields: string[]
  /** Records of this object appear on the timelines of the records they relate to (activities). */
  showsOnTimeline: boolean
  fields: FieldMeta[]
  fieldsByName: Map<string, FieldMeta>
}

export interface WorkspaceMetadata {
  objects: Map<string, ObjectMeta>
  objectsById: Map<string, ObjectMeta>
}

/** System columns every record table has; API names on the left. */
export const SYSTEM_COLUMNS = {
  id: 'id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  createdBy: 'created_by',
  ownerId: 'owner_id',
  deletedAt: 'deleted_at',
  version: 'version',
} as const
export type SystemField = keyof typeof SYSTEM_COLUMNS
export const SYSTEM_FIELD_NAMES = Object.keys(SYSTEM_COLUMNS) as SystemField[]
