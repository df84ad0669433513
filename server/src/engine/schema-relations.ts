/**
 * @module engine/schema-relations
 * Metadata rewrites that keep both sides of a relation consistent when an object or field is
 * renamed or a relation is removed.
 */
import type { Transaction } from 'kysely'
import type { WorkspaceDb } from '../db/database.js'
import { junctionOf } from './junctions.js'
import type { FieldMeta, WorkspaceMetadata } from './metadata-types.js'

export async function renameRelationTargets(trx: Transaction<any>, ws: WorkspaceDb, metadata: WorkspaceMetadata, from: string, to: string): Promise<void> {
  for (const object of metadata.objects.values()) {
    for (const field of object.fields) {
      if (field.options.relation?.target !== from) continue
      const options = { ...field.options, relation: { ...field.options.relation, target: to } }
      await trx.updateTable('meta_fields').set({ options: ws.dialect.toDb('json', options) }).where('id', '=', field.id).execute()
    }
  }
  await trx.updateTable('record_links').set({ target_object: to }).where('target_object', '=', from).execute()
  await trx.updateTable('search_docs').set({ object: to }).where('object', '=', from).execute()
}

export async function renameInverse(trx: Transaction<any>, metadata: WorkspaceMetadata, field: FieldMeta, newName: string): Promise<void> {
  const relation = field.options.relation
  if (!relation) return
  const inverse = metadata.objects.get(relation.target)?.fieldsByName.get(relation.inverseName ?? '')
  if (!inverse?.options.relation) return
  const options = { ...inverse.options, relation: { ...inverse.options.relation, inverseName: newName } }
  await trx.updateTable('meta_fields').set({ options: JSON.stringify(options) }).where('id', '=', inverse.id).execute()
}

/** Removes the other side of a relation and its junction table (the caller removes `field`). */
export async function dropRelationSides(trx: Transaction<any>, metadata: WorkspaceMetadata, field: FieldMeta): Promise<void> {
  const relation = field.options.relation!
  const target = metadata.objects.get(relation.target)
  const inverse = target?.fieldsByName.get(relation.inverseName ?? '')
  if (inverse && inverse.id !== field.id) await trx.deleteFrom('meta_fields').where('id', '=', inverse.id).execute()
  if (relation.kind === 'manyToMany') await trx.schema.dropTable(junctionOf(field).table).ifExists().execute()
}
