/**
 * The records page's view state: which saved view is active (`?view=<id>` in the URL), and the
 * filter, sort and columns on screen — the view's own, or edits not saved yet. Sort edits live
 * in the URL (`&sort=`) so a reload keeps them; filter and column edits live in memory and are
 * dropped when another view is chosen. `dirty` is what the "unsaved changes" mark shows.
 */
import { useState } from 'react'
import type { ObjectDescription, SortKey } from '../../api/types.js'
import type { SavedView, ViewColumn } from '../../api/views.js'
import { navigate, recordsPath, useLocation } from '../../app/router.js'
import { DEFAULT_PARTS, parseSortParam, sameParts, searchOf, type ViewParts } from './view-parts.js'
import { useViews } from './useViews.js'

interface Edits {
  /**
   * The view these edits were made on; other keys mean "no edits". Not its version: a rename, or
   * a save refused with 412 and the list reloaded, must not throw the edits away.
   */
  key: string
  filter?: unknown
  columns?: ViewColumn[]
}

const NO_EDITS: Edits = { key: '' }

export function useViewState(object: ObjectDescription) {
  const location = useLocation()
  const viewId = location.search.get('view')
  const sortParam = location.search.get('sort')
  const views = useViews(object.apiName)
  const active: SavedView | null = (viewId && views.data?.find((view) => view.id === viewId)) || null
  const saved: ViewParts = active ? { filter: active.filter, sort: active.sort, columns: active.columns } : DEFAULT_PARTS
  const key = active?.id ?? 'none'
  const [stored, setEdits] = useState<Edits>(NO_EDITS)
  const edits = stored.key === key ? stored : NO_EDITS

  const parts: ViewParts = {
    filter: 'filter' in edits ? edits.filter : saved.filter,
    sort: sortParam !== null ? parseSortParam(sortParam) : saved.sort,
    columns: edits.columns ?? saved.columns,
  }
  const dirty = !sameParts(parts.filter, saved.filter) || !sameParts(parts.sort, saved.sort) || !sameParts(parts.columns, saved.columns)
  const go = (id: string | null, sort?: SortKey[], replace = true) => navigate(recordsPath(object.apiName, searchOf(id, sort)), { replace })

  return {
    views,
    active,
    /** The URL names a view that is gone or not shared with the caller. */
    missing: viewId !== null && views.isSuccess && active === null,
    /** False while the URL's view is still loading: the list waits rather than load twice. */
    ready: viewId === null || !views.isPending,
    parts,
    saved,
    dirty,
    setFilter: (filter: unknown) => setEdits({ ...edits, key, filter }),
    setColumns: (columns: ViewColumn[]) => setEdits({ ...edits, key, columns }),
    setSort: (sort: SortKey[]) => go(active?.id ?? null, sameParts(sort, saved.sort) ? undefined : sort),
    /** Shows another view (null: the default list) from a clean slate. */
    select(id: string | null) {
      setEdits(NO_EDITS)
      go(id, undefined, false)
    },
    /** Drops unsaved edits. */
    reset() {
      setEdits(NO_EDITS)
      go(active?.id ?? null)
    },
  }
}

export type ViewState = ReturnType<typeof useViewState>
