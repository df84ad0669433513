/**
 * @module knowledge base
 * Articles (a system table: docs/decisions/012-ivr-scripts-kb.md) and search across them and
 * the stored requests — the subjects and bodies of activities. Requests are folded into
 * `kb_request_index` incrementally (whatever changed since the last indexed update) and every
 * hit is re-read through the record engine as the caller, so a hidden or private activity
 * never shows. Members write drafts; administrators publish and change published articles.
 * The portal reads published public articles without sign-in; internal ones never leave.
 */
import type {
  ArticleStatus, ArticleVisibility, ContentLanguage, CreateArticleBody, KbArticle, KbSearchHit, PromoteActivityBody, UpdateArticleBody,
} from '../../../../contracts/contact-center-content.js'
import { AppError, fieldError } from '../../errors.js'
import { newId } from '../../engine/ids.js'
import { getObject } from '../../engine/metadata-store.js'
import { getRecord, listRecords, type RecordContext } from '../../engine/records.js'
import { visibleObject } from '../../engine/visibility.js'
import type { Principal } from '../../http/auth.js'
import type { RecordsService } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { guessLanguage, queryTerms, scoreText, snippetOf, suggestionTerms } from './kb-ranking.js'
import * as repo from './kb.repository.js'

/** Activities folded per refresh step and at most per search, so a search never waits on a huge backlog. */
const INDEX_PAGE = 500
const INDEX_PAGES_PER_SEARCH = 20

export interface KbSearchQuery {
  q: string
  language?: ContentLanguage
  status?: ArticleStatus
  visibility?: ArticleVisibility
  tag?: string
  include?: 'all' | 'articles' | 'requests'
  limit?: number
}

const notFound = (id: string) => new AppError('not-found', `No article with id ${id.slice(0, 100)}`)

