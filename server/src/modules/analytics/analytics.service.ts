/**
 * @module analytics
 * Analytics use cases: aggregates (group-by and measures computed by the database) over the
 * records the caller may read. Access and metadata come from the records service's context.
 */
import type { AggregateRequest } from '../../../../contracts/analytics.js'
import { aggregateRecords, type AggregateResult } from '../../engine/aggregate.js'
import { getObject } from '../../engine/metadata-store.js'
import type { Principal } from '../../http/auth.js'
import type { RecordsService } from '../records/records.service.js'

export function createAnalyticsService(deps: { records: RecordsService }) {
  return {
    async aggregate(principal: Principal, query: AggregateRequest): Promise<AggregateResult> {
      const ctx = await deps.records.contextFor(principal)
      return aggregateRecords(ctx, getObject(ctx.metadata, query.object), query)
    },
  }
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>
