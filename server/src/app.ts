/**
 * @module app
 * createServices wires the services over one database; buildApp puts HTTP routes in front of
 * them. Tests call both and use inject(); main.ts calls them and listens. There is one
 * Database (and so one Kysely per store) per process, passed in, never imported.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import client from 'prom-client'
import { readConfig, type Config } from './config.js'
import type { Database } from './db/database.js'
import { AccessModelCache } from './engine/access.js'
import { MetadataCache } from './engine/metadata-store.js'
import { createSchemaEditor } from './engine/schema-editor.js'
import { createCursorCodec } from './engine/sort-cursor.js'
import { registerAuth } from './http/auth.js'
import { registerRateLimits, type RateLimitOptions } from './http/rate-limit.js'
import { registerJsonParser } from './http/json-body.js'
import { registerProblemHandler } from './http/problem-handler.js'
import { createAnalyticsService } from './modules/analytics/analytics.service.js'
import { registerAnalyticsRoutes } from './modules/analytics/analytics.routes.js'
import { createAccessAdminService } from './modules/access/access-admin.service.js'
import { registerAccessRoutes } from './modules/access/access.routes.js'
import { createAccessService, type AccessService } from './modules/access/access.service.js'
import { registerApiKeyRoutes } from './modules/api-keys/api-keys.routes.js'
import { createApiKeysService } from './modules/api-keys/api-keys.service.js'
import { registerAccountRoutes } from './modules/identity/account.routes.js'
import { createAuditService } from './modules/identity/audit.service.js'
import { registerAuthRoutes } from './modules/identity/auth.routes.js'
import { createAuthService } from './modules/identity/auth.service.js'
import { createInvitationsService } from './modules/identity/invitations.service.js'
import { mailerFromConfig, type Mailer } from './modules/identity/mailer.js'
import { createOneTimeTokens } from './modules/identity/one-time-tokens.js'
import { createPasswordResetService } from './modules/identity/password-reset.service.js'
import { createSecretBox, type SecretBox } from './modules/identity/secret-box.js'
import { createSessionsService } from './modules/identity/sessions.service.js'
import { createTotpService } from './modules/identity/totp.service.js'
import { createUsersService } from './modules/identity/users.service.js'
import { createObjectsService } from './modules/objects/objects.service.js'
import { registerObjectRoutes } from './modules/objects/objects.routes.js'
import { createRecordsService } from './modules/records/records.service.js'
import { registerContactCenterRoutes } from './modules/contact-center/contact-center.routes.js'
import { createContactCenterContent, registerContactCenterContentRoutes } from './modules/contact-center/content.routes.js'
import { registerAcdRoutes } from './modules/contact-center/acd.routes.js'
import { createContactCenterService } from './modules/contact-center/contact-center.service.js'
import { registerCustomerAnalyticsRoutes } from './modules/customer-analytics/customer-analytics.routes.js'
import { registerForecastingRoutes } from './modules/forecasting/forecasting.routes.js'
import { registerSegmentRoutes } from './modules/segments/segments.routes.js'
import { registerRecordRoutes } from './modules/records/records.routes.js'
import { registerSystemRoutes } from './modules/system/system.routes.js'
import { registerViewRoutes } from './modules/views/views.routes.js'
import { registerImportRoutes } from './modules/imports/imports.routes.js'
import { createImportsService, type ImportsService } from './modules/imports/imports.service.js'
import { createViewsService } from './modules/views/views.service.js'
import { registerDuplicateRoutes } from './modules/duplicates/duplicates.routes.js'
import { createDuplicatesService } from './modules/duplicates/duplicates.service.js'
import { createDashboardsService } from './modules/dashboards/dashboards.service.js'
import { registerDashboardRoutes } from './modules/dashboards/dashboards.routes.js'
import { createExportsService } from './modules/exports/exports.service.js'
import { registerExportRoutes } from './modules/exports/exports.routes.js'
import { createVCardsService } from './modules/cards/vcards.service.js'
import { registerVCardRoutes } from './modules/cards/vcards.routes.js'
import { createCalendarFeedsService } from './modules/cards/calendar-feeds.service.js'
import { registerCalendarFeedRoutes } from './modules/cards/calendar-feeds.routes.js'
import { createWorkspacesService, type WorkspacesService } from './modules/workspaces/workspaces.service.js'
import { registerWorkspaceSettingsRoutes } from './modules/workspaces/workspace-settings.routes.js'
import { createWorkspaceSettingsService } from './modules/workspaces/workspace-settings.service.js'
import { migrateWorkspace } from './db/migrate.js'
import { createTelephonyServices, registerTelephony } from './modules/telephony/telephony.module.js'
import { createIvrCalls } from './modules/contact-center/ivr-calls.js'
import { registerIvrLineRoutes } from './modules/contact-center/ivr-lines.routes.js'

/** Largest request body: a full 1000-operation batch of wide records fits. */
const BODY_LIMIT_BYTES = 16 * 1024 * 1024

