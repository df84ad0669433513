/**
 * Which rows of the table are checked, by record id. "Select all" means all loaded rows:
 * rows not loaded yet are not known to the client (keyset pages), so they are never acted on.
 */
import { useCallback, useMemo, useState } from 'react'
import type { ApiRecord } from '../../api/types.js'

export interface RowSelection {
  selected: ReadonlySet<string>
  isSelected(id: string): boolean
  toggle(id: string): void
  /** Checks every loaded row, or clears when all are checked already. */
  toggleAll(): void
  clear(): void
  /** 'all' | 'some' | 'none' of the loaded rows. */
  state: 'all' | 'some' | 'none'
}

export function useRowSelection(rows: ApiRecord[]): RowSelection {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set())
  // Rows that left the list (deleted, filtered out) drop out of the selection.
  const selected = useMemo(() => {
    // Nothing checked (the usual case while scrolling): no pass over every loaded row per page.
    if (picked.size === 0) return picked
    const loaded = new Set(rows.map((row) => row.id))
    return new Set([...picked].filter((id) => loaded.has(id)))
  }, [picked, rows])
  const toggle = useCallback((id: string) => setPicked((old) => {
    const next = new Set(old)
    if (!next.delete(id)) next.add(id)
    return next
  }), [])
  const state = selected.size === 0 ? 'none' : selected.size === rows.length ? 'all' : 'some'
  const toggleAll = useCallback(() => setPicked(state === 'all' ? new Set() : new Set(rows.map((row) => row.id))), [rows, state])
  const clear = useCallback(() => setPicked(new Set()), [])
  return { selected, isSelected: (id) => selected.has(id), toggle, toggleAll, clear, state }
}
