import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { getWorkspaceSettings } from '../../api/settings.js'
import { applyDefaultLanguage, hasChosenLanguage } from '../../i18n/index.js'

export const WORKSPACE_SETTINGS_KEY = ['settings', 'workspace'] as const

/** The workspace's settings (name, language, currency, country), readable by every member. */
export function useWorkspaceSettings() {
  return useQuery({ queryKey: WORKSPACE_SETTINGS_KEY, queryFn: ({ signal }) => getWorkspaceSettings(signal), staleTime: 5 * 60_000 })
}

/** A member who never picked a language sees the workspace's default one instead of the browser's. */
export function useWorkspaceLanguage(): void {
  const locale = useWorkspaceSettings().data?.locale
  useEffect(() => {
    if (locale && !hasChosenLanguage()) applyDefaultLanguage(locale)
  }, [locale])
}
