/**
 * The dialect matrix: every engine and HTTP suite runs once per database. SQLite always;
 * PostgreSQL whenever the test runner started one (RAPPORT_TEST_PG_URL, see scripts/run-tests.mjs).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp, createServices, type Services } from '../../server/src/app.js'
import { openPostgresDatabase, openSqliteDatabase, type Database } from '../../server/src/db/database.js'

export interface DialectCase {
  name: 'sqlite' | 'postgres'
  /** `processEnv` points a child `bin/rapport` process at the same database. */
  open(): Promise<{ database: Database; cleanup(): Promise<void>; processEnv: Record<string, string> }>
}

const APP_ROLE = 'rapport_app'
const APP_PASSWORD = 'rapport-test-only'

export const DIALECTS: DialectCase[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-test-'))
      const database = await openSqliteDatabase(dir)
      return {
        database, processEnv: { RAPPORT_DATA_DIR: dir, DATABASE_URL: '' },
        cleanup: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }) },
      }
    },
  },
  ...(process.env.RAPPORT_TEST_PG_URL
    ? [{
        name: 'postgres' as const,
        // A database of its own per suite: control tables (users, setup) are isolated too.
        async open() {
          const admin = new pg.Client({ connectionString: process.env.RAPPORT_TEST_PG_URL })
          await admin.connect()
          const name = `rapport_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
          // The server connects as an ordinary role that owns its database, never as a superuser.
          await admin.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
            create role ${APP_ROLE} login password '${APP_PASSWORD}' nosuperuser nocreatedb nocreaterole; end if; end $$`)
          await admin.query(`create database ${name} owner ${APP_ROLE}`)
          const url = new URL(process.env.RAPPORT_TEST_PG_URL!)
          url.pathname = `/${name}`
          url.username = APP_ROLE
          url.password = APP_PASSWORD
          const database = await openPostgresDatabase(url.toString())
          return {
            database,
            processEnv: { DATABASE_URL: url.toString(), RAPPORT_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-test-')) },
            async cleanup() {
              await database.close()
              await admin.query(`drop database ${name} with (force)`)
              await admin.end()
            },
          }
        },
      }]
    : []),
]

export interface TestEnv {
  dialect: DialectCase['name']
  services: Services
  app: FastifyInstance
  workspaceId: string
  adminUserId: string
  apiKey: string
  /** Authorization header for the workspace administrator's key. */
  auth: { authorization: string }
  /** Adds a member with the given role (by id or default role name) and returns a key acting as them. */
  addMember(role: string, name?: string): Promise<{ userId: string; auth: { authorization: string } }>
  close(): Promise<void>
}

let userCounter = 0

/** A fresh database connection, app and workspace with an administrator and their API key. */
export async function startEnv(dialect: DialectCase): Promise<TestEnv> {
  const { database, cleanup } = await dialect.open()
  const services = await createServices(database)
  const app = await buildApp({ services })
  const workspace = await services.workspaces.create({ name: `test ${Date.now()}`, defaultCountry: 'LT', defaultCurrency: 'EUR' })
  const addMember = async (role: string, name = `user${++userCounter}`) => {
    const roles = await services.access.listRoles(workspace.id)
    const found = roles.find((r) => r.id === role || r.name === role || (role === 'admin' && r.isAdmin))
    if (!found) throw new Error(`no role ${role}`)
    const user = await services.users.create({ email: `${name}.${workspace.id}@example.com`, name, password: 'correct horse battery' })
    await services.access.addMember(workspace.id, user, found.id)
    const { key } = await services.apiKeys.create(workspace.id, name, { userId: user.id })
    return { userId: user.id, auth: { authorization: `Bearer ${key}` } }
  }
  const admin = await addMember('admin', 'admin')
  return {
    dialect: dialect.name, services, app, workspaceId: workspace.id, adminUserId: admin.userId, addMember,
    apiKey: admin.auth.authorization.slice('Bearer '.length), auth: admin.auth,
    async close() {
      await app.close()
      await database.dropWorkspaceStorage(workspace.id).catch(() => {})
      await cleanup()
    },
  }
}

/** Small helper for JSON requests through inject(). */
export async function call(env: TestEnv, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await env.app.inject({
    method: method as 'GET', url, headers: { ...env.auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  let json: any = undefined
  try {
    json = response.body ? JSON.parse(response.body) : undefined
  } catch {
    json = undefined
  }
  return { status: response.statusCode, headers: response.headers, json, body: response.body }
}
