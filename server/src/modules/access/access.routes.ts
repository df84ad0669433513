import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { GRANTEE_TYPES, RolePermissions, SHARING_ACCESS, type GranteeType, type SharingAccess } from '../../../../contracts/access.js'
import { API_NAME_PATTERN } from '../../../../contracts/field-types.js'
import { principalOf } from '../../http/auth.js'
import type { AccessAdminService } from './access-admin.service.js'

const Id = Type.String({ maxLength: 100 })
const Grantee = {
  granteeType: Type.Unsafe<GranteeType>({ type: 'string', enum: [...GRANTEE_TYPES] }),
  granteeId: Id,
  access: Type.Unsafe<'read' | 'readWrite'>({ type: 'string', enum: ['read', 'readWrite'] }),
}

/** Roles, members, teams, sharing and the audit log. Administrators only, checked in the service. */
export function registerAccessRoutes(app: FastifyInstance, deps: { admin: AccessAdminService }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const { admin } = deps
  const config = { auth: 'member' } as const
  const base = '/api/v1/access'

  r.get(`${base}/roles`, { config }, async (request) => ({ data: await admin.listRoles(principalOf(request)) }))
  r.post(`${base}/roles`, {
    config, schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), parentId: Type.Optional(Type.Union([Id, Type.Null()])), permissions: RolePermissions }, { additionalProperties: false }) },
  }, async (request, reply) => reply.status(201).send({ data: await admin.createRole(principalOf(request), request.body) }))
  r.patch(`${base}/roles/:id`, {
    config,
    schema: {
      params: Type.Object({ id: Id }),
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), parentId: Type.Optional(Type.Union([Id, Type.Null()])), permissions: Type.Optional(RolePermissions) }, { additionalProperties: false, minProperties: 1 }),
    },
  }, async (request) => ({ data: await admin.updateRole(principalOf(request), request.params.id, request.body) }))

  r.get(`${base}/members`, { config }, async (request) => ({ data: await admin.listMembers(principalOf(request)) }))
  r.patch(`${base}/members/:userId`, {
    config, schema: { params: Type.Object({ userId: Id }), body: Type.Object({ roleId: Id }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await admin.setMemberRole(principalOf(request), request.params.userId, request.body.roleId)
    return reply.status(204).send()
  })
  r.delete(`${base}/members/:userId`, { config, schema: { params: Type.Object({ userId: Id }) } }, async (request, reply) => {
    await admin.removeMember(principalOf(request), request.params.userId)
    return reply.status(204).send()
  })

  r.post(`${base}/teams`, {
    config, schema: { body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), memberIds: Type.Array(Id, { maxItems: 10_000 }) }, { additionalProperties: false }) },
  }, async (request, reply) => reply.status(201).send({ data: await admin.createTeam(principalOf(request), request.body.name, request.body.memberIds) }))

  r.get(`${base}/teams`, { config }, async (request) => ({ data: await admin.listTeams(principalOf(request)) }))
  r.put(`${base}/teams/:id/members`, {
    config, schema: { params: Type.Object({ id: Id }), body: Type.Object({ memberIds: Type.Array(Id, { maxItems: 10_000 }) }, { additionalProperties: false }) },
  }, async (request) => ({ data: await admin.setTeamMembers(principalOf(request), request.params.id, request.body.memberIds) }))

  r.get(`${base}/sharing`, { config }, async (request) => ({ data: await admin.sharingDefaults(principalOf(request)) }))
  r.put(`${base}/sharing/:object`, {
    config,
    schema: { params: Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }) }), body: Type.Object({ access: Type.Unsafe<SharingAccess>({ type: 'string', enum: [...SHARING_ACCESS] }) }, { additionalProperties: false }) },
  }, async (request, reply) => {
    await admin.setSharingDefault(principalOf(request), request.params.object, request.body.access)
    return reply.status(204).send()
  })
  r.post(`${base}/sharing-rules`, {
    config,
    schema: { body: Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }), name: Type.String({ minLength: 1, maxLength: 200 }), criteria: Type.Unknown(), ...Grantee }, { additionalProperties: false }) },
  }, async (request, reply) => reply.status(201).send({ data: { id: await admin.createSharingRule(principalOf(request), request.body) } }))

  r.get(`${base}/sharing-rules`, { config }, async (request) => ({ data: await admin.listSharingRules(principalOf(request)) }))
  r.delete(`${base}/sharing-rules/:id`, { config, schema: { params: Type.Object({ id: Id }) } }, async (request, reply) => {
    await admin.deleteSharingRule(principalOf(request), request.params.id)
    return reply.status(204).send()
  })

  r.post('/api/v1/records/:object/:id/shares', {
    config,
    schema: { params: Type.Object({ object: Type.String({ pattern: API_NAME_PATTERN }), id: Id }), body: Type.Object(Grantee, { additionalProperties: false }) },
  }, async (request, reply) => reply.status(201).send({ data: { id: await admin.shareRecord(principalOf(request), request.params.object, request.params.id, request.body) } }))

  r.get('/api/v1/audit-log', {
    config, schema: { querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), before: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }) },
  }, async (request) => ({ data: await admin.auditLog(principalOf(request), request.query) }))
}
