/**
 * @module engine/rollups/rollup-ddl
 * SQL text for one rollup on one dialect: its table, the triggers that keep it exact on every
 * write to the object's table (insert, delete, and updates of its columns or `deleted_at` — so
 * creates, edits, soft deletes, restores, bulk edits, imports and merges all count, whatever code
 * path writes), and the statement that fills it from the live rows.
 *
 * Each rollup row is one combination of (local day, dimension values) with `n` live records;
 * `key` is that combination as JSON text (NULLs included, which a composite unique key would
 * treat as distinct), the target of the triggers' upserts. Rows reaching 0 are deleted, so the
 * rows present are exactly the combinations that occur — what countDistinct counts.
 *
 * A rollup that sums currency fields also keeps, per row and summed field `x`: `w_x` and `p_x`,
 * the sums of the amounts' whole units and of their remainders in micro-units (amount / 10⁶ and
 * amount % 10⁶, both truncating toward zero on both dialects, so w·10⁶ + p is the exact sum —
 * split as the live query splits it, so no 64-bit sum can overflow where the live one would
 * not), and `k_x`, the number of non-null amounts (what avg divides by). The currency code is
 * a dimension, so each row sums one currency.
 *
 * Identifiers come from metadata (column names) and from the rollup id (hex); the time zone
 * passed canonicalTimeZone's pattern; both are quoted as literals here since DDL and trigger
 * bodies take no bind parameters.
 */
import { amountColumn, sumsOf, type RollupSpec } from './rollup-shape.js'

export type DialectName = 'sqlite' | 'postgres'

