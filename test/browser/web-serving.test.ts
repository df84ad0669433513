/**
 * How the server hands out the built web app (system.routes.ts): index.html for pages, hashed
 * assets with long cache lifetimes and gzip, nothing outside dist/web, and the API's 404s
 * untouched. Skipped when the web app is not built (`npm run build` builds it).
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildApp, createServices } from '../../server/src/app.js'
import { routeTable } from '../../server/src/http/auth.js'
import { DIALECTS } from '../support/dialects.js'

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url))
const isBuilt = fs.existsSync(`${WEB_DIR}index.html`)
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

describe('web app serving', { skip: isBuilt ? false : 'dist/web is not built' }, () => {
  let app: FastifyInstance
  let cleanup: () => Promise<void>
  let asset: string

  before(async () => {
    const opened = await DIALECTS[0].open()
    cleanup = opened.cleanup
    app = await buildApp({ services: await createServices(opened.database) })
    asset = fs.readdirSync(`${WEB_DIR}assets`).find((file) => file.startsWith('index-') && file.endsWith('.js'))!
  })
  after(async () => {
    await app?.close()
    await cleanup?.()
  })

  test('/ and any page path answer the app with a strict CSP, revalidated on every load', async () => {
    for (const url of ['/', '/records/people?sort=-createdAt', '/sign-in', '/no/such/page']) {
      const response = await app.inject({ method: 'GET', url, headers: HTML })
      assert.equal(response.statusCode, 200, url)
      assert.match(String(response.headers['content-type']), /^text\/html/)
      assert.match(response.body, /<div id="root">/)
      assert.equal(response.headers['cache-control'], 'no-cache')
      assert.match(String(response.headers['content-security-policy']), /script-src 'self';/)
    }
  })

  test('hashed assets are cached for a year and sent gzipped to browsers that take it', async () => {
    const plain = await app.inject({ method: 'GET', url: `/assets/${asset}` })
    assert.equal(plain.statusCode, 200)
    assert.match(String(plain.headers['content-type']), /^text\/javascript/)
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(plain.headers['content-encoding'], undefined)
    const gzipped = await app.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'gzip, deflate, br' } })
    assert.equal(gzipped.headers['content-encoding'], 'gzip')
    assert.ok(gzipped.rawPayload.length < plain.rawPayload.length / 2)
    const head = await app.inject({ method: 'HEAD', url: `/assets/${asset}` })
    assert.equal(head.statusCode, 200)
    assert.equal(head.body, '')
  })

  test('nothing outside dist/web is reachable', async () => {
    for (const url of ['/assets/../../package.json', '/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/..%5c..%5cpackage.json',
      '/assets/%00.js', '/.env', '/assets/missing.js']) {
      const response = await app.inject({ method: 'GET', url })
      assert.equal(response.statusCode, 404, url)
      assert.match(String(response.headers['content-type']), /application\/problem\+json/, url)
      assert.doesNotMatch(response.body, /"name": "rapport"/, url)
    }
    const malformed = await app.inject({ method: 'GET', url: '/%E0%A4%A', headers: HTML })
    assert.equal(malformed.statusCode, 400, 'a malformed path is refused by the router')
  })

  test('API paths, non-page requests and writes keep their problem+json 404', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['GET', '/api/v1/no-such-thing', HTML], ['GET', '/api', HTML], ['GET', '/records/people', { accept: 'application/json' }],
      ['POST', '/records/people', HTML], ['GET', '/assets/missing.js', HTML],
    ]
    for (const [method, url, headers] of cases) {
      const response = await app.inject({ method: method as 'GET', url, headers })
      assert.equal(response.statusCode, 404, `${method} ${url}`)
      assert.equal(response.json().code, 'not-found', `${method} ${url}`)
    }
  })

  test('serving the app adds no routes: the public route list is unchanged', () => {
    const publicRoutes = routeTable(app).filter((route) => route.auth === 'public' && route.method === 'GET').map((route) => route.url).sort()
    assert.deepEqual(publicRoutes, ['/', '/api/v1/auth/setup-status', '/api/v1/calendar/feed/:file', '/api/v1/portal/:workspaceId/kb/articles', '/api/v1/portal/:workspaceId/kb/articles/:id', '/healthz', '/metrics'])
  })
})
