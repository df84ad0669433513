import type { FieldMeta } from './metadata-types.js'

/**
 * A many-to-many relation is one junction table with columns a_id and b_id. The side created
 * first reads from a_id; its inverse field stores the same table name suffixed `#b` and reads
 * from b_id.
 */
export function junctionOf(field: FieldMeta): { table: string; sourceColumn: string; targetColumn: string } {
  const [table, side] = (field.columnName ?? '').split('#')
  return side === 'b'
    ? { table, sourceColumn: 'b_id', targetColumn: 'a_id' }
    : { table, sourceColumn: 'a_id', targetColumn: 'b_id' }
}
