/**
 * Virtual columns for wide objects: an object with a hundred fields would otherwise put a
 * hundred cells in each of the ~40 rendered rows. Past a threshold only the columns in view
 * (plus a few on each side) are rendered, between two spacer tracks that keep the grid as
 * wide as all its columns, so the scrollbar and positions stay true. Below it every column
 * renders, which keeps the common case (a dozen columns) simple and fully in the DOM.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, type CSSProperties, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { Column } from './fields.js'

export const VIRTUAL_COLUMNS_FROM = 24
const OVERSCAN_COLUMNS = 3

export interface ColumnWindow {
  /** The columns to render, in order. */
  columns: Column[]
  /** 1-based position of the first rendered column among all columns (aria-colindex). */
  firstIndex: number
  /** Grid tracks: [checkbox] [start spacer] rendered columns [end spacer]. */
  template: CSSProperties
  /** Spacer widths; 0 when the window is not virtual. */
  before: number
  after: number
  virtual: boolean
}

export function useVirtualColumns(scrollRef: RefObject<HTMLElement | null>, all: Column[], checkboxWidth: number): ColumnWindow {
  const { i18n } = useTranslation()
  const virtual = all.length >= VIRTUAL_COLUMNS_FROM
  const virtualizer = useVirtualizer({
    horizontal: true,
    enabled: virtual,
    count: all.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => all[index]?.width ?? 160,
    // Columns after the checkbox track: offsets count from the grid's start.
    scrollMargin: checkboxWidth,
    overscan: OVERSCAN_COLUMNS,
    isRtl: i18n.dir() === 'rtl',
  })
  // Widths change on resize and reorder: the virtualizer caches sizes by index.
  useEffect(() => virtualizer.measure(), [all, virtualizer])
  const items = virtual ? virtualizer.getVirtualItems() : []
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? all.length - 1
  const total = all.reduce((sum, column) => sum + column.width, 0)
  return useMemo(() => {
    const columns = virtual ? all.slice(first, last + 1) : all
    const before = virtual ? all.slice(0, first).reduce((sum, c) => sum + c.width, 0) : 0
    const after = virtual ? total - before - columns.reduce((sum, c) => sum + c.width, 0) : 0
    const tracks = [
      ...(checkboxWidth ? [`${checkboxWidth}px`] : []),
      ...(virtual ? [`${before}px`] : []),
      ...columns.map((column) => `${column.width}px`),
      ...(virtual ? [`${after}px`] : []),
    ]
    return { columns, firstIndex: first + 1, before, after, virtual, template: { gridTemplateColumns: tracks.join(' '), width: checkboxWidth + total } }
  }, [all, first, last, total, checkboxWidth, virtual])
}
