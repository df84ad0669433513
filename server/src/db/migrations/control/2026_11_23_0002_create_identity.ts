import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * People who sign in: users, their workspace memberships, sessions, one-time tokens (password
 * reset, invitations) and the security audit log. Secrets are stored only as hashes.
 */
export function createIdentity(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  const bool = dialect.columnType('boolean') as 'boolean'
  const json = dialect.columnType('json') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        // Bumped on password change, reset and "log out everywhere": older sessions stop working.
        .addColumn('session_version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', bool, (c) => c.notNull().defaultTo(dialect.toDb('boolean', false) as never))
        .addColumn('disabled_at', ts)
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('memberships')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'workspace_id'])
        .execute()
      await db.schema.createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('csrf_hash', 'text', (c) => c.notNull())
        .addColumn('session_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('last_seen_at', ts, (c) => c.notNull())
        .addColumn('expires_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()
      await db.schema.createTable('one_time_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text')
        .addColumn('role_id', 'text')
        .addColumn('user_version', 'integer')
        .addColumn('expires_at', ts, (c) => c.notNull())
        .addColumn('used_at', ts)
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text')
        .addColumn('actor', 'text')
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('detail', json)
        .addColumn('ip', 'text')
        .addColumn('at', ts, (c) => c.notNull())
        .execute()
      await db.schema.createIndex('audit_log_workspace_at').on('audit_log').columns(['workspace_id', 'at']).execute()
      await db.schema.alterTable('api_keys').addColumn('user_id', 'text').execute()
      await db.schema.alterTable('api_keys').addColumn('role_id', 'text').execute()
    },
    async down(db: Kysely<any>) {
      for (const table of ['audit_log', 'one_time_tokens', 'sessions', 'memberships', 'users']) await db.schema.dropTable(table).execute()
    },
  }
}
