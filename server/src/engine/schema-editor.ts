/**
 * @module engine/schema-editor
 * Every change to a workspace's data model: objects and fields become metadata rows plus real
 * tables and columns. Physical names are generated here from validated API names; labels never
 * reach SQL. Slow DDL (index builds, column drops, backfills) runs through runSlowDdl so reads
 * continue while a 1M-row table changes.
 */
import { sql, type Transaction } from 'kysely'
import type { CreateFieldBody, CreateObjectBody, FieldOptions, UpdateFieldBody, UpdateObjectBody } from '../../../contracts/field-types.js'
import { AppError, fieldError } from '../errors.js'
import type { WorkspaceDb } from '../db/database.js'
import { quoteId, runSlowDdl } from '../db/slow-ddl.js'
import { dropRollupsOn } from './rollups/rollup-store.js'
import { handlerOf } from './fields/registry.js'
import { isManyToOne } from './fields/relation.js'
import { getField, getObject, loadMetadata, type MetadataCache } from './metadata-store.js'
import type { FieldMeta, ObjectMeta, WorkspaceMetadata } from './metadata-types.js'
import { newId } from './ids.js'
import { RESERVED_FIELD_NAMES, indexName, snakeCase, uniqueName } from './naming.js'
import { dropRelationSides, renameInverse, renameRelationTargets } from './schema-relations.js'
import { clearChoicesStatements, dropColumnStatements, dropSearchDocsOf, mergeOptions } from './schema-statements.js'

export interface ObjectFlags {
  isStandard?: boolean
  showsOnTimeline?: boolean
  /** Several fields that together name a record (first and last name); defaults to [labelField]. */
  labelFields?: string[]
}

const now = () => new Date().toISOString()

/** Serializes schema changes per workspace: two concurrent DDL requests must not interleave. */
class WorkspaceLocks {
  private readonly tails = new Map<string, Promise<unknown>>()
  run<T>(workspaceId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(workspaceId) ?? Promise.resolve()
    const next = previous.catch(() => {}).then(task)
    this.tails.set(workspaceId, next)
    return next
  }
}

