import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError, fieldError } from '../../errors.js'
import { principalOf, type Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import type { AuditService } from '../identity/audit.service.js'
import type { ApiKeysService } from './api-keys.service.js'

/**
 * API keys over HTTP. A member creates keys that act as themselves; an administrator may also
 * create role keys for integrations. The key is in the creation response only.
 */
export function registerApiKeyRoutes(app: FastifyInstance, deps: { apiKeys: ApiKeysService; access: AccessService; audit: AuditService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const config = { auth: 'member' } as const
  const isAdmin = async (p: Principal) => (await deps.access.policy(p.workspaceId, p.roleId, p.userId)).isAdmin

  r.get('/api/v1/api-keys', { config }, async (request) => {
    const principal = principalOf(request)
    const keys = await deps.apiKeys.list(principal.workspaceId)
    return { data: (await isAdmin(principal)) ? keys : keys.filter((k) => k.userId === principal.userId) }
  })

  r.post('/api/v1/api-keys', {
    config,
    schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), roleId: Type.Optional(Type.String({ maxLength: 100 })), expiresAt: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const principal = principalOf(request)
    const { name, roleId, expiresAt } = request.body
    if (expiresAt && new Date(expiresAt).getTime() <= Date.now()) throw fieldError('/expiresAt', 'must be in the future')
    if (roleId) {
      if (!(await isAdmin(principal))) throw new AppError('forbidden', 'Only administrators create role keys')
      if (!(await deps.access.listRoles(principal.workspaceId)).some((role) => role.id === roleId)) throw fieldError('/roleId', 'no such role in this workspace')
    } else if (!principal.userId) throw fieldError('/roleId', 'a role key creates role keys only')
    const owner = roleId ? { roleId } : { userId: principal.userId! }
    const { key, info } = await deps.apiKeys.create(principal.workspaceId, name, owner, { expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined })
    await deps.audit.record('api-key-created', { workspaceId: principal.workspaceId, actor: principal.userId, detail: { keyId: info.id, roleId: roleId ?? null } })
    return reply.status(201).send({ data: { ...info, key } })
  })

  r.delete('/api/v1/api-keys/:id', { config, schema: { params: Type.Object({ id: Type.String({ maxLength: 100 }) }) } }, async (request, reply) => {
    const principal = principalOf(request)
    const revoked = await deps.apiKeys.revoke(principal.workspaceId, request.params.id, (await isAdmin(principal)) ? undefined : principal.userId ?? '-')
    if (!revoked) throw new AppError('not-found', 'No such API key')
    await deps.audit.record('api-key-revoked', { workspaceId: principal.workspaceId, actor: principal.userId, detail: { keyId: request.params.id } })
    return reply.status(204).send()
  })
}
