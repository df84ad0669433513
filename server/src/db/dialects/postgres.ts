import { sql } from 'kysely'
import type { ColumnKind, SearchCandidate, SqlDialect } from './sql-dialect.js'

const SEARCH_CHUNK = 5000

const POSTGRES_TYPES: Record<ColumnKind, string> = {
  // Code-point order, the same as SQLite's BINARY, so sorts and cursors agree across dialects.
  text: 'text collate "C"', integer: 'integer', bigint: 'bigint', double: 'double precision', boolean: 'boolean',
  date: 'date', timestamp: 'timestamptz', json: 'jsonb',
}

/**
 * PostgreSQL: a schema per workspace. Search is a `simple` tsvector with a GIN index over text
 * the engine has already normalized (lower case, no diacritics), so both dialects match alike.
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  columnType: (kind) => POSTGRES_TYPES[kind],
  fromDb(kind, value) {
    if (value === null || value === undefined) return null
    switch (kind) {
      case 'bigint': return BigInt(value as string)
      case 'integer': return Number(value)
      case 'timestamp': return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
      default: return value
    }
  },
  // pg parses jsonb on read, so a value the engine just wrote (a JSON string) reads back parsed.
  asRead: (kind, value) => (kind === 'json' && typeof value === 'string' ? JSON.parse(value) : value),
  toDb(kind, value) {
    if (value === null || value === undefined) return null
    switch (kind) {
      case 'json': return JSON.stringify(value)
      case 'bigint': return String(value)
      default: return value
    }
  },
  // coalesce: an empty list "does not contain" (false), as on SQLite, never unknown.
  jsonArrayHas: (column, value) => sql<boolean>`coalesce(${column} ? ${value}, false)`,
  // Columns sort in "C" order, but case folding needs the database's UTF-8 ctype (docs/operations.md).
  likeFolded: (column, pattern) => sql<boolean>`lower(${column} collate "default") like ${pattern} escape '\\'`,
  sortIndexColumn: (quoted) => `${quoted} nulls first`,
  async createSearchIndex(db) {
    await sql`create table search_docs (
      record_id text primary key, object text not null, title text not null, body text not null,
      tsv tsvector generated always as (to_tsvector('simple', body)) stored)`.execute(db)
    await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db)
  },
  async upsertSearchDocs(db, docs) {
    if (docs.length === 0) return
    const rows = docs.map((d) => sql`(${d.recordId}, ${d.object}, ${d.title}, ${d.body})`)
    await sql`insert into search_docs (record_id, object, title, body) values ${sql.join(rows)}
      on conflict (record_id) do update set title = excluded.title, body = excluded.body, object = excluded.object`.execute(db)
  },
  async insertSearchDocs(db, docs) {
    for (let start = 0; start < docs.length; start += SEARCH_CHUNK) await this.upsertSearchDocs(db, docs.slice(start, start + SEARCH_CHUNK))
  },
  maxParameters: 60_000,
  async deleteSearchDocs(db, recordIds) {
    if (recordIds.length === 0) return
    await sql`delete from search_docs where record_id in (${sql.join(recordIds)})`.execute(db)
  },
  async searchCandidates(db, terms, objects, limit) {
    const query = terms.map((t) => `${t}:*`).join(' & ')
    const objectFilter = objects ? sql`and object in (${sql.join(objects)})` : sql``
    const result = await sql<SearchCandidate>`select object as "object", record_id as "recordId", title as "title"
      from search_docs where tsv @@ to_tsquery('simple', ${query}) ${objectFilter} limit ${limit}`.execute(db)
    return result.rows
  },
  // The unit comes from a fixed list (BUCKET_UNITS), so it may be a literal; the zone is a parameter.
  dateBucket: (column, kind, unit, timeZone) => {
    const local = kind === 'timestamp' ? sql`${column} at time zone ${timeZone}` : sql`${column}::timestamp`
    return sql<string>`to_char(date_trunc(${sql.lit(unit)}, ${local}), 'YYYY-MM-DD')`
  },
  isUniqueViolation: (error) =>
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505',
}
