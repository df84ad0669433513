/**
 * Wires the telephony module: its services over the shared database, its routes, and the
 * sweeper that closes calls whose phone system never sent an end (once a minute, stopped with
 * the app).
 */
import type { FastifyInstance } from 'fastify'
import type { Database } from '../../db/database.js'
import type { AccessService } from '../access/access.service.js'
import type { SecretBox } from '../identity/secret-box.js'
import type { ObjectsService } from '../objects/objects.service.js'
import type { RecordsService } from '../records/records.service.js'
import type { WorkspacesService } from '../workspaces/workspaces.service.js'
import { createCallStream } from './call-stream.js'
import { registerCallStreamRoutes } from './call-stream.routes.js'
import { createPhoneLinesService } from './phone-lines.service.js'
import { createTelephonyService } from './telephony.service.js'
import type { CallRoutingPort } from './call-routing-port.js'
import type { IvrPort } from './ivr-port.js'
import { registerTelephonyRoutes } from './telephony.routes.js'

const SWEEP_EVERY_MS = 60_000

export function createTelephonyServices(deps: {
  database: Database; workspaces: WorkspacesService; access: AccessService; box: SecretBox; publicUrl: string | null; routing?: CallRoutingPort; ivr?: IvrPort
}) {
  const stream = createCallStream()
  const lines = createPhoneLinesService({ database: deps.database, workspaces: deps.workspaces, box: deps.box })
  const calls = createTelephonyService({ database: deps.database, workspaces: deps.workspaces, access: deps.access, stream, routing: deps.routing })
  return { stream, lines, calls, publicUrl: deps.publicUrl, ivr: deps.ivr }
}

export type TelephonyServices = ReturnType<typeof createTelephonyServices>

export function registerTelephony(app: FastifyInstance, services: { telephony: TelephonyServices; access: AccessService; objects: ObjectsService; records: RecordsService }): void {
  const { telephony } = services
  registerTelephonyRoutes(app, { lines: telephony.lines, telephony: telephony.calls, access: services.access, objects: services.objects, publicUrl: telephony.publicUrl, ivr: telephony.ivr })
  registerCallStreamRoutes(app, { stream: telephony.stream, telephony: telephony.calls, records: services.records })
  const sweeper = setInterval(() => {
    telephony.calls.sweep().catch((error: unknown) => app.log.error({ err: error }, 'telephony sweep failed'))
  }, SWEEP_EVERY_MS)
  sweeper.unref()
  app.addHook('onClose', async () => clearInterval(sweeper))
}