/** Reads an instance secret, creating it on first start so it survives restarts. */
async function instanceSecret(database: Database, name: string): Promise<string> {
  const existing = await database.control.selectFrom('instance_settings').select('value').where('name', '=', name).executeTakeFirst()
  if (existing) return existing.value
  const value = randomBytes(32).toString('base64url')
  await database.control.insertInto('instance_settings').values({ name, value }).onConflict((oc) => oc.column('name').doNothing()).execute()
  const stored = await database.control.selectFrom('instance_settings').select('value').where('name', '=', name).executeTakeFirstOrThrow()
  return stored.value
}

export interface ServiceOptions {
  cursorSecret?: string | null
  /** Sends reset and invitation mail; default: SMTP from RAPPORT_SMTP_URL, or a log line without the body. */
  mailer?: Mailer
  /** Seals TOTP seeds; default: RAPPORT_APP_KEY, or the key file `${dataDir}/app.key`. */
  secretBox?: SecretBox
  /** Origin for links in mail; default: RAPPORT_PUBLIC_URL, or the origin of each request. */
  publicUrl?: string | null
  /** Where uploaded import files wait until their job ends; default `${dataDir}/imports`. */
  importDir?: string
  /** Rows per import batch (and checkpoint); default 500. */
  importBatchRows?: number
  /** Migrate existing workspaces at start (default true; tests of a fresh database may skip it). */
  migrateWorkspaces?: boolean
}

/**
 * Brings every existing workspace's store up to date at start: schema migrations, then data
 * a newer release expects (a workspace made before roles existed gets the default roles).
 */
async function upgradeWorkspaces(database: Database, workspaces: WorkspacesService, access: AccessService): Promise<void> {
  for (const workspace of await workspaces.list()) {
    const ws = database.workspace(workspace.id)
    await migrateWorkspace(ws.db, ws.dialect, ws.schema)
    if ((await access.listRoles(workspace.id)).length === 0) await access.createDefaultRoles(workspace.id)
  }
}

