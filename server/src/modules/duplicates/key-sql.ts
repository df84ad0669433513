/**
 * Match keys of the exact rules computed inside the database: one grouped statement finds the
 * keys two or more records share, then one `insert … select` per scan batch writes the batch's
 * keys in that set, so no row travels to Node for the email and phone rules and unshared keys
 * are never written (1M people: seconds instead of minutes). The keys are the ones emailKey gives in
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
  /** after < id ≤ to; null: every live record. */
  ids: { after: string; to: string } | null
  scope: RawBuilder<boolean> | null
}

/** Rule name under which a job keeps the keys that two or more records share (see below). */
export const sharedRule = (rule: ResolvedRule) => `${rule.rule}:shared`

/** Each (key, record) pair of one exact rule once, for the live records in the range. */
function keyRows(dialect: SqlDialect, object: ObjectMeta, rule: ResolvedRule, range: KeyRange): RawBuilder<unknown> {
  // The range is filtered in an inner select so the scope's column names cannot clash with json_each's own `id`.
  const rows = (column: RawBuilder<unknown>) => sql`(select id, ${column} as v from ${sql.table(object.tableName)}
    where deleted_at is null ${range.ids ? sql`and id > ${range.ids.after} and id <= ${range.ids.to}` : sql``} ${range.scope ? sql`and ${range.scope}` : sql``})`
  const parts = rule.fields.map((field) => {
    const column = sql.ref(field.columnName!)
    if (field.options.multiple !== true) {
      return sql`select ${keyOf(dialect, rule, sql.ref('s.v'))} as k, s.id as rid from ${rows(column)} s where s.v is not null and s.v <> ''`
    }
    const items = dialect.name === 'sqlite'
      ? sql`${rows(column)} s, json_each(s.v) j`
      : sql`${rows(column)} s cross join lateral jsonb_array_elements_text(s.v) as j(value)`
    return sql`select ${keyOf(dialect, rule, sql.ref('j.value'))} as k, s.id as rid from ${items} where j.value is not null and j.value <> ''`
  })
  return sql`(select u.k, u.rid from (${sql.join(parts, sql` union `)}) u where u.k is not null and u.k <> '')`
}

/**
 * Once per job, one set-based statement: the keys of this rule that two or more visible
 * records share (usually a tiny fraction), kept under `sharedRule`. The scan then writes only
 * keys in this set, so a million unique emails cost one grouped read, not a million rows
 * written to the key table and deleted again.
 */
export async function insertSharedKeys(db: Kysely<any>, dialect: SqlDialect, object: ObjectMeta, rule: ResolvedRule, jobId: string, scope: RawBuilder<boolean> | null): Promise<void> {
  await sql`insert into duplicate_keys (job_id, rule, match_key, record_id, match_value)
    select ${jobId}, ${sharedRule(rule)}, r.k, '', null from ${keyRows(dialect, object, rule, { ids: null, scope })} r
    group by r.k having count(distinct r.rid) > 1`.execute(db)
}

/** Writes the batch's keys of one exact rule that are in the job's shared set. */
export async function insertSqlKeys(db: Kysely<any>, dialect: SqlDialect, object: ObjectMeta, rule: ResolvedRule, jobId: string, range: KeyRange): Promise<void> {
  await sql`insert into duplicate_keys (job_id, rule, match_key, record_id, match_value)
    select ${jobId}, ${rule.rule}, r.k, r.rid, null from ${keyRows(dialect, object, rule, range)} r
    where r.k in (select match_key from duplicate_keys where job_id = ${jobId} and rule = ${sharedRule(rule)})`.execute(db)
}
