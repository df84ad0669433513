/**
 * @module workspaces/settings
 * A workspace's name and regional defaults (language, currency, country). Every member reads
 * them (the web app formats with them); only administrators change them, and each change is
 * audited. The currency must be one Intl knows, so a typo like "EUO" is refused, not stored.
 */
import type { UpdateWorkspaceBody, WorkspaceSettings } from '../../../../contracts/workspace.js'
import { ProblemCollector } from '../../errors.js'
import type { Principal } from '../../http/auth.js'
import type { AccessService } from '../access/access.service.js'
import { actorOf, requireAdmin } from '../identity/admin-guard.js'
import type { AuditService } from '../identity/audit.service.js'
import type { Workspace, WorkspacesService } from './workspaces.service.js'

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'))
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

const settingsOf = (w: Workspace): WorkspaceSettings =>
  ({ id: w.id, name: w.name, locale: w.locale, defaultCurrency: w.defaultCurrency, defaultCountry: w.defaultCountry })

export function createWorkspaceSettingsService(deps: { workspaces: WorkspacesService; access: AccessService; audit: AuditService }) {
  return {
    async get(principal: Principal): Promise<WorkspaceSettings> {
      return settingsOf(await deps.workspaces.get(principal.workspaceId))
    },

    async update(principal: Principal, input: UpdateWorkspaceBody): Promise<WorkspaceSettings> {
      await requireAdmin(deps, principal, 'workspace settings')
      const problems = new ProblemCollector()
      if (input.name !== undefined && !input.name.trim()) problems.add('/name', 'must not be blank')
      if (input.defaultCurrency && !KNOWN_CURRENCIES.has(input.defaultCurrency)) problems.add('/defaultCurrency', 'is not an ISO 4217 currency code')
      if (input.defaultCountry && !regionNames.of(input.defaultCountry)) problems.add('/defaultCountry', 'is not an ISO 3166 country code')
      problems.throwIfAny()
      const updated = await deps.workspaces.update(principal.workspaceId, { ...input, name: input.name?.trim() })
      await deps.audit.record('settings-changed', { workspaceId: principal.workspaceId, actor: actorOf(principal), detail: { setting: 'workspace', changes: Object.keys(input) } })
      return settingsOf(updated)
    },
  }
}

export type WorkspaceSettingsService = ReturnType<typeof createWorkspaceSettingsService>
