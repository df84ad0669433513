import { sql, type Kysely, type Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'
import { indexName } from '../../../engine/naming.js'

const TABLE = 'people'
const SORT = ['last_name', 'first_name', 'id']
/** Carried so a private-sharing list tests its owner in the index, not in the table row. */
const CARRIED = ['owner_id']

/**
 * People are listed by last name then first name far more than any other way, and the
 * per-field index (last_name, id) cannot give that order: every page inside a common surname
 * read and sorted the whole surname group (0.3 s a page for "Kazlauskas" at 1M people). This
 * index gives the order directly. It also carries owner_id and holds only live rows (lists
 * always ask for `deleted_at is null`), so a member under private sharing, whose page is found
 * by walking this index and testing each entry's owner, reads a table row only for the rows it
 * returns (scope-plan.ts). Standard fields cannot be deleted, so it never blocks a drop.
 * New workspaces get it when their standard objects are created; this migration adds it to
 * existing ones (and does nothing before the people table exists).
 */
export async function ensureNameSortIndex(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const present = dialect.name === 'sqlite'
    ? await sql<{ name: string }>`select name from pragma_table_info(${TABLE})`.execute(db)
    : await sql<{ name: string }>`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${TABLE}`.execute(db)
  const names = new Set(present.rows.map((r) => r.name))
  const columns = [...SORT, ...CARRIED]
  if (!columns.every((c) => names.has(c))) return
  const list = columns.map((c) => dialect.sortIndexColumn(`"${c}"`)).join(', ')
  await sql.raw(`create index if not exists "${indexName('ix', TABLE, columns)}" on "${TABLE}" (${list}) where deleted_at is null`).execute(db)
}

export function addPeopleNameSortIndex(dialect: SqlDialect): Migration {
  return { up: (db: Kysely<any>) => ensureNameSortIndex(db, dialect) }
}
