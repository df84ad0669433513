/**
 * Who is calling: people whose phone or additional phones hold the number, and companies
 * whose phone does — exact E.164 matches, read with the caller's record access (the intake
 * uses system access to link the call card; the screen pop uses the agent's own). Objects or
 * fields the workspace lacks or the reader may not see are skipped, not errors.
 */
import { AppError } from '../../errors.js'
import type { FilterNode } from '../../engine/filter.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import type { ApiRecord } from '../../engine/record-codec.js'
import { listRecords, type RecordContext } from '../../engine/records.js'
import { visibleObject } from '../../engine/visibility.js'

/** Matches listed per object: a shared switchboard number can match many; the agent picks. */
export const MAX_MATCHES = 10

export interface CallerMatches {
  people: ApiRecord[]
  companies: ApiRecord[]
}

/** Only a full international number is matched; extensions and withheld ids match nothing. */
export const isMatchable = (number: string | null | undefined): number is string => typeof number === 'string' && /^\+\d{6,15}$/.test(number)

/** Lists records of an object if the reader may; a permission problem reads as "none". */
export async function listIfAllowed(ctx: RecordContext, objectName: string, build: (object: ObjectMeta) => FilterNode | null, limit: number, sort?: unknown): Promise<ApiRecord[]> {
  const object = ctx.metadata.objects.get(objectName)
  if (!object || !ctx.access.can(objectName, 'read')) return []
  const filter = build(object)
  if (!filter) return []
  try {
    return (await listRecords(ctx, object, { filter, limit, sort })).data
  } catch (error) {
    if (error instanceof AppError && (error.status === 403 || error.status === 400)) return []
    throw error
  }
}

const phoneConditions = (ctx: RecordContext, object: ObjectMeta, number: string): FilterNode | null => {
  const view = visibleObject(ctx.access, object)
  const conditions: FilterNode[] = view.fields.filter((f) => f.type === 'phone').map((f) => ({ field: f.apiName, op: f.options.multiple ? 'contains' : 'eq', value: number }))
  return conditions.length ? { or: conditions } : null
}

export async function matchCaller(ctx: RecordContext, number: string | null | undefined): Promise<CallerMatches> {
  if (!isMatchable(number)) return { people: [], companies: [] }
  const [people, companies] = await Promise.all([
    listIfAllowed(ctx, 'people', (o) => phoneConditions(ctx, o, number), MAX_MATCHES),
    listIfAllowed(ctx, 'companies', (o) => phoneConditions(ctx, o, number), MAX_MATCHES),
  ])
  return { people, companies }
}
