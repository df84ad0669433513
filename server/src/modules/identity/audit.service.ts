/**
 * @module identity/audit
 * The security audit log: sign-ins (and failures), role and permission changes, key creation,
 * exports. Append-only through the API; readable by a workspace's administrators.
 */
import type { Database } from '../../db/database.js'
import { newId } from '../../engine/ids.js'

export type AuditEvent =
  | 'sign-in' | 'sign-in-failed' | 'sign-out' | 'sign-out-everywhere' | 'password-changed' | 'password-reset-requested'
  | 'password-reset' | 'setup' | 'member-added' | 'member-removed' | 'role-assigned' | 'role-created' | 'role-changed'
  | 'sharing-changed' | 'api-key-created' | 'api-key-revoked' | 'invitation-sent' | 'invitation-accepted' | 'totp-enabled'
  | 'totp-disabled' | 'settings-changed' | 'export' | 'access-denied'

export interface AuditEntry {
  id: string
  workspaceId: string | null
  actor: string | null
  event: AuditEvent
  detail: Record<string, unknown>
  ip: string | null
  at: string
}

export function createAuditService(deps: { database: Database }) {
  const { control, dialect } = deps.database
  return {
    async record(event: AuditEvent, entry: { workspaceId?: string | null; actor?: string | null; detail?: Record<string, unknown>; ip?: string | null }): Promise<void> {
      await control.insertInto('audit_log').values({
        id: newId(), workspace_id: entry.workspaceId ?? null, actor: entry.actor ?? null, event,
        detail: dialect.toDb('json', entry.detail ?? {}), ip: entry.ip ?? null, at: new Date().toISOString(),
      }).execute()
    },
    async list(workspaceId: string, options: { limit?: number; before?: string } = {}): Promise<AuditEntry[]> {
      let query = control.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId)
      if (options.before) query = query.where('at', '<', options.before)
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.min(options.limit ?? 100, 500)).execute()
      return rows.map((r) => ({
        id: r.id, workspaceId: r.workspace_id, actor: r.actor, event: r.event, ip: r.ip,
        detail: dialect.fromDb('json', r.detail) as Record<string, unknown>, at: dialect.fromDb('timestamp', r.at) as string,
      }))
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
