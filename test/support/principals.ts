/** The test workspace's administrator as a service-level principal, for calling services directly (not over HTTP). */
import type { Principal } from '../../server/src/http/auth.js'
import type { TestEnv } from './dialects.js'

export async function adminPrincipal(env: TestEnv): Promise<Principal> {
  const roleId = (await env.services.access.listRoles(env.workspaceId)).find((r) => r.isAdmin)!.id
  return { workspaceId: env.workspaceId, userId: env.adminUserId, credentialId: 'service-test', via: 'apiKey', roleId }
}
