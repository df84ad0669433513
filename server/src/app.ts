/**
 * @module app
 * buildApp wires services to routes. Tests call it with a database and use inject(); main.ts
 * calls it and listens. There is one Database (and so one Kysely per store) per process,
 * passed in, never imported.
 */
import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import client from 'prom-client'
import type { Database } from './db/database.js'
import { MetadataCache } from './engine/metadata-store.js'
import { createSchemaEditor } from './engine/schema-editor.js'
import { createCursorCodec } from './engine/sort-cursor.js'
import { registerAuth } from './http/auth.js'
import { registerJsonParser } from './http/json-body.js'
import { registerProblemHandler } from './http/problem-handler.js'
import { createApiKeysService } from './modules/api-keys/api-keys.service.js'
import { createObjectsService } from './modules/objects/objects.service.js'
import { registerObjectRoutes } from './modules/objects/objects.routes.js'
import { createRecordsService } from './modules/records/records.service.js'
import { registerRecordRoutes } from './modules/records/records.routes.js'
import { registerSystemRoutes } from './modules/system/system.routes.js'
import { createWorkspacesService } from './modules/workspaces/workspaces.service.js'

/** Largest request body: a full 1000-operation batch of wide records fits. */
const BODY_LIMIT_BYTES = 16 * 1024 * 1024

export interface Services {
  database: Database
  workspaces: ReturnType<typeof createWorkspacesService>
  apiKeys: ReturnType<typeof createApiKeysService>
  records: ReturnType<typeof createRecordsService>
  objects: ReturnType<typeof createObjectsService>
  cache: MetadataCache
}

/** Reads the cursor-signing secret, creating it on first start so cursors survive restarts. */
async function instanceSecret(database: Database, name: string): Promise<string> {
  const existing = await database.control.selectFrom('instance_settings').select('value').where('name', '=', name).executeTakeFirst()
  if (existing) return existing.value
  const value = randomBytes(32).toString('base64url')
  await database.control.insertInto('instance_settings').values({ name, value }).onConflict((oc) => oc.column('name').doNothing()).execute()
  const stored = await database.control.selectFrom('instance_settings').select('value').where('name', '=', name).executeTakeFirstOrThrow()
  return stored.value
}

/** Builds every service over one database; the CLI uses this without HTTP. */
export async function createServices(database: Database, options: { cursorSecret?: string | null } = {}): Promise<Services> {
  const cache = new MetadataCache()
  const schema = createSchemaEditor({ cache })
  const cursors = createCursorCodec(options.cursorSecret ?? (await instanceSecret(database, 'cursor_secret')))
  const workspaces = createWorkspacesService({ database, schema, cache, cursors })
  const apiKeys = createApiKeysService({ database })
  const records = createRecordsService({ workspaces })
  const objects = createObjectsService({ database, cache, schema })
  return { database, workspaces, apiKeys, records, objects, cache }
}

function registerMetrics(app: FastifyInstance): client.Registry {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  const duration = new client.Histogram({
    name: 'rapport_http_request_duration_seconds', help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry],
  })
  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000)
  })
  return registry
}

export async function buildApp(options: { services: Services; logger?: boolean | object }): Promise<FastifyInstance> {
  const { services } = options
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true } },
  })
  registerProblemHandler(app)
  registerJsonParser(app)
  registerAuth(app, { apiKeys: services.apiKeys })
  const registry = registerMetrics(app)
  registerSystemRoutes(app, { database: services.database, cache: services.cache, registry })
  registerObjectRoutes(app, { objects: services.objects })
  registerRecordRoutes(app, { records: services.records })
  await app.ready()
  return app
}
