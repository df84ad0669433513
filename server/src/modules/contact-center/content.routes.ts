/**
 * @module contact-center content
 * One entry point for the IVR designer, agent scripts and the knowledge base, so app.ts adds a
 * single line. The services are built here from the app's record, workspace and access services.
 */
import type { FastifyInstance } from 'fastify'
import type { AccessService } from '../access/access.service.js'
import type { RecordsService } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { registerIvrRoutes } from './ivr.routes.js'
import { createIvrService } from './ivr.service.js'
import { registerKbRoutes } from './kb.routes.js'
import { createKbService } from './kb.service.js'
import { registerScriptRoutes } from './scripts.routes.js'
import { createScriptsService } from './scripts.service.js'

export function createContactCenterContent(deps: { records: RecordsService; workspaces: WorkspacesService; access: AccessService }) {
  return { ivr: createIvrService(deps), scripts: createScriptsService(deps), kb: createKbService(deps) }
}

export type ContactCenterContent = ReturnType<typeof createContactCenterContent>

export function registerContactCenterContentRoutes(app: FastifyInstance, content: ContactCenterContent): void {
  registerIvrRoutes(app, content)
  registerScriptRoutes(app, content)
  registerKbRoutes(app, content)
}
