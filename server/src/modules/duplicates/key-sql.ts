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

const SHARED = ':shared'

/**
 * (rule, key, record) rows of every exact rule for the live records in the range, reading the
 * table once: each record is crossed with one slot per (rule, field); a list field's slot
 * expands its JSON array (json_each / jsonb_array_elements_text), a single field's slot is its
 * column. `cross join` keeps the table the outer loop on SQLite. Rows may repeat (the same
 * email in the primary and an additional field); callers use distinct.
 */
function keyRows(dialect: SqlDialect, object: ObjectMeta, rules: ResolvedRule[], range: KeyRange): RawBuilder<unknown> {
  const slots = rules.flatMap((rule) => rule.fields.map((field) => ({ rule, field, list: field.options.multiple === true })))
  const columns = [...new Set(slots.map((s) => s.field.columnName!))]
  const numbers = sql.join(slots.map((_, i) => sql`select ${sql.lit(i + 1)} as i`), sql` union all `)
  const whenEach = (value: (slot: (typeof slots)[number]) => RawBuilder<unknown>, only?: (slot: (typeof slots)[number]) => boolean) =>
    sql.join(slots.flatMap((slot, i) => (only && !only(slot) ? [] : [sql`when ${sql.lit(i + 1)} then ${value(slot)}`])), sql` `)
  const hasList = slots.some((s) => s.list)
  const item = sql.ref('j.value')
  const key = sql`case n.i ${whenEach((slot) => keyOf(dialect, slot.rule, slot.list ? item : sql.ref(`t.${slot.field.columnName!}`)))} end`
  const rule = sql`case n.i ${whenEach((slot) => sql.lit(slot.rule.rule))} end`
  const listInput = hasList ? sql`case n.i ${whenEach((slot) => sql.ref(`t.${slot.field.columnName!}`), (slot) => slot.list)} end` : null
  const items = !listInput ? sql``
    : dialect.name === 'sqlite' ? sql`left join json_each(${listInput}) j on true`
      : sql`left join lateral jsonb_array_elements_text(${listInput}) as j(value) on true`
  // The range and scope filter the table in an inner select, so the scope's column names cannot clash with json_each's `id`.
  return sql`(select ${rule} as r, ${key} as k, t.id as rid
    from (select id, ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(object.tableName)}
      where deleted_at is null ${range.ids ? sql`and id > ${range.ids.after} and id <= ${range.ids.to}` : sql``} ${range.scope ? sql`and ${range.scope}` : sql``}) t
    cross join (${numbers}) n ${items})`
}

/**
 * Once per job, one set-based statement over the table: the keys that two or more visible
 * records share (usually a tiny fraction), kept as rule `<rule>:shared`. The scan then writes
 * only keys in this set, so a million unique emails cost one grouped read, not a million rows
 * written to the key table and deleted again.
 */
export async function insertSharedKeys(db: Kysely<any>, dialect: SqlDialect, object: ObjectMeta, rules: ResolvedRule[], jobId: string, scope: RawBuilder<boolean> | null): Promise<void> {
  await sql`insert into duplicate_keys (job_id, rule, match_key, record_id, match_value)
    select ${jobId}, u.r || ${SHARED}, u.k, '', null from ${keyRows(dialect, object, rules, { ids: null, scope })} u
    where u.k is not null and u.k <> '' group by u.r, u.k having count(distinct u.rid) > 1`.execute(db)
}

/** Writes the batch's keys (every exact rule) that are in the job's shared set. */
export async function insertSqlKeys(db: Kysely<any>, dialect: SqlDialect, object: ObjectMeta, rules: ResolvedRule[], jobId: string, range: KeyRange): Promise<void> {
  await sql`insert into duplicate_keys (job_id, rule, match_key, record_id, match_value)
    select distinct ${jobId}, u.r, u.k, u.rid, null from ${keyRows(dialect, object, rules, range)} u
    where u.k is not null and u.k <> ''
      and exists (select 1 from duplicate_keys d where d.job_id = ${jobId} and d.rule = u.r || ${SHARED} and d.match_key = u.k)`.execute(db)
}
