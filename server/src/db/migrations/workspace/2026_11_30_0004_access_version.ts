import { sql, type Kysely, type Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * A counter that every change to the access tables bumps, by trigger, whoever makes it: this
 * server, a second server process, or `bin/rapport user create` while the server runs. Servers
 * cache the access model and compare this counter to know when to reload it.
 */
export const ACCESS_TABLES = ['roles', 'members', 'teams', 'team_members', 'sharing_defaults', 'sharing_rules'] as const

export function addAccessVersion(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('access_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('v', 'bigint', (c) => c.notNull())
        .execute()
      await db.insertInto('access_version').values({ id: 1, v: 0 }).execute()
      if (dialect.name === 'sqlite') {
        for (const table of ACCESS_TABLES) {
          for (const event of ['insert', 'update', 'delete']) {
            await sql.raw(`create trigger access_version_${table}_${event} after ${event} on ${table}
              begin update access_version set v = v + 1 where id = 1; end`).execute(db)
          }
        }
        return
      }
      await sql.raw(`create function bump_access_version() returns trigger language plpgsql as $$
        begin update access_version set v = v + 1 where id = 1; return null; end $$`).execute(db)
      for (const table of ACCESS_TABLES) {
        await sql.raw(`create trigger access_version_${table} after insert or update or delete on ${table}
          for each statement execute function bump_access_version()`).execute(db)
      }
    },
    async down(db: Kysely<any>) {
      if (dialect.name === 'sqlite') {
        for (const table of ACCESS_TABLES) for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists access_version_${table}_${event}`).execute(db)
      } else {
        for (const table of ACCESS_TABLES) await sql.raw(`drop trigger if exists access_version_${table} on ${table}`).execute(db)
        await sql.raw('drop function if exists bump_access_version()').execute(db)
      }
      await db.schema.dropTable('access_version').execute()
    },
  }
}
