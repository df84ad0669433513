import { Type, type Static } from 'typebox'
import { API_NAME_PATTERN } from './field-types.js'

export const OBJECT_ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import'] as const
export type ObjectAction = (typeof OBJECT_ACTIONS)[number]

export const SHARING_ACCESS = ['private', 'read', 'readWrite'] as const
export type SharingAccess = (typeof SHARING_ACCESS)[number]

const Flag = Type.Optional(Type.Boolean())
export const ObjectPermission = Type.Object(
  { read: Flag, create: Flag, update: Flag, delete: Flag, export: Flag, import: Flag },
  { additionalProperties: false },
)
export type ObjectPermission = Static<typeof ObjectPermission>

/**
 * What a role may do. `objects` lists per-object permissions; objects not listed get
 * `defaultObject`. `fields` marks fields hidden or read-only per object; unlisted fields are
 * fully accessible when the object is.
 */
export const RolePermissions = Type.Object(
  {
    defaultObject: Type.Optional(ObjectPermission),
    objects: Type.Optional(Type.Record(Type.String({ pattern: API_NAME_PATTERN }), ObjectPermission)),
    fields: Type.Optional(Type.Record(
      Type.String({ pattern: API_NAME_PATTERN }),
      Type.Record(Type.String({ pattern: API_NAME_PATTERN }), Type.Unsafe<'hidden' | 'readOnly'>({ type: 'string', enum: ['hidden', 'readOnly'] })),
    )),
  },
  { additionalProperties: false },
)
export type RolePermissions = Static<typeof RolePermissions>

export const GRANTEE_TYPES = ['user', 'team', 'role'] as const
export type GranteeType = (typeof GRANTEE_TYPES)[number]

/** A team as the access admin API describes it. */
export interface Team {
  id: string
  name: string
  memberIds: string[]
}

/** A criteria-based sharing rule as the access admin API describes it. */
export interface SharingRule {
  id: string
  object: string
  name: string
  criteria: unknown
  granteeType: GranteeType
  granteeId: string
  access: 'read' | 'readWrite'
  createdAt: string
}
