import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * The access model of a workspace: roles (with object and field permissions and a parent for
 * the hierarchy), members and their roles, teams, organisation-wide defaults per object,
 * criteria-based sharing rules and manual shares. It lives in the workspace's own store so
 * record visibility compiles to SQL against local tables.
 */
export function createAccess(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const json = dialect.columnType('json') as 'text'
  const bool = dialect.columnType('boolean') as 'boolean'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('roles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('parent_id', 'text')
        .addColumn('is_admin', bool, (c) => c.notNull())
        .addColumn('permissions', json, (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('members')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('team_members')
        .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
        .execute()
      await db.schema.createTable('sharing_defaults')
        .addColumn('object', 'text', (c) => c.primaryKey())
        .addColumn('access', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createTable('sharing_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('criteria', json, (c) => c.notNull())
        .addColumn('grantee_type', 'text', (c) => c.notNull())
        .addColumn('grantee_id', 'text', (c) => c.notNull())
        .addColumn('access', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('record_shares')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('grantee_type', 'text', (c) => c.notNull())
        .addColumn('grantee_id', 'text', (c) => c.notNull())
        .addColumn('access', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('record_shares_grantee').on('record_shares').columns(['grantee_type', 'grantee_id', 'object', 'record_id']).execute()
      await db.schema.createIndex('record_shares_record').on('record_shares').columns(['record_id']).execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['record_shares', 'sharing_rules', 'sharing_defaults', 'team_members', 'teams', 'members', 'roles']) await db.schema.dropTable(table).execute()
    },
  }
}
