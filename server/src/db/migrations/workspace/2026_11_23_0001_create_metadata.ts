import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * A workspace's system tables: metadata (objects, fields), field history, idempotency keys,
 * polymorphic record links and the search index. Record tables themselves are created by the
 * metadata service through the same DDL path as a user's custom objects.
 */
export function createMetadata(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  const bool = dialect.columnType('boolean') as 'boolean'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('meta_objects')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('api_name', 'text', (c) => c.notNull().unique())
        .addColumn('label_singular', 'text', (c) => c.notNull())
        .addColumn('label_plural', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('table_name', 'text', (c) => c.notNull().unique())
        .addColumn('is_standard', bool, (c) => c.notNull())
        .addColumn('label_fields', json, (c) => c.notNull())
        .addColumn('shows_on_timeline', bool, (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('meta_fields')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object_id', 'text', (c) => c.notNull().references('meta_objects.id').onDelete('cascade'))
        .addColumn('api_name', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('column_name', 'text')
        .addColumn('options', json, (c) => c.notNull())
        .addColumn('is_required', bool, (c) => c.notNull())
        .addColumn('is_unique', bool, (c) => c.notNull())
        .addColumn('is_searchable', bool, (c) => c.notNull())
        .addColumn('is_standard', bool, (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addUniqueConstraint('meta_fields_object_api_name', ['object_id', 'api_name'])
        .execute()
      await db.schema.createTable('record_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('old_value', json)
        .addColumn('new_value', json)
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('record_history_record').on('record_history').columns(['record_id', 'at']).execute()
      await db.schema.createTable('idempotency_keys')
        .addColumn('credential_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response', json, (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['credential_id', 'key'])
        .execute()
      await db.schema.createTable('record_links')
        .addColumn('field_id', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('target_object', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('record_links_pk', ['field_id', 'source_id', 'target_id'])
        .execute()
      await db.schema.createIndex('record_links_target').on('record_links').columns(['target_id']).execute()
      await dialect.createSearchIndex(db)
    },
    async down(db: Kysely<any>) {
      for (const table of ['record_links', 'idempotency_keys', 'record_history', 'meta_fields', 'meta_objects']) {
        await db.schema.dropTable(table).execute()
      }
    },
  }
}
