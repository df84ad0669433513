/**
 * @module objects
 * The data model as a service: describe, create, change and delete objects and fields of the
 * caller's workspace. Everyone sees the objects and fields their role can read; only
 * administrators change the model. DDL and metadata changes happen in the engine's SchemaEditor.
 */
import type { CreateFieldBody, CreateObjectBody, FieldDescription, ObjectDescription, UpdateFieldBody, UpdateObjectBody } from '../../../../contracts/field-types.js'
import type { Database } from '../../db/database.js'
import { AppError } from '../../errors.js'
import type { AccessPolicy } from '../../engine/access.js'
import { describeField, describeObject, getObject, type MetadataCache } from '../../engine/metadata-store.js'
import type { ObjectMeta, WorkspaceMetadata } from '../../engine/metadata-types.js'
import type { SchemaEditor } from '../../engine/schema-editor.js'
import { visibleObject } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'

/** The objects a caller may read, each without the fields hidden from them. */
export function visibleMetadata(metadata: WorkspaceMetadata, access: AccessPolicy): WorkspaceMetadata {
  const objects = [...metadata.objects.values()].filter((o) => access.can(o.apiName, 'read')).map((o) => visibleObject(access, o))
  return { objects: new Map(objects.map((o) => [o.apiName, o])), objectsById: new Map(objects.map((o) => [o.id, o])) }
}

/**
 * An object as this caller sees it: its visible fields, each marked `readOnly` when field-level
 * security forbids writing it, and what the role may do with the records — so a client can
 * offer only the edits that would succeed (the engine still enforces every one).
 */
export function describeForCaller(object: ObjectMeta, access: AccessPolicy): ObjectDescription {
  const description = describeObject(visibleObject(access, object))
  return {
    ...description,
    fields: description.fields.map((field) => ({ ...field, readOnly: access.fieldAccess(object.apiName, field.apiName) === 'readOnly' })),
    access: { create: access.can(object.apiName, 'create'), update: access.can(object.apiName, 'update'), delete: access.can(object.apiName, 'delete') },
  }
}

export function createObjectsService(deps: { database: Database; cache: MetadataCache; schema: SchemaEditor; access: AccessService }) {
  const wsOf = (principal: Principal) => deps.database.workspace(principal.workspaceId)
  const policyOf = (principal: Principal) => deps.access.policy(principal.workspaceId, principal.roleId, principal.userId)
  const visible = async (principal: Principal) => visibleMetadata(await deps.cache.get(wsOf(principal)), await policyOf(principal))
  async function requireAdmin(principal: Principal): Promise<void> {
    if (!(await policyOf(principal)).isAdmin) throw new AppError('forbidden', 'Only administrators change the data model')
  }

  return {
    visible,
    async list(principal: Principal): Promise<ObjectDescription[]> {
      const access = await policyOf(principal)
      return [...(await visible(principal)).objects.values()].map((object) => describeForCaller(object, access))
    },
    async get(principal: Principal, apiName: string): Promise<ObjectDescription> {
      return describeForCaller(getObject(await visible(principal), apiName), await policyOf(principal))
    },
    async createObject(principal: Principal, body: CreateObjectBody): Promise<ObjectDescription> {
      await requireAdmin(principal)
      return describeObject(await deps.schema.createObject(wsOf(principal), body))
    },
    async updateObject(principal: Principal, apiName: string, body: UpdateObjectBody): Promise<ObjectDescription> {
      await requireAdmin(principal)
      return describeObject(await deps.schema.updateObject(wsOf(principal), apiName, body))
    },
    async deleteObject(principal: Principal, apiName: string): Promise<void> {
      await requireAdmin(principal)
      await deps.schema.deleteObject(wsOf(principal), apiName)
    },
    async createField(principal: Principal, objectName: string, body: CreateFieldBody): Promise<FieldDescription> {
      await requireAdmin(principal)
      return describeField(await deps.schema.createField(wsOf(principal), objectName, body))
    },
    async updateField(principal: Principal, objectName: string, fieldName: string, body: UpdateFieldBody): Promise<FieldDescription> {
      await requireAdmin(principal)
      return describeField(await deps.schema.updateField(wsOf(principal), objectName, fieldName, body))
    },
    async deleteField(principal: Principal, objectName: string, fieldName: string): Promise<void> {
      await requireAdmin(principal)
      await deps.schema.deleteField(wsOf(principal), objectName, fieldName)
    },
  }
}

export type ObjectsService = ReturnType<typeof createObjectsService>
