/**
 * Every route declares `config.auth`: 'public' or 'apiKey'. A route without a declaration
 * stops the app from starting, so nothing is open by accident. (Sessions arrive with the
 * users issue and add 'session'.)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'
import type { ApiKeysService, Credential } from '../modules/api-keys/api-keys.service.js'
import { sendProblem } from './problem-handler.js'

export type RouteAuth = 'public' | 'apiKey'

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth
  }
  interface FastifyRequest {
    credential?: Credential
  }
}

export interface RouteEntry {
  method: string
  url: string
  auth: RouteAuth
}

const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>()

/** Every route the app registered, with its declared auth: attack tests are generated from it. */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  return routeTables.get(app) ?? []
}

export function registerAuth(app: FastifyInstance, deps: { apiKeys: ApiKeysService }): void {
  const table: RouteEntry[] = []
  routeTables.set(app, table)
  app.addHook('onRoute', (route) => {
    const auth = (route.config as { auth?: unknown } | undefined)?.auth
    if (auth !== 'public' && auth !== 'apiKey') {
      throw new Error(`route ${route.method} ${route.url} must declare config.auth ('public' or 'apiKey')`)
    }
    for (const method of [route.method].flat()) table.push({ method, url: route.url, auth })
  })
  app.addHook('onRequest', async (request, reply) => {
    const auth = request.routeOptions.config?.auth
    if (auth === 'public' || auth === undefined) return // undefined: the not-found handler
    const header = request.headers.authorization
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined
    const credential = token ? await deps.apiKeys.verify(token) : undefined
    if (!credential) {
      reply.header('WWW-Authenticate', 'Bearer realm="rapport"')
      return sendProblem(reply, new AppError('unauthenticated', token ? 'The API key is not valid, expired or revoked' : 'Send an API key as Authorization: Bearer <key>'))
    }
    request.credential = credential
  })
}

/** The request's credential; only call it in routes declared 'apiKey'. */
export function credentialOf(request: FastifyRequest): Credential {
  if (!request.credential) throw new AppError('unauthenticated')
  return request.credential
}
