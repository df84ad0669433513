import { AppError } from '../../errors.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import type { AuditService } from './audit.service.js'

/** Throws forbidden (and audits the refusal) unless the caller administers their workspace. */
export async function requireAdmin(deps: { access: AccessService; audit: AuditService }, principal: Principal, area: string): Promise<void> {
  const policy = await deps.access.policy(principal.workspaceId, principal.roleId, principal.userId)
  if (policy.isAdmin) return
  await deps.audit.record('access-denied', { workspaceId: principal.workspaceId, actor: principal.userId, detail: { area } })
  throw new AppError('forbidden', `Only administrators manage ${area}`)
}

/** Who did it, for the audit log: the user, or the role-level key. */
export const actorOf = (principal: Principal): string => principal.userId ?? `key:${principal.credentialId}`
