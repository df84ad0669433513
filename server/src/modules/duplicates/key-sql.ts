/**
 * Match keys of the exact rules computed inside the database: one `insert … select` per scan
 * batch writes every key of the batch's id range, so no row travels to Node for the email and
 * phone rules (1M people: seconds instead of minutes). The keys are the ones emailKey gives in
 * JS: stored emails are already trimmed with a lower-case domain, and the rest is folded with
 * `rp_fold` on SQLite (JS toLowerCase, registered on every connection; SQLite's lower() is
 * ASCII-only) and lower() on Postgres. Phones are stored as E.164 and are their own key.
 * List fields (additional emails/phones, JSON arrays) are expanded with json_each /
 * jsonb_array_elements_text. The name and domain rules need JS folding and stay in the runner.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'
import type { ObjectMeta } from '../../engine/metadata-types.js'
import type { ResolvedRule } from './duplicate-rules.js'

/** Rules whose keys SQL computes exactly as matchKeys would. */
export const isSqlRule = (rule: ResolvedRule): boolean => rule.rule === 'email' || rule.rule === 'phone'

function keyOf(dialect: SqlDialect, rule: ResolvedRule, value: RawBuilder<unknown>): RawBuilder<unknown> {
  if (rule.rule === 'phone') return value
  return dialect.name === 'sqlite' ? sql`rp_fold(trim(${value}))` : sql`lower(trim(${value}))`
}

export interface KeyRange {
  after: string
  to: string
  scope: RawBuilder<boolean> | null
}

/**
 * Writes the keys of one exact rule for the live records with after < id ≤ to (within the
 * owner's record scope). `union` makes each (key, record) pair once, as matchKeys does.
 */
export async function insertSqlKeys(db: Kysely<any>, dialect: SqlDialect, object: ObjectMeta, rule: ResolvedRule, jobId: string, range: KeyRange): Promise<void> {
  // The range is filtered in an inner select so the scope's column names cannot clash with json_each's own `id`.
  const rows = (columns: RawBuilder<unknown>) => sql`(select id, ${columns} from ${sql.table(object.tableName)}
    where deleted_at is null and id > ${range.after} and id <= ${range.to} ${range.scope ? sql`and ${range.scope}` : sql``})`
  const parts = rule.fields.map((field) => {
    const column = sql.ref(field.columnName!)
    if (field.options.multiple !== true) {
      return sql`select ${keyOf(dialect, rule, sql.ref('s.v'))} as k, s.id as rid from ${rows(sql`${column} as v`)} s where s.v is not null and s.v <> ''`
    }
    const items = dialect.name === 'sqlite'
      ? sql`${rows(sql`${column} as v`)} s, json_each(s.v) j`
      : sql`${rows(sql`${column} as v`)} s cross join lateral jsonb_array_elements_text(s.v) as j(value)`
    return sql`select ${keyOf(dialect, rule, sql.ref('j.value'))} as k, s.id as rid from ${items} where j.value is not null and j.value <> ''`
  })
  await sql`insert into duplicate_keys (job_id, rule, match_key, record_id, match_value)
    select ${jobId}, ${rule.rule}, u.k, u.rid, null from (${sql.join(parts, sql` union `)}) u where u.k is not null and u.k <> ''`.execute(db)
}
