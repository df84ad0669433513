import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { UpdateWorkspaceBody } from '../../../../contracts/workspace.js'
import { principalOf } from '../../http/auth.js'
import type { WorkspaceSettingsService } from './workspace-settings.service.js'

/** The caller's workspace: read by members, changed by administrators (checked in the service). */
export function registerWorkspaceSettingsRoutes(app: FastifyInstance, deps: { workspaceSettings: WorkspaceSettingsService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const
  r.get('/api/v1/workspace', { config }, async (request) => ({ data: await deps.workspaceSettings.get(principalOf(request)) }))
  r.patch('/api/v1/workspace', { config, schema: { body: UpdateWorkspaceBody } }, async (request) =>
    ({ data: await deps.workspaceSettings.update(principalOf(request), request.body) }))
}
