/**
 * The record engine's access checks in one place: which rows a caller sees or may change
 * (sharing compiled to SQL), and what a write body may touch (read-only fields, owners).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { AppError, ProblemCollector } from '../errors.js'
import { compileFilter } from './filter.js'
import type { ScopeOptions } from './access.js'
import type { ObjectMeta } from './metadata-types.js'
import { parseRecordInput, type ParsedInput } from './record-codec.js'
import { checkReferences } from './related.js'
import type { RecordContext } from './records.js'
import { filterAccess, visibleObject, type FilterAccess } from './visibility.js'

const filterContext = (ctx: RecordContext) => ({ dialect: ctx.ws.dialect, parse: ctx.parse })

/** Rows of `object` the caller may read or write, or null for all. Broken rule criteria grant nothing. */
export function scopeOf(ctx: RecordContext, object: ObjectMeta, mode: 'read' | 'write', options?: ScopeOptions): RawBuilder<boolean> | null {
  return ctx.access.recordScope(object, mode, (criteria) => {
    try {
      return compileFilter(object, criteria, ctx.metadata, filterContext(ctx))
    } catch {
      return sql<boolean>`1 = 0`
    }
  }, options)
}

export function filterAccessOf(ctx: RecordContext): FilterAccess {
  return filterAccess(ctx.access, ctx.metadata, (object) => scopeOf(ctx, object, 'read'))
}

/** SQL `and <scope>` for a query on `object`, or nothing when every row is allowed. */
export function andScope(ctx: RecordContext, object: ObjectMeta, mode: 'read' | 'write'): RawBuilder<unknown> {
  const scope = scopeOf(ctx, object, mode)
  return scope ? sql`and ${scope}` : sql``
}

/** 404 when the caller cannot see the record, 403 when they see it but may not change it. */
export async function assertWritable(ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, id: string): Promise<void> {
  const scope = scopeOf(ctx, object, 'write')
  if (!scope) return
  const row = await sql`select 1 as ok from ${sql.table(object.tableName)} where id = ${id} and ${scope}`.execute(db)
  if (row.rows.length === 0) throw new AppError('forbidden', `Your access to this ${object.labelSingular.toLowerCase()} is read-only`)
}

/**
 * Parses a write body as the caller sees the object: hidden fields do not exist, read-only
 * fields are refused, and only administrators hand records to someone else (a mass-assignment guard).
 * References must point at records the caller can see.
 */
export async function parseForWrite(
  ctx: RecordContext, db: Kysely<any>, object: ObjectMeta, inputs: { input: unknown; pointer: string; currentOwner?: unknown }[],
  mode: 'create' | 'update', problems: ProblemCollector, options: { checkReferences?: boolean } = {},
): Promise<ParsedInput[]> {
  const view = visibleObject(ctx.access, object)
  const parsed = inputs.map(({ input, pointer, currentOwner }) => {
    const result = parseRecordInput(view, input, mode, ctx.parse, pointer, problems)
    for (const field of [...result.values.keys(), ...result.related.keys()]) {
      if (ctx.access.fieldAccess(object.apiName, field.apiName) === 'readOnly') problems.add(`${pointer}/${field.apiName}`, 'is read-only for your role')
    }
    const keepsOwner = result.ownerId === undefined || (mode === 'create' ? result.ownerId === ctx.access.userId : result.ownerId === currentOwner)
    if (!keepsOwner && !ctx.access.isAdmin) problems.add(`${pointer}/ownerId`, 'only an administrator can give a record to someone else')
    else if (typeof result.ownerId === 'string' && !ctx.access.canOwn(result.ownerId)) problems.add(`${pointer}/ownerId`, 'is not a member of this workspace')
    return result
  })
  if (options.checkReferences !== false && !problems.hasErrors) {
    await checkReferences(db, ctx.metadata, parsed.map((p, i) => ({ parsed: p, pointer: inputs[i].pointer })), problems,
      (target) => (ctx.access.can(target.apiName, 'read') ? scopeOf(ctx, target, 'read') : sql<boolean>`1 = 0`))
  }
  return parsed
}