export function createKbService(deps: { records: RecordsService; workspaces: WorkspacesService }) {
  const scopeOf = (ctx: RecordContext): repo.ArticleScope => (ctx.access.isAdmin ? { kind: 'all' } : { kind: 'member', actor: ctx.actor })
  const mayEdit = (ctx: RecordContext, article: repo.StoredArticle) =>
    ctx.access.isAdmin || (article.status === 'draft' && article.createdBy === ctx.actor)
  const present = (ctx: RecordContext, article: repo.StoredArticle): KbArticle => ({ ...article, editable: mayEdit(ctx, article) })

  async function visible(principal: Principal, id: string) {
    const ctx = await deps.records.contextFor(principal)
    const article = await repo.findArticle(ctx.ws.db, ctx.ws.dialect, id)
    if (!article || (!ctx.access.isAdmin && article.status !== 'published' && article.createdBy !== ctx.actor)) throw notFound(id)
    return { ctx, article }
  }

  function requirePublisher(ctx: RecordContext, status: ArticleStatus | undefined): void {
    if (status === 'published' && !ctx.access.isAdmin) throw fieldError('/status', 'only administrators publish articles; save it as a draft', 'forbidden')
  }

  /** Folds activities changed since the last indexed one into the request index. */
  async function refreshRequestIndex(workspaceId: string): Promise<void> {
    const workspace = await deps.workspaces.get(workspaceId)
    const system = await deps.workspaces.recordContext(workspace, 'system')
    const activities = system.metadata.objects.get('activities')
    if (!activities) return
    const since = await repo.requestIndexWatermark(system.ws.db, system.ws.dialect)
    let cursor: string | undefined
    for (let page = 0; page < INDEX_PAGES_PER_SEARCH; page++) {
      const result = await listRecords(system, activities, {
        // Strictly newer than the newest indexed change: `gte` would re-read every row of the last
        // timestamp at each search (a batch of 1000 shares one). See docs/decisions/012 for the caveat.
        filter: since ? { field: 'updatedAt', op: 'gt', value: since } : undefined,
        sort: [{ field: 'updatedAt', dir: 'asc' }, { field: 'id', dir: 'asc' }], limit: INDEX_PAGE, cursor, fields: ['subject', 'body'],
      })
      await repo.upsertRequestDocs(system.ws.db, system.ws.dialect, result.data.map((a) => ({
        activityId: a.id, text: repo.foldForIndex(String(a.subject ?? ''), String(a.body ?? '')), updatedAt: String(a.updatedAt),
      })))
      if (!result.page.hasMore || !result.page.nextCursor) return
      cursor = result.page.nextCursor
    }
  }

  /** Request hits the caller may read, re-checked on the fields they can see. */
  async function searchRequests(ctx: RecordContext, terms: string[], anyTerm: boolean, limit: number): Promise<KbSearchHit[]> {
    const activities = ctx.metadata.objects.get('activities')
    if (!activities || !ctx.access.can('activities', 'read')) return []
    const ids = await repo.matchRequests(ctx.ws.db, ctx.ws.dialect, terms, anyTerm, repo.CANDIDATES)
    if (ids.length === 0) return []
    const shown = visibleObject(ctx.access, activities).fieldsByName
    const visibleFields = ['subject', 'body'].filter((f) => shown.has(f))
    const readable = await listRecords(ctx, activities, { filter: { field: 'id', op: 'in', value: ids }, limit: ids.length, fields: visibleFields })
    return readable.data
      .map((a) => {
        const title = String(a.subject ?? '')
        const body = String(a.body ?? '')
        return { kind: 'activity' as const, id: a.id, title, snippet: snippetOf(body), score: scoreText(title, body, terms, !anyTerm) }
      })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
  }

  function articleHits(articles: repo.StoredArticle[], terms: string[], requireAll: boolean): KbSearchHit[] {
    return articles
      .map((a) => ({
        kind: 'article' as const, id: a.id, title: a.title, snippet: snippetOf(a.body), language: a.language, visibility: a.visibility, status: a.status,
        score: terms.length ? scoreText(`${a.title} ${a.tags.join(' ')}`, a.body, terms, requireAll) : 1,
      }))
      .filter((hit) => hit.score > 0)
  }

  async function createArticle(principal: Principal, body: CreateArticleBody): Promise<KbArticle> {
    const ctx = await deps.records.contextFor(principal)
    requirePublisher(ctx, body.status)
    if (body.sourceActivityId !== undefined) {
      await getRecord(ctx, ctx.ws.db, getObject(ctx.metadata, 'activities'), body.sourceActivityId, { fields: [] }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'record-not-found') throw fieldError('/sourceActivityId', 'no activity with this id that you can see')
        throw error
      })
    }
    const at = new Date().toISOString()
    const article: repo.StoredArticle = {
      id: newId(), title: body.title.trim(), body: body.body, language: body.language, visibility: body.visibility ?? 'internal', tags: body.tags ?? [],
      status: body.status ?? 'draft', sourceActivityId: body.sourceActivityId ?? null, createdBy: ctx.actor, createdAt: at, updatedAt: at, revision: 1,
    }
    await repo.insertArticle(ctx.ws.db, ctx.ws.dialect, article)
    return present(ctx, article)
  }

  return {
    refreshRequestIndex,

    async search(principal: Principal, query: KbSearchQuery): Promise<KbSearchHit[]> {
      const ctx = await deps.records.contextFor(principal)
      const terms = queryTerms(query.q)
      const limit = query.limit ?? 20
      const include = query.include ?? 'all'
      const hits: KbSearchHit[] = []
      if (include !== 'requests') {
        const articles = await repo.queryArticles(ctx.ws.db, ctx.ws.dialect, { ...query, scope: scopeOf(ctx), terms, limit: repo.CANDIDATES })
        hits.push(...articleHits(articles, terms, true))
      }
      if (include !== 'articles' && terms.length > 0) {
        await refreshRequestIndex(principal.workspaceId)
        hits.push(...await searchRequests(ctx, terms, false, limit))
      }
      return hits.sort((a, b) => b.score - a.score).slice(0, limit)
    },

    /** Published articles ranked by how many of the caller's words they share (for the call card). */
    async suggest(principal: Principal, text: string, language: ContentLanguage | undefined, limit: number): Promise<KbSearchHit[]> {
      const ctx = await deps.records.contextFor(principal)
      const terms = suggestionTerms(text)
      if (terms.length === 0) return []
      const articles = await repo.queryArticles(ctx.ws.db, ctx.ws.dialect, { scope: scopeOf(ctx), status: 'published', language, terms, anyTerm: true, limit: repo.CANDIDATES })
      return articleHits(articles, terms, false).sort((a, b) => b.score - a.score).slice(0, limit)
    },

    async get(principal: Principal, id: string): Promise<KbArticle> {
      const { ctx, article } = await visible(principal, id)
      return present(ctx, article)
    },

    create: createArticle,

    /** A draft article from an activity's subject and body (the agent's "promote to article"). */
    async promote(principal: Principal, activityId: string, body: PromoteActivityBody): Promise<KbArticle> {
      const ctx = await deps.records.contextFor(principal)
      const activity = await getRecord(ctx, ctx.ws.db, getObject(ctx.metadata, 'activities'), activityId, { fields: ['subject', 'body'] })
      const subject = String(activity.subject ?? '').trim()
      const text = String(activity.body ?? '')
      const title = body.title ?? (subject || text.slice(0, 80).trim())
      if (!title) throw fieldError('/title', 'the activity has no subject or body; give the article a title')
      return createArticle(principal, {
        title, body: text, language: body.language ?? guessLanguage(`${subject} ${text}`), visibility: body.visibility ?? 'internal',
        tags: body.tags ?? [], status: 'draft', sourceActivityId: activity.id,
      })
    },

    async update(principal: Principal, id: string, body: UpdateArticleBody, ifMatch?: number): Promise<KbArticle> {
      const { ctx, article } = await visible(principal, id)
      if (!mayEdit(ctx, article)) throw new AppError('forbidden', 'Only administrators change published articles or other people\'s drafts')
      requirePublisher(ctx, body.status)
      if (ifMatch !== undefined && ifMatch !== article.revision) throw new AppError('version-conflict', `This article is at revision ${article.revision}; read it again and retry`)
      const next: repo.StoredArticle = { ...article, ...body, title: body.title?.trim() ?? article.title, revision: article.revision + 1, updatedAt: new Date().toISOString() }
      if (!(await repo.replaceArticle(ctx.ws.db, ctx.ws.dialect, next, article.revision))) throw new AppError('version-conflict', 'The article changed meanwhile; read it again and retry')
      return present(ctx, next)
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const { ctx, article } = await visible(principal, id)
      if (!mayEdit(ctx, article)) throw new AppError('forbidden', 'Only administrators delete published articles or other people\'s drafts')
      await repo.deleteArticle(ctx.ws.db, id)
    },

    /** The portal: published public articles of a workspace, for anyone. */
    async publicSearch(workspaceId: string, q: string, language: ContentLanguage | undefined, limit: number): Promise<KbSearchHit[]> {
      const workspace = await deps.workspaces.find(workspaceId)
      if (!workspace) throw new AppError('not-found', 'No such knowledge base')
      const ws = (await deps.workspaces.recordContext(workspace, 'portal')).ws
      const terms = queryTerms(q)
      const articles = await repo.queryArticles(ws.db, ws.dialect, { scope: { kind: 'public' }, language, terms, limit: repo.CANDIDATES })
      return articleHits(articles, terms, true).sort((a, b) => b.score - a.score).slice(0, limit)
    },

    async publicGet(workspaceId: string, id: string): Promise<Pick<KbArticle, 'id' | 'title' | 'body' | 'language' | 'tags' | 'updatedAt'>> {
      const workspace = await deps.workspaces.find(workspaceId)
      if (!workspace) throw notFound(id)
      const ws = (await deps.workspaces.recordContext(workspace, 'portal')).ws
      const article = await repo.findArticle(ws.db, ws.dialect, id)
      if (!article || article.status !== 'published' || article.visibility !== 'public') throw notFound(id)
      return { id: article.id, title: article.title, body: article.body, language: article.language, tags: article.tags, updatedAt: article.updatedAt }
    },
  }
}

export type KbService = ReturnType<typeof createKbService>
