import type { SortKey } from '../../api/types.js'

/** Clicking a header (the default order is the server's, newest first): ascending, then descending, then back to the default order. */
export function nextSort(current: SortKey[], field: string): SortKey[] {
  const key = current[0]
  if (!key || key.field !== field) return [{ field, dir: 'asc' }]
  return key.dir === 'asc' ? [{ field, dir: 'desc' }] : []
}
