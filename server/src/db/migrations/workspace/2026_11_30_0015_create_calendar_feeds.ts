import type { Kysely, Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Per-user calendar feed tokens: only the SHA-256 of the secret is stored, so a database copy
 * cannot subscribe to anyone's calendar; revoking sets `revoked_at` and the feed answers 404.
 */
export function createCalendarFeeds(dialect: SqlDialect): Migration {
  const ts = dialect.columnType('timestamp') as 'text'
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('calendar_feeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('revoked_at', ts)
        .execute()
      await db.schema.createIndex('calendar_feeds_user').on('calendar_feeds').column('user_id').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('calendar_feeds').execute()
    },
  }
}
