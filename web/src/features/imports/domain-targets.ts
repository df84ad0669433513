import type { ObjectDescription } from '../../api/types.js'

/** A mapping target that is not a field of the object: a to-one relation found by its target's domain (`company.domain`). */
export interface DomainTarget { value: string; relationLabel: string }

/**
 * The `<relation>.domain` targets the server accepts (server/src/modules/imports/company-matching.ts):
 * a writable to-one relation whose target object, among those the caller sees, has a writable `domain` field.
 */
export function domainTargets(object: ObjectDescription, objects: ObjectDescription[]): DomainTarget[] {
  return object.fields.flatMap((f) => {
    const relation = f.options?.relation
    if (f.readOnly || f.type !== 'relation' || relation?.kind !== 'manyToOne') return []
    const target = objects.find((o) => o.apiName === relation.target)
    const domain = target?.fields.find((t) => t.apiName === 'domain')
    return target && target.apiName !== object.apiName && domain && !domain.readOnly ? [{ value: `${f.apiName}.domain`, relationLabel: f.label }] : []
  })
}
