/**
 * Field-level security by projection: a caller works with a view of each object from which
 * hidden fields are simply absent, so lists, filters, sorts, search, history and OpenAPI all
 * treat a hidden field exactly like a field that does not exist — no side channel to probe.
 */
import type { RawBuilder } from 'kysely'
import { AppError } from '../errors.js'
import type { AccessPolicy } from './access.js'
import type { ObjectMeta, WorkspaceMetadata } from './metadata-types.js'

const views = new WeakMap<AccessPolicy, Map<ObjectMeta, ObjectMeta>>()

/** `object` as `access` sees it (hidden fields removed); the same instance for repeated calls. */
export function visibleObject(access: AccessPolicy, object: ObjectMeta): ObjectMeta {
  if (access.isAdmin) return object
  let perPolicy = views.get(access)
  if (!perPolicy) {
    perPolicy = new Map()
    views.set(access, perPolicy)
  }
  let view = perPolicy.get(object)
  if (!view) {
    const fields = object.fields.filter((f) => access.fieldAccess(object.apiName, f.apiName) !== 'hidden')
    view = { ...object, fields, fieldsByName: new Map(fields.map((f) => [f.apiName, f])), labelFields: object.labelFields.filter((n) => fields.some((f) => f.apiName === n)) }
    perPolicy.set(object, view)
  }
  return view
}

export function requirePermission(access: AccessPolicy, object: ObjectMeta, action: Parameters<AccessPolicy['can']>[1]): void {
  if (!access.can(object.apiName, action)) {
    throw new AppError('forbidden', `Your role may not ${action} ${object.labelPlural.toLowerCase()}`)
  }
}

/** What a filter needs to respect access when it follows a relation into another object. */
export interface FilterAccess {
  view(object: ObjectMeta): ObjectMeta | null
  scope(object: ObjectMeta): RawBuilder<boolean> | null
}

export function filterAccess(access: AccessPolicy, metadata: WorkspaceMetadata, scopeOf: (object: ObjectMeta) => RawBuilder<boolean> | null): FilterAccess {
  void metadata
  return {
    view: (object) => (access.can(object.apiName, 'read') ? visibleObject(access, object) : null),
    scope: scopeOf,
  }
}
