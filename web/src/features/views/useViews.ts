/** The saved views of one object (the caller's private ones and the shared ones) and their writes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CreateViewBody, UpdateViewBody } from '../../../../contracts/views.js'
import { createView, deleteView, listViews, updateView, type SavedView } from '../../api/views.js'

export const viewsKey = (object: string) => ['views', object] as const

export function useViews(object: string) {
  return useQuery({ queryKey: viewsKey(object), queryFn: ({ signal }) => listViews(object, signal) })
}

/** Create, update and delete; each keeps the cached list in step with the server's answer. */
export function useViewMutations(object: string) {
  const client = useQueryClient()
  const key = viewsKey(object)
  const put = (view: SavedView) => client.setQueryData<SavedView[]>(key, (views = []) =>
    views.some((v) => v.id === view.id) ? views.map((v) => (v.id === view.id ? view : v)) : [...views, view])
  // A 412 means someone saved first: reload the list so the next attempt starts from theirs.
  const reloadOnError = () => void client.invalidateQueries({ queryKey: key })
  return {
    create: useMutation({ mutationFn: (body: CreateViewBody) => createView(body), onSuccess: put }),
    update: useMutation({
      mutationFn: ({ view, body }: { view: SavedView; body: UpdateViewBody }) => updateView(view.id, view.version, body),
      onSuccess: put, onError: reloadOnError,
    }),
    remove: useMutation({
      mutationFn: (view: SavedView) => deleteView(view.id, view.version),
      onSuccess: (_result, view) => client.setQueryData<SavedView[]>(key, (views = []) => views.filter((v) => v.id !== view.id)),
      onError: reloadOnError,
    }),
  }
}
