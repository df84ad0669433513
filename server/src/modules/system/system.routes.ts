import type { FastifyInstance } from 'fastify'
import client from 'prom-client'
import type { Database } from '../../db/database.js'
import { principalOf } from '../../http/auth.js'
import type { ObjectsService } from '../objects/objects.service.js'
import { buildOpenApi } from './openapi.js'

const LANDING = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Rapport</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1em .3em}</style>
<h1>Rapport is running</h1>
<p>The API lives under <code>/api/v1</code>. Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code>;
create a key with <code>bin/rapport api-key create --name me</code>.</p>
<p>Describe your data model: <code>GET /api/v1/metadata/objects</code>. OpenAPI: <code>GET /api/openapi.json</code>.</p>
</html>`

/** Health, metrics, the OpenAPI document and a landing page. */
export function registerSystemRoutes(app: FastifyInstance, deps: { database: Database; objects: ObjectsService; registry: client.Registry }): void {
  app.get('/healthz', { config: { auth: 'public' } }, async (_request, reply) => {
    try {
      await deps.database.ping()
      return { status: 'ok', database: deps.database.dialect.name }
    } catch {
      return reply.status(503).type('application/problem+json').send({ type: '/problems/unavailable', title: 'Service unavailable', status: 503, code: 'unavailable', detail: 'The database does not answer' })
    }
  })
  app.get('/metrics', { config: { auth: 'public' } }, async (_request, reply) =>
    reply.type(deps.registry.contentType).send(await deps.registry.metrics()))
  app.get('/api/openapi.json', { config: { auth: 'member' } }, async (request) => {
    // Generated from what this caller can see: hidden objects and fields are not documented.
    return buildOpenApi(await deps.objects.visible(principalOf(request)), `${request.protocol}://${request.host}`)
  })
  app.get('/', { config: { auth: 'public' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(LANDING))
}