/** Builds every service over one database; the CLI uses this without HTTP. */
export async function createServices(database: Database, options: ServiceOptions = {}) {
  let config: Config | undefined
  const fromEnv = () => (config ??= readConfig())
  const mailer = options.mailer ?? mailerFromConfig(fromEnv().smtp)
  const box = options.secretBox ?? createSecretBox({ key: fromEnv().appKey, keyFile: path.join(fromEnv().dataDir, 'app.key') })
  const publicUrl = options.publicUrl !== undefined ? options.publicUrl : fromEnv().publicUrl
  const cache = new MetadataCache()
  const schema = createSchemaEditor({ cache })
  const cursors = createCursorCodec(options.cursorSecret ?? (await instanceSecret(database, 'cursor_secret')))
  const access = createAccessService({ database, models: new AccessModelCache() })
  const workspaces = createWorkspacesService({ database, schema, cache, cursors, createDefaultRoles: (id) => access.createDefaultRoles(id) })
  const apiKeys = createApiKeysService({ database })
  const users = createUsersService({ database })
  const sessions = createSessionsService({ database })
  const audit = createAuditService({ database })
  const records = createRecordsService({ workspaces, access })
  const views = createViewsService({ records })
  const dashboards = createDashboardsService({ records })
  const exports = createExportsService({ records, views, audit })
  const vcards = createVCardsService({ records })
  const calendarFeeds = createCalendarFeedsService({ records, workspaces, users, access })
  const objects = createObjectsService({ database, cache, schema, access })
  const analytics = createAnalyticsService({ records })
  const totp = createTotpService({ database, users, access, audit, box })
  const auth = createAuthService({ database, users, sessions, access, workspaces, audit, totp })
  const accessAdmin = createAccessAdminService({ access, audit, records })
  const tokens = createOneTimeTokens({ database })
  const passwordReset = createPasswordResetService({ users, sessions, audit, tokens, mailer, publicUrl })
  const invitations = createInvitationsService({ users, access, workspaces, audit, tokens, mailer, totp, auth, publicUrl })
  const workspaceSettings = createWorkspaceSettingsService({ workspaces, access, audit })
  const imports: ImportsService = createImportsService({
    records, workspaces, objects, dir: () => options.importDir ?? path.join(fromEnv().dataDir, 'imports'), runner: { batchRows: options.importBatchRows },
  })
  const duplicates = createDuplicatesService({ records, workspaces })
  const contactCenter = createContactCenterService({ database, records, access, workspaces })
  const ivrCalls = createIvrCalls({ database, workspaces, access })
  const telephony = createTelephonyServices({ database, workspaces, access, box, publicUrl, routing: contactCenter.telephony, ivr: ivrCalls.port })
  if (options.migrateWorkspaces !== false) await upgradeWorkspaces(database, workspaces, access)
  return {
    database, cache, workspaces, workspaceSettings, apiKeys, users, sessions, audit, access, accessAdmin, records, views, objects, auth, totp,
    passwordReset, invitations, analytics, imports, duplicates, telephony, contactCenter, dashboards, exports, vcards, calendarFeeds, ivrCalls,
  }
}

export type Services = Awaited<ReturnType<typeof createServices>>

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

export async function buildApp(options: { services: Services; logger?: boolean | object; rateLimits?: RateLimitOptions }): Promise<FastifyInstance> {
  const { services } = options
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true } },
  })
  registerProblemHandler(app)
  registerJsonParser(app)
  await app.register(cookie)
  registerAuth(app, services)
  registerRateLimits(app, options.rateLimits)
  const registry = registerMetrics(app)
  registerSystemRoutes(app, { database: services.database, objects: services.objects, registry })
  registerAuthRoutes(app, { auth: services.auth })
  registerAccountRoutes(app, { passwordReset: services.passwordReset, invitations: services.invitations, totp: services.totp })
  registerAccessRoutes(app, { admin: services.accessAdmin })
  registerApiKeyRoutes(app, services)
  registerObjectRoutes(app, { objects: services.objects })
  registerRecordRoutes(app, { records: services.records })
  registerCustomerAnalyticsRoutes(app, { contextFor: services.records.contextFor })
  registerSegmentRoutes(app, { contextFor: services.records.contextFor })
  registerForecastingRoutes(app, {
    contextFor: services.records.contextFor,
    isMember: async (workspaceId, userId) => (await services.access.roleOfMember(workspaceId, userId)) !== undefined,
  })
  registerAnalyticsRoutes(app, { analytics: services.analytics })
  registerContactCenterRoutes(app)
  registerContactCenterContentRoutes(app, createContactCenterContent(services))
  registerAcdRoutes(app, { contactCenter: services.contactCenter })
  registerWorkspaceSettingsRoutes(app, { workspaceSettings: services.workspaceSettings })
  registerViewRoutes(app, { views: services.views })
  registerImportRoutes(app, { imports: services.imports })
  registerDuplicateRoutes(app, { duplicates: services.duplicates })
  registerTelephony(app, services)
  registerIvrLineRoutes(app, { ivrCalls: services.ivrCalls, lines: services.telephony.lines, records: services.records })
  registerDashboardRoutes(app, { dashboards: services.dashboards })
  registerExportRoutes(app, { exports: services.exports })
  registerVCardRoutes(app, { vcards: services.vcards })
  registerCalendarFeedRoutes(app, { feeds: services.calendarFeeds })
  await app.ready()
  return app
}