const id = (name: string) => `"${name.replace(/"/g, '""')}"`
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`
export const rollupTable = (rollupId: string) => `rollup_${rollupId}`
export const dimColumn = (column: string) => `c_${column}`
/** The per-row sum columns of a summed currency field: whole units, remainders, non-null count. */
export const sumColumns = (sum: string) => ({ whole: `w_${sum}`, part: `p_${sum}`, count: `k_${sum}` })

/**
 * The local day of a row's date column, as the dialect's dateBucket(…, 'day', zone) computes it
 * for live queries (sqlite.ts / postgres.ts), so both sides put a record on the same day.
 */
function dayExpr(dialect: DialectName, spec: RollupSpec, row: string): string {
  const day = spec.day!
  const ref = `${row}.${id(day.column)}`
  if (dialect === 'sqlite') return `rp_bucket(${ref}, 'day', ${day.kind === 'timestamp' ? lit(day.timeZone!) : 'null'})`
  const local = day.kind === 'timestamp' ? `${ref} at time zone ${lit(day.timeZone!)}` : `${ref}::timestamp`
  return `to_char(date_trunc('day', ${local}), 'YYYY-MM-DD')`
}

/** The rollup's own columns, in order: day (if any), dimensions. */
function columnsOf(spec: RollupSpec): string[] {
  return [...(spec.day ? ['d'] : []), ...spec.dims.map(dimColumn)]
}

/** The values of a source row (`new`, `old`, or an alias) for the rollup's columns. */
function valuesOf(dialect: DialectName, spec: RollupSpec, row: string): string[] {
  return [...(spec.day ? [dayExpr(dialect, spec, row)] : []), ...spec.dims.map((c) => `${row}.${id(c)}`)]
}

/** The rollup's sum columns, in order (three per summed field). */
const sumColumnsOf = (spec: RollupSpec) => sumsOf(spec).flatMap((x) => Object.values(sumColumns(x)))

/** A source row's contribution to the sum columns, in sumColumnsOf's order. */
function sumValuesOf(spec: RollupSpec, row: string): string[] {
  return sumsOf(spec).flatMap((x) => {
    const amount = `${row}.${id(amountColumn(x))}`
    return [`coalesce(${amount} / 1000000, 0)`, `coalesce(${amount} % 1000000, 0)`, `case when ${amount} is null then 0 else 1 end`]
  })
}

const keyOf = (dialect: DialectName, values: string[]) => (dialect === 'sqlite' ? `json_array(${values.join(', ')})` : `json_build_array(${values.join(', ')})::text`)

/** The columns whose change can move a record between rollup rows. */
const watched = (spec: RollupSpec) => ['deleted_at', ...(spec.day ? [spec.day.column] : []), ...spec.dims, ...sumsOf(spec).map(amountColumn)]

export interface RollupDdl {
  /** Creates the empty table, its key index and the triggers (one transaction with `fill`). */
  create: string[]
  /** Counts the live rows into the (empty) table, in the transaction that creates it. */
  fill: string
  /** SQLite: the counts as rows `(key, columns…, n)`, read from a snapshot outside the write lock… */
  snapshot?: string
  /** …and added, `rows` rows per statement (`n = n + excluded.n`), to what the triggers counted since, then rows at 0 pruned. */
  merge?: (rows: number) => string
  prune?: string
  /** Removes triggers, functions and the table. */
  drop: string[]
}

export function rollupDdl(dialect: DialectName, schema: string | null, rollupId: string, spec: RollupSpec): RollupDdl {
  const q = (name: string) => (schema ? `${id(schema)}.${id(name)}` : id(name))
  const table = rollupTable(rollupId)
  const source = q(spec.table)
  const target = q(table)
  const columns = columnsOf(spec)
  const sumCols = sumColumnsOf(spec)
  const insertColumns = ['key', ...columns, 'n', ...sumCols].map(id).join(', ')
  const newValues = valuesOf(dialect, spec, 'new')
  const oldValues = valuesOf(dialect, spec, 'old')
  const addAll = (alias: string) => ['n', ...sumCols].map((c) => `${id(c)} = ${alias}.${id(c)} + excluded.${id(c)}`).join(', ')
  const oldKey = keyOf(dialect, oldValues)
  const changed = ['(old.deleted_at is null) <> (new.deleted_at is null)', ...watched(spec).slice(1).map((c) => `old.${id(c)} is distinct from new.${id(c)}`)].join(' or ')

  const sample = valuesOf(dialect, spec, 't')
  const createTable = `create table ${target} as select cast(null as text) as "key", ${[...sample.map((v, i) => `${v} as ${id(columns[i])}`), ...['n', ...sumCols].map((c) => `cast(0 as bigint) as ${id(c)}`)].join(', ')} from ${source} t where 1 = 0`
  const keyIndex = `create unique index ${id(`${table}_key`)} on ${target} ("key")`
  const sums = sumsOf(spec).flatMap((x) => {
    const amount = `t.${id(amountColumn(x))}`
    const { whole, part, count } = sumColumns(x)
    return [`coalesce(sum(${amount} / 1000000), 0) as ${id(whole)}`, `coalesce(sum(${amount} % 1000000), 0) as ${id(part)}`, `count(${amount}) as ${id(count)}`]
  })
  const grouped = `select ${[...sample.map((v, i) => `${v} as ${id(columns[i])}`), 'count(*) as "n"', ...sums].join(', ')} from ${source} t where t.deleted_at is null${columns.length ? ` group by ${columns.map((_, i) => i + 1).join(', ')}` : ''}`
  const groupedColumns = [...columns, 'n', ...sumCols].map((c) => `s.${id(c)}`).join(', ')
  const fill = `insert into ${target} (${insertColumns}) select ${keyOf(dialect, columns.map((c) => `s.${id(c)}`))}, ${groupedColumns} from (${grouped}) s where s."n" > 0`

  if (dialect === 'sqlite') {
    // A row's values are computed once (a subquery), then keyed: rp_bucket runs once per row.
    // Decrements are upserts too: while a build merges its snapshot in, a combination may not
    // have its row yet, and the −1 must wait there for it (see rollup-build-worker.ts).
    const step = (row: 'new' | 'old', delta: '+' | '-', where: string) => {
      const values = [...(row === 'new' ? newValues : oldValues), ...sumValuesOf(spec, row)]
      const named = [...columns, ...sumCols]
      const from = named.length ? `from (select ${values.map((v, i) => `${v} as ${id(named[i])}`).join(', ')}) s ` : ''
      const selected = [...columns.map((c) => `s.${id(c)}`), `${delta}1`, ...sumCols.map((c) => `${delta}s.${id(c)}`)]
      return `insert into ${target} (${insertColumns}) select ${keyOf(dialect, columns.map((c) => `s.${id(c)}`))}, ${selected.join(', ')} ${from}${where} on conflict ("key") do update set ${addAll(id(table))};`
    }
    const decrement = (when: string) => `${step('old', '-', `where ${when || 'true'}`)}
      delete from ${target} where ${when ? `${when} and ` : ''}"key" = ${oldKey} and "n" = 0;`
    const changedSqlite = changed.replace(/ is distinct from /g, ' is not ')
    return {
      create: [createTable, keyIndex,
        `create trigger ${id(`${table}_ai`)} after insert on ${id(spec.table)} when new.deleted_at is null begin ${step('new', '+', 'where true')} end`,
        `create trigger ${id(`${table}_ad`)} after delete on ${id(spec.table)} when old.deleted_at is null begin ${decrement('')} end`,
        `create trigger ${id(`${table}_au`)} after update of ${watched(spec).map(id).join(', ')} on ${id(spec.table)} when ${changedSqlite} begin
          ${decrement('old.deleted_at is null')}
          ${step('new', '+', 'where new.deleted_at is null')} end`,
      ],
      fill,
      snapshot: `select ${keyOf(dialect, columns.map((c) => `s.${id(c)}`))}, ${groupedColumns} from (${grouped}) s`,
      merge: (rows: number) => `insert into ${target} (${insertColumns}) values ${Array.from({ length: rows }, () => `(${['key', ...columns, 'n', ...sumCols].map(() => '?').join(', ')})`).join(', ')} on conflict ("key") do update set ${addAll(id(table))}`,
      prune: `delete from ${target} where "n" = 0`,
      drop: [`drop trigger if exists ${id(`${table}_ai`)}`, `drop trigger if exists ${id(`${table}_ad`)}`, `drop trigger if exists ${id(`${table}_au`)}`, `drop table if exists ${target}`],
    }
  }
  const fn = q(`${table}_fn`)
  const body = `begin
    if (TG_OP = 'DELETE' or TG_OP = 'UPDATE') and old.deleted_at is null then
      update ${target} set ${['"n" = "n" - 1', ...sumValuesOf(spec, 'old').map((v, i) => `${id(sumCols[i])} = ${id(sumCols[i])} - ${v}`)].join(', ')} where "key" = ${oldKey};
      delete from ${target} where "key" = ${oldKey} and "n" <= 0;
    end if;
    if (TG_OP = 'INSERT' or TG_OP = 'UPDATE') and new.deleted_at is null then
      insert into ${target} (${insertColumns}) values (${[keyOf(dialect, newValues), ...newValues, '1', ...sumValuesOf(spec, 'new')].join(', ')})
        on conflict ("key") do update set ${addAll(id(table))};
    end if;
    return null;
  end`
  return {
    create: [createTable, keyIndex,
      `create function ${fn}() returns trigger language plpgsql as $rollup$ ${body} $rollup$`,
      `create trigger ${id(`${table}_id`)} after insert or delete on ${source} for each row execute function ${fn}()`,
      `create trigger ${id(`${table}_u`)} after update of ${watched(spec).map(id).join(', ')} on ${source} for each row when (${changed}) execute function ${fn}()`,
    ],
    fill,
    drop: [`drop trigger if exists ${id(`${table}_id`)} on ${source}`, `drop trigger if exists ${id(`${table}_u`)} on ${source}`, `drop function if exists ${fn}()`, `drop table if exists ${target}`],
  }
}
