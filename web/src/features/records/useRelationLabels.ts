/**
 * Titles of related records (relation cells) from all loaded pages, merged page by page: a new
 * page adds its titles to the map instead of the map being rebuilt from every page, and the
 * map keeps its identity — so the format context, and every memoised row that depends on it,
 * stays the same while the list grows. Only a title that changed (a renamed company after a
 * refetch, a relation saved to another record) gives a new map, which redraws the rows.
 */
import { useMemo, useRef } from 'react'

interface PageWithLabels { labels: Record<string, string> }

interface MergedLabels {
  /** Whose labels these are: another object starts over (ids are unique, so sorts and filters share). */
  scope: string
  map: Map<string, string>
  seen: WeakSet<PageWithLabels>
}

export function useRelationLabels(scope: string, pages: readonly PageWithLabels[] | undefined): ReadonlyMap<string, string> {
  const state = useRef<MergedLabels | null>(null)
  return useMemo(() => {
    let merged = state.current
    if (!merged || merged.scope !== scope) merged = { scope, map: new Map(), seen: new WeakSet() }
    let map = merged.map
    for (const page of pages ?? []) {
      if (merged.seen.has(page)) continue
      merged.seen.add(page)
      for (const [id, title] of Object.entries(page.labels)) {
        const old = map.get(id)
        if (old === title) continue
        // A changed title needs a new map so memoised rows notice; new ids are added in place.
        if (old !== undefined && map === merged.map) map = new Map(map)
        map.set(id, title)
      }
    }
    // Adding in place is idempotent, so a render React throws away leaves nothing wrong behind.
    state.current = { ...merged, map }
    return map
  }, [scope, pages])
}
