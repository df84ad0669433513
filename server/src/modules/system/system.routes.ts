import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import client from 'prom-client'
import type { Database } from '../../db/database.js'
import { principalOf } from '../../http/auth.js'
import type { ObjectsService } from '../objects/objects.service.js'
import { buildOpenApi } from './openapi.js'
import { collectRoutes, routeCatalog } from './route-catalog.js'

const LANDING = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Rapport</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1em .3em}</style>
<h1>Rapport is running</h1>
<p>The API lives under <code>/api/v1</code>. Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code>;
create a key with <code>bin/rapport api-key create --name me</code>.</p>
<p>Describe your data model: <code>GET /api/v1/metadata/objects</code>. OpenAPI: <code>GET /api/openapi.json</code>.</p>
</html>`

/** Where `vite build` puts the web app (web/vite.config.ts): dist/web, beside the compiled server. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../../web', import.meta.url))

/** Vite names files under /assets/ by their content hash, so they never change. */
const ASSET_PREFIX = '/assets/'
const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff',
}

/** The app loads only its own scripts and styles; Mantine sets inline styles, nothing runs inline. */
const WEB_APP_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
}

const isFile = (file: string) => fs.promises.stat(file).then((stat) => stat.isFile(), () => false)

/**
 * The file under `root` that a URL path names, or undefined. Strict: the decoded path may not
 * climb out (`..`), name hidden files, or hold NUL or backslashes.
 */
async function webFileOf(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined
  const segments = decoded.split('/').filter((segment) => segment !== '')
  if (segments.length === 0 || segments.some((segment) => segment.startsWith('.'))) return undefined
  const file = path.join(root, ...segments)
  if (!file.startsWith(root + path.sep)) return undefined
  return (await isFile(file)) ? file : undefined
}

/** Sends a file; `x.gz` (written by the build) instead of `x` when the browser takes gzip. */
async function sendWebFile(request: FastifyRequest, reply: FastifyReply, file: string, cacheControl: string): Promise<FastifyReply> {
  const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) && (await isFile(`${file}.gz`))
  const sent = gzipped ? `${file}.gz` : file
  const { size } = await fs.promises.stat(sent)
  if (gzipped) reply.header('content-encoding', 'gzip')
  return reply
    .headers(WEB_APP_HEADERS)
    .header('vary', 'accept-encoding')
    .header('content-type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
    .header('content-length', size)
    .header('cache-control', cacheControl)
    .send(fs.createReadStream(sent))
}

const acceptsHtml = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html')
const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/')

/**
 * Serves the built web app without adding routes (the route table is the list of API
 * endpoints and their auth): a GET that no route claims gets the file it names under
 * `webDir`, or — for a page request (Accept: text/html) outside /api and /assets —
 * index.html, so the app's own paths survive a reload. Anything else falls through to the
 * problem+json 404.
 */
function serveWebApp(app: FastifyInstance, webDir: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return
    const pathname = request.url.split('?')[0]
    if (isApiPath(pathname)) return
    const file = await webFileOf(webDir, pathname)
    if (file) return sendWebFile(request, reply, file, pathname.startsWith(ASSET_PREFIX) ? IMMUTABLE : REVALIDATE)
    const index = path.join(webDir, 'index.html')
    if (!pathname.startsWith(ASSET_PREFIX) && acceptsHtml(request) && (await isFile(index))) return sendWebFile(request, reply, index, REVALIDATE)
  })
}

/** Health, metrics, the OpenAPI document and the web app (or a landing page when it is not built). */
export function registerSystemRoutes(app: FastifyInstance, deps: { database: Database; objects: ObjectsService; registry: client.Registry; webDir?: string }): void {
  const webDir = path.resolve(deps.webDir ?? DEFAULT_WEB_DIR)
  // First, so the OpenAPI document sees every route registered after this one (app.ts order).
  collectRoutes(app)
  serveWebApp(app, webDir)
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
    return buildOpenApi(await deps.objects.visible(principalOf(request)), `${request.protocol}://${request.host}`, routeCatalog(app))
  })
  app.get('/', { config: { auth: 'public' } }, async (request, reply) => {
    const index = path.join(webDir, 'index.html')
    return (await isFile(index)) ? sendWebFile(request, reply, index, REVALIDATE) : reply.type('text/html; charset=utf-8').send(LANDING)
  })
}
