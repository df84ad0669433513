import { sql, type Kysely, type Migration } from 'kysely'
import type { SqlDialect } from '../../dialects/sql-dialect.js'

/**
 * Full-text search over the stored requests (`kb_request_index`), which were a `like '% term%'`
 * scan of every row. The index holds the same folded text (search-text.ts), so word-prefix
 * matching means what it meant before:
 * - SQLite: an FTS5 table over the index's rowids (unicode61, prefix indexes like the record
 *   engine's search), kept in step by triggers — the upsert's update fires them too;
 * - Postgres: a stored `simple` tsvector of the text with a GIN index (the record engine's way).
 */
export function addKbRequestFts(dialect: SqlDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect.name === 'sqlite') {
        await sql`create virtual table kb_request_fts using fts5(search_text, content='kb_request_index', tokenize='unicode61 remove_diacritics 2', prefix='2 3')`.execute(db)
        await sql`insert into kb_request_fts (kb_request_fts) values ('rebuild')`.execute(db)
        await sql`create trigger kb_request_fts_ai after insert on kb_request_index begin
          insert into kb_request_fts (rowid, search_text) values (new.rowid, new.search_text); end`.execute(db)
        await sql`create trigger kb_request_fts_ad after delete on kb_request_index begin
          insert into kb_request_fts (kb_request_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`.execute(db)
        await sql`create trigger kb_request_fts_au after update on kb_request_index begin
          insert into kb_request_fts (kb_request_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
          insert into kb_request_fts (rowid, search_text) values (new.rowid, new.search_text); end`.execute(db)
      } else {
        await sql`alter table kb_request_index add column search_tsv tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(db)
        await sql`create index kb_request_index_tsv on kb_request_index using gin (search_tsv)`.execute(db)
      }
    },
    async down(db: Kysely<any>) {
      if (dialect.name === 'sqlite') {
        for (const trigger of ['kb_request_fts_ai', 'kb_request_fts_ad', 'kb_request_fts_au']) await sql`drop trigger ${sql.raw(trigger)}`.execute(db)
        await sql`drop table kb_request_fts`.execute(db)
      } else {
        await sql`drop index kb_request_index_tsv`.execute(db)
        await sql`alter table kb_request_index drop column search_tsv`.execute(db)
      }
    },
  }
}
