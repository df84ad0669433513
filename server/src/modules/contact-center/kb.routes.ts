/**
 * @module knowledge base routes
 * `/api/v1/contact-center/kb/…` for members (articles, search across articles and stored
 * requests, suggestions for the call card, promote an activity) and
 * `/api/v1/portal/{workspaceId}/kb/…` for anyone: published public articles only.
 */
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  ARTICLE_STATUSES, ARTICLE_VISIBILITIES, CONTENT_LANGUAGES, CreateArticleBody, PromoteActivityBody, UpdateArticleBody,
} from '../../../../contracts/contact-center-content.js'
import { principalOf } from '../../http/auth.js'
import { parseIfMatch } from './if-match.js'
import type { KbService } from './kb.service.js'
import { createPortalLimiter } from './portal-limit.js'

const BASE = '/api/v1/contact-center/kb'
const Params = Type.Object({ id: Type.String({ maxLength: 100 }) })
const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] })
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100 }))
const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 500 })),
  language: Type.Optional(Enum(CONTENT_LANGUAGES)), status: Type.Optional(Enum(ARTICLE_STATUSES)), visibility: Type.Optional(Enum(ARTICLE_VISIBILITIES)),
  tag: Type.Optional(Type.String({ maxLength: 50 })), include: Type.Optional(Enum(['all', 'articles', 'requests'] as const)), limit: Limit,
}, { additionalProperties: false })
const SuggestQuery = Type.Object({ text: Type.String({ maxLength: 4000 }), language: Type.Optional(Enum(CONTENT_LANGUAGES)), limit: Limit }, { additionalProperties: false })
const PortalParams = Type.Object({ workspaceId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) })
const PortalArticleParams = Type.Object({ workspaceId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }), id: Type.String({ maxLength: 100 }) })
const PortalQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 500 })), language: Type.Optional(Enum(CONTENT_LANGUAGES)), limit: Limit }, { additionalProperties: false })

export function registerKbRoutes(app: FastifyInstance, deps: { kb: KbService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { kb } = deps
  const config = { auth: 'member' } as const

  r.get(`${BASE}/search`, { config, schema: { querystring: SearchQuery } }, async (request) =>
    ({ data: await kb.search(principalOf(request), { ...request.query, q: request.query.q ?? '' }) }))

  r.get(`${BASE}/suggest`, { config, schema: { querystring: SuggestQuery } }, async (request) =>
    ({ data: await kb.suggest(principalOf(request), request.query.text, request.query.language, request.query.limit ?? 5) }))

  r.post(`${BASE}/articles`, { config, schema: { body: CreateArticleBody } }, async (request, reply) => {
    const article = await kb.create(principalOf(request), request.body)
    return reply.status(201).header('ETag', `"${article.revision}"`).send({ data: article })
  })

  r.post(`${BASE}/promote/:id`, { config, schema: { params: Params, body: PromoteActivityBody } }, async (request, reply) => {
    const article = await kb.promote(principalOf(request), request.params.id, request.body ?? {})
    return reply.status(201).header('ETag', `"${article.revision}"`).send({ data: article })
  })

  r.get(`${BASE}/articles/:id`, { config, schema: { params: Params } }, async (request, reply) => {
    const article = await kb.get(principalOf(request), request.params.id)
    return reply.header('ETag', `"${article.revision}"`).send({ data: article })
  })

  r.patch(`${BASE}/articles/:id`, { config, schema: { params: Params, body: UpdateArticleBody } }, async (request, reply) => {
    const article = await kb.update(principalOf(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']))
    return reply.header('ETag', `"${article.revision}"`).send({ data: article })
  })

  r.delete(`${BASE}/articles/:id`, { config, schema: { params: Params } }, async (request, reply) => {
    await kb.remove(principalOf(request), request.params.id)
    return reply.status(204).send()
  })

  const open = { auth: 'public' } as const
  const portalLimit = createPortalLimiter()
  r.get('/api/v1/portal/:workspaceId/kb/articles', { config: open, onRequest: portalLimit, schema: { params: PortalParams, querystring: PortalQuery } }, async (request) =>
    ({ data: await kb.publicSearch(request.params.workspaceId, request.query.q ?? '', request.query.language, request.query.limit ?? 20) }))

  r.get('/api/v1/portal/:workspaceId/kb/articles/:id', { config: open, onRequest: portalLimit, schema: { params: PortalArticleParams } }, async (request) =>
    ({ data: await kb.publicGet(request.params.workspaceId, request.params.id) }))
}
