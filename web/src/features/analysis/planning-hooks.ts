/** Shared bits of the planning screens: members as owner choices, the workspace currency, the current quarter. */
import { useQuery } from '@tanstack/react-query'
import { getWorkspaceSettings, listMembers } from '../../api/settings.js'

export const useMembers = (enabled: boolean) =>
  useQuery({ queryKey: ['analysis', 'members'], queryFn: ({ signal }) => listMembers(signal), enabled, retry: false })

export const useWorkspaceCurrency = () =>
  useQuery({ queryKey: ['workspace'], queryFn: ({ signal }) => getWorkspaceSettings(signal), select: (settings) => settings.defaultCurrency }).data ?? 'EUR'

export function currentQuarter(now = new Date()): string {
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
}
