/**
 * The grip on a header cell's end edge: drag it (mouse, pen or touch) or focus it and press the
 * arrow keys to change the column's width. In a right-to-left page the edge is on the left, so
 * a drag's direction is mirrored.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../../../contracts/view-limits.js'
import type { Column } from '../records/fields.js'

const KEY_STEP = 16
const clamp = (width: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)))

export function ColumnResizeHandle({ column, onResize }: { column: Column; onResize: (key: string, width: number) => void }) {
  const { t } = useTranslation()
  const start = useRef<{ x: number; width: number; sign: number } | null>(null)

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault()
    event.stopPropagation()
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl'
    start.current = { x: event.clientX, width: column.width, sign: rtl ? -1 : 1 }
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const from = start.current
    if (from) onResize(column.key, clamp(from.width + from.sign * (event.clientX - from.x)))
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    start.current = null
    event.currentTarget.releasePointerCapture(event.pointerId)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl'
    const wider = rtl ? 'ArrowLeft' : 'ArrowRight'
    const narrower = rtl ? 'ArrowRight' : 'ArrowLeft'
    if (event.key !== wider && event.key !== narrower) return
    event.preventDefault()
    onResize(column.key, clamp(column.width + (event.key === wider ? KEY_STEP : -KEY_STEP)))
  }

  return (
    // A focusable separator is the ARIA pattern for a splitter the keyboard can move.
    <div role="separator" aria-orientation="vertical" tabIndex={0} className="column-resize-handle"
      aria-label={t('views.resize', { column: column.label })} aria-valuenow={column.width}
      aria-valuemin={MIN_COLUMN_WIDTH} aria-valuemax={MAX_COLUMN_WIDTH}
      onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp} onKeyDown={onKeyDown} />
  )
}
