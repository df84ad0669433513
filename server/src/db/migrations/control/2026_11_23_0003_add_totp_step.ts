import type { Kysely, Migration } from 'kysely'

/**
 * The time step of the last TOTP code a user signed in with: a code is accepted only for a
 * later step, so an observed code cannot be replayed within its 30-second window.
 */
export function addTotpStep(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute()
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('users').dropColumn('totp_last_step').execute()
    },
  }
}
