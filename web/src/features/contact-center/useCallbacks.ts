/**
 * The callback list and its complete/cancel actions. An action shows at once (optimistic): the
 * callback leaves the open list and reads as closed elsewhere. If the server refuses it (409:
 * someone else completed or cancelled it first) every list goes back to what it showed and a
 * toast gives the server's reason; then the lists are read again, so the page shows the truth.
 */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { closeCallback, listCallbacks, type CallbackFilter, type CallbackView } from '../../api/callbacks.js'
import { showErrorToast } from '../../components/toasts.js'

const ROOT = ['contact-center', 'callbacks'] as const
const WALLBOARD = ['contact-center', 'wallboard'] as const
const REFRESH_MS = 30_000

export const useCallbackList = (filter: CallbackFilter) =>
  useQuery({ queryKey: [...ROOT, filter], queryFn: ({ signal }) => listCallbacks(filter, signal), refetchInterval: REFRESH_MS, retry: false })

export interface CallbackAction { callId: string; action: 'complete' | 'cancel' }

/** The list as it reads once the callback is closed (filter is the list's own, the last key part). */
function closedIn(key: QueryKey, list: CallbackView[], callId: string, status: CallbackView['status']): CallbackView[] {
  if (key[key.length - 1] === 'open') return list.filter((c) => c.callId !== callId)
  return list.map((c) => (c.callId === callId ? { ...c, status, endedAt: new Date().toISOString() } : c))
}

export function useCloseCallback() {
  const { t } = useTranslation()
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ callId, action }: CallbackAction) => closeCallback(callId, action),
    meta: { handlesOwnErrors: true },
    onMutate: async ({ callId, action }: CallbackAction) => {
      await client.cancelQueries({ queryKey: ROOT })
      const before = client.getQueriesData<CallbackView[]>({ queryKey: ROOT })
      const status = action === 'complete' ? 'ended' : 'cancelled'
      for (const [key, list] of before) if (list) client.setQueryData(key, closedIn(key, list, callId, status))
      return { before }
    },
    onError: (error, { action }, context) => {
      for (const [key, list] of context?.before ?? []) client.setQueryData(key, list)
      showErrorToast(t(action === 'complete' ? 'callbacks.completeFailed' : 'callbacks.cancelFailed'), error.message)
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ROOT })
      void client.invalidateQueries({ queryKey: WALLBOARD })
    },
  })
}
