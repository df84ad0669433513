import type { SortKey } from '../../api/types.js'

/** `?sort=-lastName` ↔ one sort key; the list's default order is the server's (newest first). */
export function parseSort(param: string | null): SortKey[] {
  if (!param || !/^-?[a-zA-Z][a-zA-Z0-9]*$/.test(param)) return []
  return param.startsWith('-') ? [{ field: param.slice(1), dir: 'desc' }] : [{ field: param, dir: 'asc' }]
}

/** Clicking a header: ascending, then descending, then back to the default order. */
export function nextSort(current: SortKey[], field: string): SortKey[] {
  const key = current[0]
  if (!key || key.field !== field) return [{ field, dir: 'asc' }]
  return key.dir === 'asc' ? [{ field, dir: 'desc' }] : []
}

export const sortSearch = (sort: SortKey[]) => (sort.length ? `?sort=${sort[0].dir === 'desc' ? '-' : ''}${sort[0].field}` : '')
