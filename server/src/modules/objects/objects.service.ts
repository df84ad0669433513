/**
 * @module objects
 * The data model as a service: describe, create, change and delete objects and fields of the
 * caller's workspace. DDL and metadata changes happen in the engine's SchemaEditor.
 */
import type { CreateFieldBody, CreateObjectBody, FieldDescription, ObjectDescription, UpdateFieldBody, UpdateObjectBody } from '../../../../contracts/field-types.js'
import type { Database } from '../../db/database.js'
import { describeField, describeObject, getObject, type MetadataCache } from '../../engine/metadata-store.js'
import type { SchemaEditor } from '../../engine/schema-editor.js'
import type { Credential } from '../api-keys/api-keys.service.js'

export function createObjectsService(deps: { database: Database; cache: MetadataCache; schema: SchemaEditor }) {
  const wsOf = (credential: Credential) => deps.database.workspace(credential.workspaceId)
  return {
    async list(credential: Credential): Promise<ObjectDescription[]> {
      const metadata = await deps.cache.get(wsOf(credential))
      return [...metadata.objects.values()].map(describeObject)
    },
    async get(credential: Credential, apiName: string): Promise<ObjectDescription> {
      return describeObject(getObject(await deps.cache.get(wsOf(credential)), apiName))
    },
    async createObject(credential: Credential, body: CreateObjectBody): Promise<ObjectDescription> {
      return describeObject(await deps.schema.createObject(wsOf(credential), body))
    },
    async updateObject(credential: Credential, apiName: string, body: UpdateObjectBody): Promise<ObjectDescription> {
      return describeObject(await deps.schema.updateObject(wsOf(credential), apiName, body))
    },
    deleteObject: (credential: Credential, apiName: string) => deps.schema.deleteObject(wsOf(credential), apiName),
    async createField(credential: Credential, objectName: string, body: CreateFieldBody): Promise<FieldDescription> {
      return describeField(await deps.schema.createField(wsOf(credential), objectName, body))
    },
    async updateField(credential: Credential, objectName: string, fieldName: string, body: UpdateFieldBody): Promise<FieldDescription> {
      return describeField(await deps.schema.updateField(wsOf(credential), objectName, fieldName, body))
    },
    deleteField: (credential: Credential, objectName: string, fieldName: string) => deps.schema.deleteField(wsOf(credential), objectName, fieldName),
  }
}

export type ObjectsService = ReturnType<typeof createObjectsService>
