/**
 * Rows of `kb_articles` and `kb_request_index`. Both keep `search_text`: the folded text of
 * search-text.ts with a leading space, so `like '% term%'` is a word-prefix match that means
 * the same on SQLite and Postgres (terms are letters and digits only: nothing to escape).
 * Stored requests, which grow with every call, are matched through a full-text index instead.
 */
import { sql, type Kysely } from 'kysely'
import type { ArticleStatus, ArticleVisibility, ContentLanguage, KbArticle } from '../../../../contracts/contact-center-content.js'
import type { SqlDialect } from '../../db/dialects/sql-dialect.js'
import { normalizeSearchText } from '../../engine/search-text.js'

export type StoredArticle = Omit<KbArticle, 'editable'>

/** At most this many rows come back for ranking; enough that the best ones are among them. */
export const CANDIDATES = 200

export const foldForIndex = (...parts: string[]) => ` ${normalizeSearchText(parts.join(' '))}`

function fromRow(row: Record<string, any>, dialect: SqlDialect): StoredArticle {
  return {
    id: row.id, title: row.title, body: row.body, language: row.language as ContentLanguage, visibility: row.visibility as ArticleVisibility,
    tags: dialect.fromDb('json', row.tags) as string[], status: row.status as ArticleStatus, sourceActivityId: row.source_activity_id ?? null,
    createdBy: row.created_by, createdAt: dialect.fromDb('timestamp', row.created_at) as string, updatedAt: dialect.fromDb('timestamp', row.updated_at) as string,
    revision: Number(row.revision),
  }
}

function toRow(article: StoredArticle, dialect: SqlDialect) {
  return {
    id: article.id, title: article.title, body: article.body, language: article.language, visibility: article.visibility,
    tags: dialect.toDb('json', article.tags), status: article.status, source_activity_id: article.sourceActivityId,
    search_text: foldForIndex(article.title, article.tags.join(' '), article.body), created_by: article.createdBy,
    created_at: dialect.toDb('timestamp', article.createdAt), updated_at: dialect.toDb('timestamp', article.updatedAt), revision: article.revision,
  }
}

/** Who may see what: everything (admins), published or own (members), published public (the portal). */
export type ArticleScope = { kind: 'all' } | { kind: 'member'; actor: string } | { kind: 'public' }

export interface ArticleQuery {
  scope: ArticleScope
  /** Normalized terms; with `anyTerm` one match is enough (suggestions), else all must match. */
  terms: string[]
  anyTerm?: boolean
  language?: ContentLanguage
  status?: ArticleStatus
  visibility?: ArticleVisibility
  tag?: string
  limit: number
}

export async function queryArticles(db: Kysely<any>, dialect: SqlDialect, query: ArticleQuery): Promise<StoredArticle[]> {
  let q = db.selectFrom('kb_articles').selectAll()
  const { scope } = query
  if (scope.kind === 'public') q = q.where('status', '=', 'published').where('visibility', '=', 'public')
  if (scope.kind === 'member') q = q.where((eb) => eb.or([eb('status', '=', 'published'), eb('created_by', '=', scope.actor)]))
  if (query.language) q = q.where('language', '=', query.language)
  if (query.status) q = q.where('status', '=', query.status)
  if (query.visibility) q = q.where('visibility', '=', query.visibility)
  if (query.tag) q = q.where(dialect.jsonArrayHas(sql.ref('tags'), query.tag))
  if (query.terms.length) {
    const likes = query.terms.map((term) => sql<boolean>`search_text like ${`% ${term}%`}`)
    q = q.where(sql<boolean>`(${sql.join(likes, query.anyTerm ? sql` or ` : sql` and `)})`)
  }
  const rows = await q.orderBy('updated_at', 'desc').orderBy('id').limit(query.limit).execute()
  return rows.map((row) => fromRow(row, dialect))
}

export async function findArticle(db: Kysely<any>, dialect: SqlDialect, id: string): Promise<StoredArticle | undefined> {
  const row = await db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row, dialect) : undefined
}

export async function insertArticle(db: Kysely<any>, dialect: SqlDialect, article: StoredArticle): Promise<void> {
  await db.insertInto('kb_articles').values(toRow(article, dialect)).execute()
}

export async function replaceArticle(db: Kysely<any>, dialect: SqlDialect, article: StoredArticle, expectedRevision: number): Promise<boolean> {
  const { id, ...values } = toRow(article, dialect)
  const result = await db.updateTable('kb_articles').set(values).where('id', '=', id).where('revision', '=', expectedRevision).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteArticle(db: Kysely<any>, id: string): Promise<void> {
  await db.deleteFrom('kb_articles').where('id', '=', id).execute()
}

// ── request index ────────────────────────────────────────────────────────────
export async function requestIndexWatermark(db: Kysely<any>, dialect: SqlDialect): Promise<string | null> {
  const row = await db.selectFrom('kb_request_index').select((eb) => eb.fn.max('source_updated_at').as('at')).executeTakeFirst()
  return row?.at ? (dialect.fromDb('timestamp', row.at) as string) : null
}

/** One statement per page (≤ 500 rows × 3 parameters, well within both dialects' limits). */
export async function upsertRequestDocs(db: Kysely<any>, dialect: SqlDialect, docs: { activityId: string; text: string; updatedAt: string }[]): Promise<void> {
  if (docs.length === 0) return
  const rows = docs.map((doc) => ({ activity_id: doc.activityId, search_text: doc.text, source_updated_at: dialect.toDb('timestamp', doc.updatedAt) }))
  await db.insertInto('kb_request_index').values(rows)
    .onConflict((oc) => oc.column('activity_id').doUpdateSet((eb) => ({
      search_text: eb.ref('excluded.search_text'), source_updated_at: eb.ref('excluded.source_updated_at'),
    }))).execute()
}

/**
 * Activity ids whose folded subject and body have words starting with the terms (all, or any
 * with `anyTerm`), newest first: the full-text index of migration 0024 (FTS5 on SQLite, a GIN
 * tsvector on Postgres). Terms are letters and digits only (normalizeSearchText), so quoting
 * them is all the query syntax needs.
 */
export async function matchRequests(db: Kysely<any>, dialect: SqlDialect, terms: string[], anyTerm: boolean, limit: number): Promise<string[]> {
  if (terms.length === 0) return []
  const matches = dialect.name === 'sqlite'
    ? sql<boolean>`rowid in (select rowid from kb_request_fts where kb_request_fts match ${terms.map((t) => `"${t}"*`).join(anyTerm ? ' OR ' : ' ')})`
    : sql<boolean>`search_tsv @@ to_tsquery('simple', ${terms.map((t) => `'${t}':*`).join(anyTerm ? ' | ' : ' & ')})`
  const rows = await db.selectFrom('kb_request_index').select('activity_id').where(matches)
    .orderBy('source_updated_at', 'desc').limit(limit).execute()
  return rows.map((row) => row.activity_id as string)
}