export function createSchemaEditor(deps: { cache: MetadataCache }) {
  const locks = new WorkspaceLocks()
  const metadataOf = (ws: WorkspaceDb) => deps.cache.get(ws)

  async function changed<T>(ws: WorkspaceDb, task: () => Promise<T>): Promise<T> {
    return locks.run(ws.workspaceId, async () => {
      try {
        return await task()
      } finally {
        deps.cache.invalidate(ws.workspaceId)
      }
    })
  }

  const columnType = (ws: WorkspaceDb, kind: Parameters<WorkspaceDb['dialect']['columnType']>[0]) => sql.raw(ws.dialect.columnType(kind))

  async function createRecordTable(ws: WorkspaceDb, trx: Transaction<any>, table: string): Promise<void> {
    const ts = columnType(ws, 'timestamp')
    await trx.schema.createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('owner_id', 'text')
      .addColumn('deleted_at', ts)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute()
    await trx.schema.createIndex(indexName('ix', table, ['created_at', 'id'])).on(table).columns(['created_at', 'id']).execute()
    await trx.schema.createIndex(indexName('ix', table, ['updated_at', 'id'])).on(table).columns(['updated_at', 'id']).execute()
    // Private sharing filters by owner first: "my records and my team's".
    await trx.schema.createIndex(indexName('ix', table, ['owner_id', 'id'])).on(table).columns(['owner_id', 'id']).execute()
  }

  function validateFieldBody(metadata: WorkspaceMetadata, object: ObjectMeta, body: CreateFieldBody, pointer: string): void {
    if (RESERVED_FIELD_NAMES.has(body.apiName)) throw fieldError(`${pointer}/apiName`, `${body.apiName} is a system field name`)
    if (object.fieldsByName.has(body.apiName)) throw fieldError(`${pointer}/apiName`, `${object.apiName} already has a field ${body.apiName}`, 'conflict')
    const options = body.options ?? {}
    if (body.type === 'select' || body.type === 'multiSelect') {
      const values = (options.choices ?? []).map((c) => c.value)
      if (values.length === 0) throw fieldError(`${pointer}/options/choices`, 'a select field needs at least one choice')
      if (new Set(values).size !== values.length) throw fieldError(`${pointer}/options/choices`, 'choice values must be unique')
    }
    if (body.type === 'relation') {
      const relation = options.relation
      if (!relation) throw fieldError(`${pointer}/options/relation`, 'a relation needs {kind, target}')
      if (relation.kind === 'oneToMany') throw fieldError(`${pointer}/options/relation/kind`, 'create the manyToOne side; its inverse oneToMany field is created with it')
      const target = metadata.objects.get(relation.target)
      if (!target) throw fieldError(`${pointer}/options/relation/target`, `there is no object named ${relation.target}`)
      const inverse = relation.inverseName ?? object.apiName
      if (target.fieldsByName.has(inverse) || RESERVED_FIELD_NAMES.has(inverse) || (target === object && inverse === body.apiName)) {
        throw fieldError(`${pointer}/options/relation/inverseName`, `${target.apiName} already has a field ${inverse}; choose an inverseName`, 'conflict')
      }
    }
    if (body.unique && !['text', 'email', 'phone', 'url', 'number', 'date'].includes(body.type)) {
      throw fieldError(`${pointer}/unique`, `fields of type ${body.type} cannot be unique`)
    }
    if (body.unique && options.multiple) throw fieldError(`${pointer}/unique`, 'a multiple-value field cannot be unique')
  }

  async function insertFieldRow(trx: Transaction<any>, ws: WorkspaceDb, field: FieldMeta): Promise<void> {
    const d = ws.dialect
    await trx.insertInto('meta_fields').values({
      id: field.id, object_id: field.objectId, api_name: field.apiName, label: field.label, description: field.description,
      type: field.type, column_name: field.columnName, options: d.toDb('json', field.options),
      is_required: d.toDb('boolean', field.required), is_unique: d.toDb('boolean', field.unique),
      is_searchable: d.toDb('boolean', field.searchable), is_standard: d.toDb('boolean', field.isStandard),
      position: field.position, created_at: now(),
    }).execute()
  }

  /**
   * Adds a field inside `trx` and returns the slow statements (indexes) to run after commit.
   * For a relation it also creates the inverse field on the target and any junction table.
   */
  async function addField(
    ws: WorkspaceDb, trx: Transaction<any>, metadata: WorkspaceMetadata, object: ObjectMeta, body: CreateFieldBody, isStandard: boolean,
  ): Promise<string[]> {
    const existingTables = [...metadata.objects.values()].map((o) => o.tableName)
    const takenColumns = object.fields.map((f) => f.columnName ?? '').concat(['id', 'created_at', 'updated_at', 'created_by', 'owner_id', 'deleted_at', 'version'])
    const options: FieldOptions = { ...(body.options ?? {}) }
    const relation = options.relation
    const position = object.fields.reduce((max, f) => Math.max(max, f.position), 0) + 1
    const base = `${isStandard ? '' : 'c_'}${snakeCase(body.apiName)}`
    let columnName: string | null = null
    if (body.type === 'relation' && relation?.kind === 'manyToMany') {
      const taken = await trx.selectFrom('meta_fields').select('column_name').where('type', '=', 'relation').execute()
      columnName = uniqueName(`j_${object.tableName}_${snakeCase(body.apiName)}`, [...existingTables, ...taken.map((r) => String(r.column_name))])
    } else if (body.type === 'relation') {
      columnName = uniqueName(`${base}_id`, takenColumns)
    } else if (body.type !== 'links') {
      columnName = uniqueName(base, takenColumns)
    }
    if (relation) options.relation = { ...relation, inverseName: relation.inverseName ?? object.apiName }
    const field: FieldMeta = {
      id: newId(), objectId: object.id, apiName: body.apiName, label: body.label, description: body.description ?? null,
      type: body.type, columnName, options, required: body.required ?? false, unique: body.unique ?? false,
      searchable: body.searchable ?? ['text', 'email', 'phone'].includes(body.type), isStandard, position,
    }
    await insertFieldRow(trx, ws, field)
    for (const column of handlerOf(field.type).columns(field)) {
      await trx.schema.alterTable(object.tableName).addColumn(column.name, columnType(ws, column.kind)).execute()
    }
    const slow: string[] = []
    const indexOn = (columns: string[], unique = false) => {
      const name = indexName(unique ? 'ux' : 'ix', object.tableName, columns)
      const where = unique ? ' where deleted_at is null' : ''
      const list = columns.map((c) => ws.dialect.sortIndexColumn(quoteId(c))).join(', ')
      slow.push(`create ${unique ? 'unique ' : ''}index ${quoteId(name)} on ${quoteId(object.tableName)} (${list})${where}`)
    }
    const sortColumn = handlerOf(field.type).sortColumn(field)
    if (field.unique && sortColumn) indexOn([sortColumn.name], true)
    else if (sortColumn && (isManyToOne(field) || body.indexed)) indexOn([sortColumn.name, 'id'])

    if (field.type === 'relation' && relation) {
      const target = metadata.objects.get(relation.target)!
      const inverse: FieldMeta = {
        id: newId(), objectId: target.id, apiName: options.relation!.inverseName!,
        label: relation.inverseLabel ?? object.labelPlural, description: null, type: 'relation', columnName: null,
        options: { relation: { kind: relation.kind === 'manyToOne' ? 'oneToMany' : 'manyToMany', target: object.apiName, inverseName: field.apiName } },
        required: false, unique: false, searchable: false, isStandard,
        position: target.fields.reduce((max, f) => Math.max(max, f.position), 0) + 1 + (target === object ? 1 : 0),
      }
      if (relation.kind === 'manyToMany') {
        inverse.columnName = `${columnName}#b`
        await trx.schema.createTable(columnName!)
          .addColumn('a_id', 'text', (c) => c.notNull())
          .addColumn('b_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${columnName}_pk`, ['a_id', 'b_id'])
          .execute()
        await trx.schema.createIndex(indexName('ix', columnName!, ['b_id'])).on(columnName!).columns(['b_id', 'a_id']).execute()
      }
      await insertFieldRow(trx, ws, inverse)
    }
    return slow
  }

  async function ensureObjectNameFree(metadata: WorkspaceMetadata, apiName: string, pointer: string): Promise<void> {
    if (metadata.objects.has(apiName)) throw fieldError(pointer, `an object named ${apiName} already exists`, 'conflict')
  }

  /** Runs index builds after the metadata commit; undoes the field if one fails (a unique index on duplicate data). */
  async function runIndexes(ws: WorkspaceDb, statements: string[], undo: () => Promise<void>, pointer: string): Promise<void> {
    try {
      await runSlowDdl(ws, statements)
    } catch (error) {
      await undo()
      const duplicate = /unique|duplicate/i.test(String((error as Error).message))
      throw fieldError(pointer, duplicate ? 'existing records have duplicate values' : 'the index could not be built', duplicate ? 'unique-violation' : 'conflict')
    }
  }

  return {
    createObject(ws: WorkspaceDb, body: CreateObjectBody, flags: ObjectFlags = {}): Promise<ObjectMeta> {
      return changed(ws, async () => {
        const metadata = await loadFresh(ws)
        await ensureObjectNameFree(metadata, body.apiName, '/apiName')
        const fields = body.fields?.length ? body.fields : [{ apiName: 'name', label: 'Name', type: 'text' as const, required: true }]
        const labelField = body.labelField ?? (fields.some((f) => f.apiName === 'name') ? 'name' : fields[0].apiName)
        const labelFields = flags.labelFields ?? [labelField]
        const missingLabel = labelFields.find((name) => !fields.some((f) => f.apiName === name))
        if (missingLabel) throw fieldError('/labelField', `no field named ${missingLabel} in fields`)
        const names = fields.map((f) => f.apiName)
        const duplicate = names.find((n, i) => names.indexOf(n) !== i)
        if (duplicate) throw fieldError('/fields', `field ${duplicate} appears twice`)
        const isStandard = flags.isStandard ?? false
        const tableName = uniqueName(`${isStandard ? '' : 'c_'}${snakeCase(body.apiName)}`, [...metadata.objects.values()].map((o) => o.tableName))
        const objectId = newId()
        await ws.db.transaction().execute(async (trx) => {
          await trx.insertInto('meta_objects').values({
            id: objectId, api_name: body.apiName, label_singular: body.labelSingular, label_plural: body.labelPlural,
            description: body.description ?? null, table_name: tableName, is_standard: ws.dialect.toDb('boolean', isStandard),
            label_fields: ws.dialect.toDb('json', labelFields), shows_on_timeline: ws.dialect.toDb('boolean', flags.showsOnTimeline ?? false),
            created_at: now(),
          }).execute()
          await createRecordTable(ws, trx, tableName)
          // The table is new and empty, so its indexes are instant and can share the transaction.
          for (const [index, field] of fields.entries()) {
            const current = await loadMetadata(trx)
            const object = getObject(current, body.apiName)
            validateFieldBody(current, object, field, `/fields/${index}`)
            for (const statement of await addField(ws, trx, current, object, field, isStandard)) await sql.raw(statement).execute(trx)
          }
        })
        return getObject(await loadFresh(ws), body.apiName)
      })
    },

    updateObject(ws: WorkspaceDb, apiName: string, body: UpdateObjectBody): Promise<ObjectMeta> {
      return changed(ws, async () => {
        const metadata = await loadFresh(ws)
        const object = getObject(metadata, apiName)
        if (body.apiName && body.apiName !== apiName) {
          if (object.isStandard) throw fieldError('/apiName', 'standard objects keep their API name')
          await ensureObjectNameFree(metadata, body.apiName, '/apiName')
        }
        await ws.db.transaction().execute(async (trx) => {
          await trx.updateTable('meta_objects').set({
            api_name: body.apiName ?? object.apiName, label_singular: body.labelSingular ?? object.labelSingular,
            label_plural: body.labelPlural ?? object.labelPlural, description: body.description ?? object.description,
          }).where('id', '=', object.id).execute()
          if (body.apiName && body.apiName !== apiName) await renameRelationTargets(trx, ws, metadata, apiName, body.apiName)
        })
        return getObject(await loadFresh(ws), body.apiName ?? apiName)
      })
    },

    deleteObject(ws: WorkspaceDb, apiName: string): Promise<void> {
      return changed(ws, async () => {
        const metadata = await loadFresh(ws)
        const object = getObject(metadata, apiName)
        if (object.isStandard) throw new AppError('conflict', 'standard objects cannot be deleted')
        const pointing = [...metadata.objects.values()].filter((o) => o !== object)
          .flatMap((o) => o.fields.filter((f) => f.options.relation?.target === apiName && isManyToOne(f)).map((f) => `${o.apiName}.${f.apiName}`))
        if (pointing.length) throw new AppError('conflict', `delete the relations to ${apiName} first: ${pointing.join(', ')}`)
        await ws.db.transaction().execute(async (trx) => {
          for (const f of object.fields) {
            if (f.type === 'relation' && f.options.relation?.kind === 'manyToMany') await dropRelationSides(trx, metadata, f)
          }
          await trx.deleteFrom('meta_fields').where('object_id', '=', object.id).execute()
          await trx.deleteFrom('meta_objects').where('id', '=', object.id).execute()
          await trx.deleteFrom('record_links').where('target_object', '=', apiName).execute()
          await dropRollupsOn(ws, object.tableName, trx)
          await trx.schema.dropTable(object.tableName).execute()
        })
        await dropSearchDocsOf(ws, object)
      })
    },

    createField(ws: WorkspaceDb, objectApiName: string, body: CreateFieldBody, flags: { isStandard?: boolean } = {}): Promise<FieldMeta> {
      return changed(ws, async () => {
        const metadata = await loadFresh(ws)
        const object = getObject(metadata, objectApiName)
        validateFieldBody(metadata, object, body, '')
        const slow = await ws.db.transaction().execute((trx) => addField(ws, trx, metadata, object, body, flags.isStandard ?? false))
        // loadFresh publishes the field now; its index builds while reads and writes go on.
        const fresh = await loadFresh(ws)
        const field = getField(getObject(fresh, objectApiName), body.apiName)
        await runIndexes(ws, slow, () => removeField(ws, fresh, getObject(fresh, objectApiName), field), `/${body.unique ? 'unique' : 'apiName'}`)
        return field
      })
    },

    updateField(ws: WorkspaceDb, objectApiName: string, fieldApiName: string, body: UpdateFieldBody): Promise<FieldMeta> {
      return changed(ws, async () => {
        const metadata = await loadFresh(ws)
        const object = getObject(metadata, objectApiName)
        const field = getField(object, fieldApiName)
        if (body.apiName && body.apiName !== fieldApiName) {
          if (field.isStandard) throw fieldError('/apiName', 'standard fields keep their API name')
          if (object.fieldsByName.has(body.apiName) || RESERVED_FIELD_NAMES.has(body.apiName)) throw fieldError('/apiName', `${objectApiName} already has a field ${body.apiName}`, 'conflict')
        }
        const options = mergeOptions(field, body.options)
        const removedChoices = (field.options.choices ?? []).map((c) => c.value).filter((v) => !(options.choices ?? []).some((c) => c.value === v))
        await ws.db.transaction().execute(async (trx) => {
          await trx.updateTable('meta_fields').set({
            api_name: body.apiName ?? field.apiName, label: body.label ?? field.label, description: body.description ?? field.description,
            is_required: ws.dialect.toDb('boolean', body.required ?? field.required),
            is_searchable: ws.dialect.toDb('boolean', body.searchable ?? field.searchable),
            options: ws.dialect.toDb('json', options),
          }).where('id', '=', field.id).execute()
          if (body.apiName && body.apiName !== fieldApiName) await renameInverse(trx, metadata, field, body.apiName)
          const labelIndex = object.labelFields.indexOf(fieldApiName)
          if (body.apiName && labelIndex >= 0) {
            const labelFields = object.labelFields.map((n) => (n === fieldApiName ? body.apiName! : n))
            await trx.updateTable('meta_objects').set({ label_fields: ws.dialect.toDb('json', labelFields) }).where('id', '=', object.id).execute()
          }
        })
        if (removedChoices.length) {
          // Rollup triggers would fire in the DDL worker's connection; dashboards declare them again.
          await dropRollupsOn(ws, object.tableName)
          await runSlowDdl(ws, clearChoicesStatements(ws, object, field, removedChoices))
        }
        return getField(getObject(await loadFresh(ws), objectApiName), body.apiName ?? fieldApiName)
      })
    },

    deleteField(ws: WorkspaceDb, objectApiName: string, fieldApiName: string): Promise<void> {
      return changed(ws, async () => {
        const metadata = await loadFresh(ws)
        const object = getObject(metadata, objectApiName)
        const field = getField(object, fieldApiName)
        if (field.isStandard) throw new AppError('conflict', 'standard fields cannot be deleted')
        if (field.options.relation?.kind === 'oneToMany') throw new AppError('conflict', `delete the relation from its many-to-one side (${field.options.relation.target}.${field.options.relation.inverseName})`)
        if (object.labelFields.includes(fieldApiName)) throw new AppError('conflict', 'this field names the records; choose another label field first')
        await removeField(ws, metadata, object, field)
      })
    },
  }

  async function loadFresh(ws: WorkspaceDb): Promise<WorkspaceMetadata> {
    deps.cache.invalidate(ws.workspaceId)
    return metadataOf(ws)
  }

  async function removeField(ws: WorkspaceDb, metadata: WorkspaceMetadata, object: ObjectMeta, field: FieldMeta): Promise<void> {
    await ws.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('meta_fields').where('id', '=', field.id).execute()
      if (field.type === 'links') await trx.deleteFrom('record_links').where('field_id', '=', field.id).execute()
      if (field.type === 'relation') await dropRelationSides(trx, metadata, field)
    })
    // Stop reading the column before it goes: requests from here on use metadata without it.
    deps.cache.invalidate(ws.workspaceId)
    const columns = handlerOf(field.type).columns(field).map((c) => c.name)
    const sortColumn = handlerOf(field.type).sortColumn(field)?.name ?? columns[0]
    if (columns.length) {
      // A trigger naming a dropped column would fail every later write to the table.
      await dropRollupsOn(ws, object.tableName)
      await runSlowDdl(ws, dropColumnStatements(object, columns, sortColumn))
    }
  }
}

export type SchemaEditor = ReturnType<typeof createSchemaEditor>
