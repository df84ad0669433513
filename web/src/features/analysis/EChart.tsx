/**
 * One ECharts canvas. Only the chart types and components the analysis screens draw are
 * registered (echarts/core), and this module is reached only through the lazily loaded
 * analysis page, so the first load of the app does not carry ECharts.
 */
import { BarChart, HeatmapChart, LineChart, ScatterChart, TreemapChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { directionOf } from '../../i18n/index.js'
import { mirrorForRtl, xDirection } from './rtl-chart.js'

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, TreemapChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, CanvasRenderer])

export type ChartOption = echarts.EChartsCoreOption

/**
 * A chart with an accessible name; the figures it shows are also in a table or text beside it.
 * In a right-to-left language the option is mirrored (rtl-chart.ts).
 */
export function EChart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
  const { i18n } = useTranslation()
  const rtl = directionOf(i18n.language) === 'rtl'
  const shown = useMemo(() => (rtl ? mirrorForRtl(option) : option), [option, rtl])
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  useEffect(() => {
    const element = host.current!
    chart.current = echarts.init(element, undefined, { renderer: 'canvas' })
    const observer = new ResizeObserver(() => chart.current?.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      chart.current?.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(shown, true)
  }, [shown])
  return <div ref={host} role="img" aria-label={label} className="analysis-chart" data-x-direction={xDirection(shown)} style={{ height }} />
}
