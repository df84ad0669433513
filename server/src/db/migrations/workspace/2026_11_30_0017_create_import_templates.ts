import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Import jobs of other kinds (invoice-line files write orders, lines, products and people):
 * `import_jobs.options` holds the kind and its file options, `summary` what a job creates
 * besides its rows (products, customers), and each undo-log entry names its object.
 *
 * Import mapping templates: a named column → field mapping for one object, with the file
 * options that went with it (upsert key, encoding, delimiter), shared by the workspace so the
 * next monthly export from the same system maps itself. A system table, not a record object:
 * nobody filters or reports on templates, and they must not show up in search or history.
 */
export function createImportTemplates(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('import_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mapping', json, (c) => c.notNull())
        .addColumn('options', json, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.alterTable('import_jobs').addColumn('options', json).execute()
      await db.schema.alterTable('import_jobs').addColumn('summary', json).execute()
      await db.schema.alterTable('import_job_changes').addColumn('object', 'text').execute()
      await db.schema.createIndex('import_templates_object_name').on('import_templates').columns(['object', 'name']).unique().execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('import_job_changes').dropColumn('object').execute()
      await db.schema.alterTable('import_jobs').dropColumn('summary').execute()
      await db.schema.alterTable('import_jobs').dropColumn('options').execute()
      await db.schema.dropTable('import_templates').execute()
    },
  }
}
