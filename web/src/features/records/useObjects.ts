import { useCallback } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { listObjects } from '../../api/records.js'
import type { ObjectDescription } from '../../api/types.js'
import { localizeObjects } from '../../i18n/standard-labels.js'

export const OBJECTS_KEY = ['metadata', 'objects'] as const

/**
 * Every object the signed-in member can see, with its fields (GET /api/v1/metadata/objects),
 * the standard labels shown in the current language.
 */
export function useObjects() {
  const { i18n } = useTranslation()
  const language = i18n.language
  const select = useCallback((objects: ObjectDescription[]) => localizeObjects(objects, language), [language])
  return useQuery({ queryKey: OBJECTS_KEY, queryFn: ({ signal }) => listObjects(signal), staleTime: 60_000, select })
}
