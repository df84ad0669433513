/**
 * Moving a card to another column: the card and the column totals change at once (optimistic),
 * the PATCH carries the card's version as If-Match, and a failure puts everything back with a
 * toast — a 412 (someone changed the record) also reloads the card's columns.
 */
import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client.js'
import { patchRecord } from '../../api/record-writes.js'
import type { ApiRecord, ObjectDescription } from '../../api/types.js'
import { showErrorToast } from '../../components/toasts.js'
import { recordTitle } from '../records/fields.js'
import type { LoadedPage } from '../records/useRecordList.js'
import { amountFieldOf, moveChanges, type BoardColumn, type ColumnSource } from './board-model.js'
import { addAmounts } from './money.js'
import { boardKey, cardsKey, totalsKey, type ColumnTotals } from './useBoard.js'

export interface CardMove {
  card: ApiRecord
  from: BoardColumn
  to: BoardColumn
}

type Cards = InfiniteData<LoadedPage, string | null>
type Totals = Map<string | null, ColumnTotals>

const withoutCard = (data: Cards, id: string): Cards => ({ ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.filter((r) => r.id !== id) })) })

function withCard(data: Cards, card: ApiRecord, labels: Record<string, string>): Cards {
  const [first, ...rest] = data.pages
  if (!first) return data
  return { ...data, pages: [{ ...first, data: [card, ...first.data], labels: { ...labels, ...first.labels } }, ...rest] }
}

/** Totals with one card taken out of `from` and put into `to`. */
function movedTotals(totals: Totals, card: ApiRecord, amountField: string | undefined, from: BoardColumn, to: BoardColumn): Totals {
  const money = amountField ? (card[amountField] as { amount?: string; currency?: string } | null) : null
  const next = new Map(totals)
  const change = (value: string | null, sign: 1 | -1) => {
    const current = next.get(value) ?? { count: 0, sums: [] }
    let sums = current.sums
    if (money?.amount && money.currency) {
      const existing = sums.find((s) => s.currency === money.currency)
      const amount = addAmounts(existing?.amount ?? '0', money.amount, sign)
      if (amount !== null) sums = [...sums.filter((s) => s.currency !== money.currency), { currency: money.currency, amount }].sort((a, b) => (a.currency < b.currency ? -1 : 1))
    }
    next.set(value, { count: current.count + sign, sums })
  }
  change(from.value, -1)
  change(to.value, 1)
  return next
}

export function useMoveCard(object: ObjectDescription, source: ColumnSource, parentId: string | null) {
  const client = useQueryClient()
  const { t } = useTranslation()
  const keyOf = (column: BoardColumn) => cardsKey(object.apiName, source.field.apiName, parentId, column.key)
  const totals = totalsKey(object.apiName, source.field.apiName, parentId)

  return useMutation({
    meta: { handlesOwnErrors: true },
    mutationFn: ({ card, to }: CardMove) => patchRecord(object.apiName, card.id, moveChanges(source, to), card.version),
    async onMutate({ card, from, to }) {
      await client.cancelQueries({ queryKey: boardKey(object.apiName) })
      const saved = { from: client.getQueryData<Cards>(keyOf(from)), to: client.getQueryData<Cards>(keyOf(to)), totals: client.getQueryData<Totals>(totals) }
      const labels = Object.assign({}, ...(saved.from?.pages.map((page) => page.labels) ?? [])) as Record<string, string>
      client.setQueryData<Cards>(keyOf(from), (data) => data && withoutCard(data, card.id))
      client.setQueryData<Cards>(keyOf(to), (data) => data && withCard(data, { ...card, ...moveChanges(source, to) }, labels))
      client.setQueryData<Totals>(totals, (data) => data && movedTotals(data, card, amountFieldOf(object)?.apiName, from, to))
      return saved
    },
    onError(error, { card, from, to }, saved) {
      if (saved) {
        client.setQueryData(keyOf(from), saved.from)
        client.setQueryData(keyOf(to), saved.to)
        client.setQueryData(totals, saved.totals)
      }
      const title = recordTitle(object, card) || t('kanban.untitled')
      if (isApiError(error) && error.status === 412) showErrorToast(t('kanban.conflictTitle'), t('kanban.conflict', { title }))
      else showErrorToast(t('kanban.moveFailed', { title }), error instanceof Error ? error.message : String(error))
    },
    // Success or not, the server's answer decides: reload the board's cards and totals.
    onSettled: () => client.invalidateQueries({ queryKey: boardKey(object.apiName) }),
  })
}
