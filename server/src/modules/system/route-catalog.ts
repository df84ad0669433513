/**
 * The OpenAPI paths of every registered route, derived from the route table itself (a Fastify
 * onRoute hook), so a new endpoint is documented the moment it is registered. Parameters,
 * request bodies and responses are the routes' own TypeBox schemas (JSON Schema already), the
 * same ones that validate the requests; responses the routes do not declare come from
 * ./openapi-responses.ts. Hand-written operations (openapi.ts: records per object, dashboards)
 * win over derived ones: they carry summaries and headers the route table does not know.
 */
import type { FastifyInstance, RouteOptions } from 'fastify'
import { DOCUMENTED_RESPONSES } from './openapi-responses.js'

type JsonSchema = Record<string, unknown>

export interface CatalogRoute {
  method: string
  /** The OpenAPI path: Fastify's `:id` written `{id}`. */
  path: string
  auth: string | undefined
  schema: { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema; response?: Record<string, JsonSchema> }
}

const catalogs = new WeakMap<FastifyInstance, CatalogRoute[]>()

/** `/a/:id/b/:key` → `/a/{id}/b/{key}` (a Fastify regexp suffix `:id(^\d+$)` is dropped). */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}')

/** Starts recording the routes registered on `app` from now on; call before registering them. */
export function collectRoutes(app: FastifyInstance): void {
  const routes: CatalogRoute[] = []
  catalogs.set(app, routes)
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) {
      // HEAD is Fastify's automatic twin of every GET.
      if (method === 'HEAD' || method === 'OPTIONS') continue
      routes.push({
        method: method.toLowerCase(), path: openApiPath(route.url),
        auth: (route.config as { auth?: string } | undefined)?.auth,
        schema: (route.schema ?? {}) as CatalogRoute['schema'],
      })
    }
  })
}

export const routeCatalog = (app: FastifyInstance): CatalogRoute[] => catalogs.get(app) ?? []

/** The `{name}` segments of an OpenAPI path, in order. */
export const pathParamsOf = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])

const propertiesOf = (schema: JsonSchema | undefined) => (schema?.properties ?? {}) as Record<string, JsonSchema>
const requiredOf = (schema: JsonSchema | undefined) => new Set((schema?.required ?? []) as string[])
/** A TypeBox schema as plain JSON (its Kind symbols dropped), so the document can be serialised and compared. */
const plain = (schema: unknown) => JSON.parse(JSON.stringify(schema)) as JsonSchema

function parametersOf(route: CatalogRoute): JsonSchema[] {
  const declared = propertiesOf(route.schema.params)
  // A path parameter the route declares no schema for is still a string segment.
  const path = pathParamsOf(route.path).map((name) => ({ name, in: 'path', required: true, schema: plain(declared[name] ?? { type: 'string' }) }))
  const query = route.schema.querystring
  const required = requiredOf(query)
  const queryParams = Object.entries(propertiesOf(query)).map(([name, schema]) => ({
    name, in: 'query', ...(required.has(name) ? { required: true } : {}), schema: plain(schema),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
  }))
  return [...path, ...queryParams]
}

const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }

function responsesOf(route: CatalogRoute): JsonSchema {
  const documented = DOCUMENTED_RESPONSES[`${route.method.toUpperCase()} ${route.path}`]
  const declared = route.schema.response ?? (documented ? { 200: documented } : {})
  const responses: JsonSchema = Object.fromEntries(Object.entries(declared).map(([status, schema]) =>
    [status, { description: String((schema as JsonSchema).description ?? 'OK'), content: { 'application/json': { schema: plain(schema) } } }]))
  if (Object.keys(responses).length === 0) responses[route.method === 'post' ? '2XX' : '200'] = { description: 'OK' }
  responses['4XX'] = problem
  return responses
}

function operationOf(route: CatalogRoute): JsonSchema {
  const parameters = parametersOf(route)
  return {
    operationId: `${route.method}${route.path.replace(/\{([^}]+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [route.path.split('/')[3] ?? 'system'],
    ...(route.auth === 'public' ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: plain(route.schema.body) } } } } : {}),
    responses: responsesOf(route),
  }
}

type PathItems = Record<string, Record<string, JsonSchema>>
/** The route table is fixed once the app is ready, and the same for every caller: derived once (per table size). */
const derivedCache = new WeakMap<CatalogRoute[], { count: number; paths: PathItems }>()

/** Paths of every recorded route; `/` and other non-API pages are left out. Read-only: shared between documents. */
export function derivedPaths(routes: CatalogRoute[]): PathItems {
  const cached = derivedCache.get(routes)
  if (cached?.count === routes.length) return cached.paths
  const paths: PathItems = {}
  for (const route of routes) {
    if (!route.path.startsWith('/api/') && route.path !== '/healthz') continue
    ;(paths[route.path] ??= {})[route.method] = operationOf(route)
  }
  derivedCache.set(routes, { count: routes.length, paths })
  return paths
}

/**
 * Derived paths with the hand-written operations laid over them, key by key: what an operation
 * writes (summary, header parameters, named schemas) wins, what it leaves out (a request body,
 * parameters) stays derived.
 */
export function mergePaths(derived: Record<string, Record<string, JsonSchema>>, written: Record<string, Record<string, JsonSchema>>) {
  const merged: Record<string, Record<string, JsonSchema>> = { ...derived }
  for (const [path, operations] of Object.entries(written)) {
    const into: Record<string, JsonSchema> = { ...merged[path] }
    for (const [method, operation] of Object.entries(operations)) {
      const responses = { ...(into[method]?.responses as JsonSchema | undefined) }
      // A written response without content keeps the derived one's schema.
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, JsonSchema>)) responses[status] = { ...(responses[status] as JsonSchema | undefined), ...response }
      into[method] = { ...into[method], ...operation, responses }
    }
    merged[path] = into
  }
  return merged
}
