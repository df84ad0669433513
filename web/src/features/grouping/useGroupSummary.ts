import { useQuery } from '@tanstack/react-query'
import { aggregate } from '../../api/analytics.js'
import type { FieldDescription, ObjectDescription } from '../../api/types.js'
import { bucketOf } from './grouping-model.js'

/** Most groups the summary lists; the answer says when there were more. */
export const MAX_GROUPS = 200

/** Count (and the sum of `sumOf`) per value of `groupBy`, computed by the server. */
export function useGroupSummary(object: ObjectDescription, groupBy: FieldDescription, sumOf: FieldDescription | undefined) {
  return useQuery({
    queryKey: ['records', object.apiName, 'groups', groupBy.apiName, sumOf?.apiName ?? null],
    queryFn: ({ signal }) => aggregate({
      object: object.apiName,
      groupBy: [{ field: groupBy.apiName, bucket: bucketOf(groupBy) }],
      measures: [{ fn: 'count' }, ...(sumOf ? [{ fn: 'sum' as const, field: sumOf.apiName }] : [])],
      limit: MAX_GROUPS,
    }, signal),
  })
}
