/**
 * Mapping templates: save a column → field mapping with its file options under a name, list
 * and delete them per object, apply one to a new file, and suggest the one whose columns the
 * new file has. Shared by the workspace; using them needs the object's import permission.
 */
import type { Kysely } from 'kysely'
import { AppError, fieldError } from '../../errors.js'
import { newId, isId } from '../../engine/ids.js'
import { getObject } from '../../engine/metadata-store.js'
import { requirePermission } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { RecordContext } from '../../engine/records.js'
import type { RecordsService } from '../records/records.service.js'
import { actorOf } from '../records/records.service.js'
import { domainTargetFields } from './company-matching.js'
import { importableFields, normaliseHeader, type ImportMapping } from './header-mapping.js'
import type { ImportTemplate, ImportTemplateOptions, ImportTemplateSuggestion } from '../../../../contracts/imports.js'

export type TemplateOptions = ImportTemplateOptions
export type TemplateSuggestion = ImportTemplateSuggestion
export type { ImportTemplate }

/** A suggestion must cover every mapped column of the template and most of the file. */
const MIN_SUGGESTION_SCORE = 0.5
export const MAX_TEMPLATES_PER_OBJECT = 200

function rowToTemplate(ctx: RecordContext, row: Record<string, any>): ImportTemplate {
  const { dialect } = ctx.ws
  return {
    id: row.id, object: row.object, name: row.name,
    mapping: dialect.fromDb('json', row.mapping) as ImportMapping,
    options: dialect.fromDb('json', row.options) as TemplateOptions,
    createdAt: String(dialect.fromDb('timestamp', row.created_at)),
  }
}

/** How well a file's headers fit a template: every mapped template column must be present. */
export function templateScore(template: Pick<ImportTemplate, 'mapping'>, headers: string[]): number {
  const file = new Set(headers.map(normaliseHeader))
  const mapped = Object.entries(template.mapping).filter(([, t]) => t !== null).map(([h]) => normaliseHeader(h))
  if (mapped.length === 0 || mapped.some((h) => !file.has(h))) return 0
  const all = new Set(Object.keys(template.mapping).map(normaliseHeader))
  const common = [...all].filter((h) => file.has(h)).length
  return common / new Set([...all, ...file]).size
}

export function createImportTemplatesService(deps: { records: Pick<RecordsService, 'contextFor'> }) {
  async function contextFor(principal: Principal, objectName: string) {
    const ctx = await deps.records.contextFor(principal)
    const object = getObject(ctx.metadata, objectName)
    requirePermission(ctx.access, object, 'import')
    return { ctx, object, db: ctx.ws.db as Kysely<any> }
  }

  async function list(principal: Principal, objectName: string): Promise<ImportTemplate[]> {
    const { ctx, object, db } = await contextFor(principal, objectName)
    const rows = await db.selectFrom('import_templates').selectAll().where('object', '=', object.apiName).orderBy('name').limit(MAX_TEMPLATES_PER_OBJECT).execute()
    return rows.map((row) => rowToTemplate(ctx, row))
  }

  return {
    list,

    async save(principal: Principal, input: { object: string; name: string; mapping: ImportMapping; options: TemplateOptions }): Promise<ImportTemplate> {
      const { ctx, object, db } = await contextFor(principal, input.object)
      const name = input.name.trim()
      if (!name) throw fieldError('/name', 'a template needs a name')
      const importable = importableFields(ctx.access, object)
      const fields = new Set(importable.map((f) => f.apiName))
      const targets = new Set([...fields, ...domainTargetFields(ctx.access, ctx.metadata, object, importable).map((f) => f.apiName)])
      for (const [header, target] of Object.entries(input.mapping)) {
        if (target !== null && !targets.has(target)) throw fieldError(`/mapping/${header.slice(0, 100)}`, `${target.slice(0, 100)} is not a field you can import into`)
      }
      if (input.options.key && !fields.has(input.options.key)) throw fieldError('/options/key', `${input.options.key.slice(0, 100)} is not a field you can import by`)
      const taken = await db.selectFrom('import_templates').select('id').where('object', '=', object.apiName).where('name', '=', name).executeTakeFirst()
      if (taken) throw fieldError('/name', `a template named ${JSON.stringify(name.slice(0, 100))} already exists for ${object.labelPlural}`, 'conflict')
      const template: ImportTemplate = { id: newId(), object: object.apiName, name, mapping: input.mapping, options: input.options, createdAt: new Date().toISOString() }
      await db.insertInto('import_templates').values({
        id: template.id, object: template.object, name, mapping: ctx.ws.dialect.toDb('json', template.mapping),
        options: ctx.ws.dialect.toDb('json', template.options), created_by: actorOf(principal), created_at: template.createdAt,
      }).execute()
      return template
    },

    /** A template the caller may use, or 404 (also for another object's permission they lack). */
    async get(principal: Principal, id: string): Promise<ImportTemplate> {
      const ctx = await deps.records.contextFor(principal)
      const row = isId(id) ? await ctx.ws.db.selectFrom('import_templates').selectAll().where('id', '=', id).executeTakeFirst() : undefined
      if (!row || !ctx.access.can(row.object, 'import')) throw new AppError('not-found', 'No import template with this id')
      return rowToTemplate(ctx, row)
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const template = await this.get(principal, id)
      const ctx = await deps.records.contextFor(principal)
      await ctx.ws.db.deleteFrom('import_templates').where('id', '=', template.id).execute()
    },

    /** Templates of the object that fit the headers, best first. */
    async suggest(principal: Principal, objectName: string, headers: string[]): Promise<TemplateSuggestion[]> {
      return (await list(principal, objectName))
        .map((template) => ({ template, score: Math.round(templateScore(template, headers) * 1000) / 1000 }))
        .filter((s) => s.score >= MIN_SUGGESTION_SCORE)
        .sort((a, b) => b.score - a.score)
    },
  }
}

export type ImportTemplatesService = ReturnType<typeof createImportTemplatesService>
