import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/** Workspaces and API keys: the only tables outside a workspace's own store. */
export function createControl(dialect: SqlDialect): Migration {
  const t = dialect.columnType
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('default_country', 'text', (c) => c.notNull().defaultTo('US'))
        .addColumn('default_currency', 'text', (c) => c.notNull().defaultTo('USD'))
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('created_at', t('timestamp') as 'text', (c) => c.notNull())
        .execute()
      await db.schema.createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', t('timestamp') as 'text', (c) => c.notNull())
        .addColumn('last_used_at', t('timestamp') as 'text')
        .addColumn('expires_at', t('timestamp') as 'text')
        .addColumn('revoked_at', t('timestamp') as 'text')
        .execute()
      // Instance-wide secrets (the cursor signing key); created on first start.
      await db.schema.createTable('instance_settings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('instance_settings').execute()
      await db.schema.dropTable('api_keys').execute()
      await db.schema.dropTable('workspaces').execute()
    },
  }
}
