/**
 * Data of a kanban board through TanStack Query: the parents to pick from, the columns, the
 * per-column totals (one aggregate request for the whole board) and each column's cards as
 * keyset pages with "load more".
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { aggregate } from '../../api/analytics.js'
import { listRecords } from '../../api/records.js'
import type { ObjectDescription } from '../../api/types.js'
import { relationLabels, type LoadedPage } from '../records/useRecordList.js'
import { amountFieldOf, boardFilter, columnFilter, columnRecordSort, POSITION_FIELD, PROBABILITY_FIELD, type BoardColumn, type ColumnSource } from './board-model.js'

export const CARDS_PER_PAGE = 20
/** Parents (pipelines) and columns (stages) are short lists; one page holds them. */
const SMALL_LIST = 200

/** Query keys; everything of one board sits under `boardKey(object)` so a move can refresh it all. */
export const boardKey = (object: string) => ['records', object, 'kanban'] as const
export const cardsKey = (object: string, source: string, parentId: string | null, column: string) => [...boardKey(object), source, parentId, 'cards', column] as const
export const totalsKey = (object: string, source: string, parentId: string | null) => [...boardKey(object), source, parentId, 'totals'] as const

/** The records a relation source's parent picker offers (pipelines). */
export function useParents(source: ColumnSource | undefined) {
  const parent = source?.kind === 'relation' ? source.parent.object : null
  return useQuery({
    queryKey: ['records', parent?.apiName ?? '', 'kanbanParents'],
    enabled: parent !== null,
    queryFn: async ({ signal }) => (await listRecords(parent!.apiName, { sort: columnRecordSort(parent!), limit: SMALL_LIST, signal })).data,
  })
}

/** The column records of a relation source for one parent (the pipeline's stages). */
export function useColumnRecords(source: ColumnSource | undefined, parentId: string | null) {
  const target = source?.kind === 'relation' ? source.target : null
  return useQuery({
    queryKey: ['records', target?.apiName ?? '', 'kanbanColumns', parentId],
    enabled: target !== null && parentId !== null,
    queryFn: async ({ signal }) => {
      if (source?.kind !== 'relation') return []
      const wanted = [...source.target.labelFields, POSITION_FIELD, PROBABILITY_FIELD].filter((name) => source.target.fields.some((f) => f.apiName === name))
      const page = await listRecords(source.target.apiName, {
        filter: { field: source.parent.columnField.apiName, op: 'eq', value: parentId }, sort: columnRecordSort(source.target), limit: SMALL_LIST, fields: wanted, signal,
      })
      return page.data
    },
  })
}

export interface ColumnTotals {
  count: number
  /** Exact sums of the amount field, one per currency. */
  sums: { currency: string; amount: string }[]
}

/** Count and amount sums per column value ('' key for "no value"), from the aggregate endpoint. */
export function useColumnTotals(object: ObjectDescription, source: ColumnSource, parentId: string | null) {
  const amount = amountFieldOf(object)
  return useQuery({
    queryKey: totalsKey(object.apiName, source.field.apiName, parentId),
    queryFn: async ({ signal }) => {
      const answer = await aggregate({
        object: object.apiName, filter: boardFilter(source, parentId), groupBy: [{ field: source.field.apiName }],
        measures: [{ fn: 'count' }, ...(amount ? [{ fn: 'sum' as const, field: amount.apiName }] : [])], limit: 1000,
      }, signal)
      const totals = new Map<string | null, ColumnTotals>()
      for (const row of answer.rows) {
        const sums = amount ? (row[`sum_${amount.apiName}`] as ColumnTotals['sums']) : []
        totals.set((row[source.field.apiName] as string | null) ?? null, { count: Number(row.count), sums })
      }
      return totals
    },
  })
}

/** One column's cards, newest first, in keyset pages. */
export function useColumnCards(object: ObjectDescription, objects: ObjectDescription[], source: ColumnSource, parentId: string | null, column: BoardColumn) {
  return useInfiniteQuery({
    queryKey: cardsKey(object.apiName, source.field.apiName, parentId, column.key),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }): Promise<LoadedPage> => {
      const page = await listRecords(object.apiName, { filter: columnFilter(source, parentId, column), cursor: pageParam, limit: CARDS_PER_PAGE, signal })
      return { ...page, labels: await relationLabels(object, page.data, objects, signal) }
    },
    getNextPageParam: (last) => (last.page.hasMore ? last.page.nextCursor : undefined),
  })
}
