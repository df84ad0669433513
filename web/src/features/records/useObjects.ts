import { useQuery } from '@tanstack/react-query'
import { listObjects } from '../../api/records.js'

export const OBJECTS_KEY = ['metadata', 'objects'] as const

/** Every object the signed-in member can see, with its fields (GET /api/v1/metadata/objects). */
export function useObjects() {
  return useQuery({ queryKey: OBJECTS_KEY, queryFn: ({ signal }) => listObjects(signal), staleTime: 60_000 })
}
