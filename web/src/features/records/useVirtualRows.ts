/**
 * Virtual rows over a growing list: only the rows in view (plus a little overscan) are in the
 * DOM, and nearing the end of what is loaded asks for the next page. A million records scroll
 * with a few dozen elements on the page.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, type RefObject } from 'react'

// Rows of variable height (cards) attach `ref={virtualizer.measureElement}` and `data-index`;
// fixed-height table rows do not need to be measured.

/**
 * Start loading the next page this many rows before the last loaded one comes into view: far
 * enough that a fast fling (10 rows a frame) meets the end of what is loaded ~6 frames after
 * the request went out, when the page has usually arrived. Less than a page (100) minus a
 * screenful, so the first page alone does not pull in the second before the user scrolls, and
 * an arrived page does not at once ask for another while the view stays put.
 */
const PREFETCH_ROWS = 60
const OVERSCAN_ROWS = 8

export interface VirtualRowsOptions {
  scrollRef: RefObject<HTMLElement | null>
  rowCount: number
  estimateSize: number
  hasNextPage: boolean
  isFetchingNextPage: boolean
  canFetch: boolean
  fetchNextPage: () => unknown
}

export function useVirtualRows(options: VirtualRowsOptions) {
  const { rowCount, hasNextPage, isFetchingNextPage, canFetch, fetchNextPage } = options
  const virtualizer = useVirtualizer({
    // One extra row at the end shows "loading more" (or a retry button).
    count: hasNextPage ? rowCount + 1 : rowCount,
    getScrollElement: () => options.scrollRef.current,
    estimateSize: () => options.estimateSize,
    overscan: OVERSCAN_ROWS,
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1
  useEffect(() => {
    if (hasNextPage && canFetch && !isFetchingNextPage && lastIndex >= rowCount - PREFETCH_ROWS) void fetchNextPage()
  }, [lastIndex, rowCount, hasNextPage, canFetch, isFetchingNextPage, fetchNextPage])
  return virtualizer
}
