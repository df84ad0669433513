/**
 * ECharts options for a widget's data: categories from the group keys, one series per measure
 * column (money: one per currency). Right-to-left languages mirror the category axis.
 */
import type { WidgetData } from '../../api/dashboards.js'
import { groupColumns, measureColumns, measureHeading, measureText, rowLabel, type LabelContext } from './widget-format.js'

export type ChartOption = Record<string, unknown>

export function chartOption(data: WidgetData, ctx: LabelContext, rtl: boolean): ChartOption {
  const measures = measureColumns(data)
  const offset = groupColumns(data).length
  const categories = data.rows.map((row) => rowLabel(data, row, ctx))
  const numberOf = (value: unknown) => (value === null ? null : Number(value))
  const tooltip = { trigger: data.type === 'pie' || data.type === 'funnel' ? 'item' : 'axis', confine: true }
  const animation = false
  if (data.type === 'pie' || data.type === 'funnel') {
    const column = measures[0]
    const values = data.rows.map((row, i) => ({ name: categories[i], value: numberOf(row.values[offset]) ?? 0 }))
    const common = {
      name: measureHeading(column, ctx), data: values,
      tooltip: { valueFormatter: (v: number) => measureText(column, column.currency ? v.toFixed(2) : v, ctx.fmt) },
    }
    return {
      animation, tooltip,
      series: [data.type === 'pie'
        ? { ...common, type: 'pie', radius: ['35%', '70%'], label: { show: true, overflow: 'truncate', width: 90 } }
        : { ...common, type: 'funnel', sort: 'descending', left: '10%', width: '80%', label: { show: true, position: 'inside' } }],
    }
  }
  const area = data.type === 'area'
  return {
    animation, tooltip,
    legend: measures.length > 1 ? { top: 0, type: 'scroll' } : undefined,
    grid: { left: 8, right: 8, top: measures.length > 1 ? 28 : 12, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, inverse: rtl, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', position: rtl ? 'right' : 'left', axisLabel: { formatter: (v: number) => ctx.fmt.number(v) } },
    series: measures.map((column, m) => ({
      name: measureHeading(column, ctx),
      type: data.type === 'bar' ? 'bar' : 'line',
      ...(area ? { areaStyle: { opacity: 0.25 }, smooth: true } : {}),
      data: data.rows.map((row) => numberOf(row.values[offset + m])),
      tooltip: { valueFormatter: (v: number) => measureText(column, column.currency ? v.toFixed(2) : v, ctx.fmt) },
    })),
  }
}
