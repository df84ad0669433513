/**
 * Right-to-left languages read charts from the right: horizontal axes run right to left, value
 * axes stand on the right, and the grid's margins swap sides with them. Applied to every analysis
 * chart by EChart, so a panel builds its option once, left to right.
 */
import type { ChartOption } from './EChart.js'

type Axis = Record<string, unknown>
type Grid = { left?: unknown; right?: unknown } & Record<string, unknown>

const each = <T>(value: T | T[] | undefined, change: (item: T) => T): T | T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value.map(change) : change(value)

export function mirrorForRtl(option: ChartOption): ChartOption {
  const mirrored: ChartOption = { ...option }
  if (option.xAxis) mirrored.xAxis = each(option.xAxis as Axis | Axis[], (axis) => ({ ...axis, inverse: !axis.inverse }))
  if (option.yAxis) mirrored.yAxis = each(option.yAxis as Axis | Axis[], (axis) => ({ ...axis, position: axis.position === 'right' ? 'left' : 'right' }))
  if (option.grid) mirrored.grid = each(option.grid as Grid | Grid[], (grid) => ({ ...grid, left: grid.right, right: grid.left }))
  return mirrored
}

/** The direction the first horizontal axis runs in (written on the chart's element for tests and tools). */
export function xDirection(option: ChartOption): 'ltr' | 'rtl' {
  const axis = ([] as Axis[]).concat((option.xAxis as Axis | Axis[] | undefined) ?? [])[0]
  return axis?.inverse ? 'rtl' : 'ltr'
}
