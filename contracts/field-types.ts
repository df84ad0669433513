import { Type, type Static } from 'typebox'

/**
 * Field types a Rapport object can have. Every type maps to real SQL columns (see
 * server/src/engine/fields/), so filters, sorts and indexes are native SQL.
 * `links` is a polymorphic many-to-many (an activity linked to any records).
 */
export const FIELD_TYPES = [
  'text', 'longText', 'number', 'currency', 'date', 'dateTime', 'boolean', 'select', 'multiSelect',
  'email', 'phone', 'url', 'address', 'rating', 'relation', 'links',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export const FILTER_OPERATORS = [
  'eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'nin', 'contains', 'startsWith', 'isNull', 'isNotNull', 'between',
] as const
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

export const RELATION_KINDS = ['manyToOne', 'oneToMany', 'manyToMany'] as const
export type RelationKind = (typeof RELATION_KINDS)[number]

/** API names of objects and fields: camelCase ASCII, so they are safe in URLs and JSON. */
export const API_NAME_PATTERN = '^[a-z][a-zA-Z0-9]{0,62}$'

export const SelectChoice = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' }),
    label: Type.String({ minLength: 1, maxLength: 200 }),
    color: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
)
export type SelectChoice = Static<typeof SelectChoice>

/** Options per field type; unknown keys are refused so typos do not pass silently. */
export const FieldOptions = Type.Object(
  {
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    choices: Type.Optional(Type.Array(SelectChoice, { maxItems: 1000 })),
    defaultCountry: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    defaultCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    multiple: Type.Optional(Type.Boolean()),
    relation: Type.Optional(
      Type.Object(
        {
          kind: Type.Unsafe<RelationKind>({ type: 'string', enum: [...RELATION_KINDS] }),
          target: Type.String({ pattern: API_NAME_PATTERN }),
          inverseName: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })),
          inverseLabel: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type FieldOptions = Static<typeof FieldOptions>

export const CreateFieldBody = Type.Object(
  {
    apiName: Type.String({ pattern: API_NAME_PATTERN }),
    label: Type.String({ minLength: 1, maxLength: 200 }),
    type: Type.Unsafe<FieldType>({ type: 'string', enum: [...FIELD_TYPES] }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    required: Type.Optional(Type.Boolean()),
    unique: Type.Optional(Type.Boolean()),
    searchable: Type.Optional(Type.Boolean()),
    indexed: Type.Optional(Type.Boolean()),
    options: Type.Optional(FieldOptions),
  },
  { additionalProperties: false },
)
export type CreateFieldBody = Static<typeof CreateFieldBody>

export const UpdateFieldBody = Type.Object(
  {
    apiName: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    required: Type.Optional(Type.Boolean()),
    searchable: Type.Optional(Type.Boolean()),
    options: Type.Optional(FieldOptions),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateFieldBody = Static<typeof UpdateFieldBody>

export const CreateObjectBody = Type.Object(
  {
    apiName: Type.String({ pattern: API_NAME_PATTERN }),
    labelSingular: Type.String({ minLength: 1, maxLength: 200 }),
    labelPlural: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    /** The field shown as the record's name; a `name` text field is created when omitted. */
    labelField: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })),
    fields: Type.Optional(Type.Array(CreateFieldBody, { maxItems: 200 })),
  },
  { additionalProperties: false },
)
export type CreateObjectBody = Static<typeof CreateObjectBody>

export const UpdateObjectBody = Type.Object(
  {
    apiName: Type.Optional(Type.String({ pattern: API_NAME_PATTERN })),
    labelSingular: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    labelPlural: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateObjectBody = Static<typeof UpdateObjectBody>

/** A field as the API describes it. */
export interface FieldDescription {
  id: string
  apiName: string
  label: string
  type: FieldType
  description: string | null
  required: boolean
  unique: boolean
  searchable: boolean
  isStandard: boolean
  position: number
  options: FieldOptions
  /** True when the caller's role may read but not write this field (field-level security). */
  readOnly?: boolean
}

/** What the caller's role may do with an object's records (its object permissions). */
export interface ObjectCallerAccess {
  create: boolean
  update: boolean
  delete: boolean
}

/** An object as the API describes it. */
export interface ObjectDescription {
  id: string
  apiName: string
  labelSingular: string
  labelPlural: string
  description: string | null
  isStandard: boolean
  labelFields: string[]
  fields: FieldDescription[]
  /** Present on the metadata API's answers: what the caller may do (the UI reflects it; the services enforce it). */
  access?: ObjectCallerAccess
}
