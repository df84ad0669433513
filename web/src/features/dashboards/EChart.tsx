/**
 * One ECharts canvas. Only the charts and components dashboards use are registered
 * (echarts/core), and this file is reached only from the lazily loaded dashboard route, so
 * ECharts never weighs on the first load. Resizes with its box; `onPick` gets a clicked
 * bar's, point's or slice's row index (drill-down).
 */
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import type { ChartOption } from './chart-options.js'

echarts.use([BarChart, LineChart, PieChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

export interface ChartHandle {
  /** The chart as a PNG data URL (white background), for "Export PNG". */
  png(): string | null
}

interface Props { option: ChartOption; label: string; onPick?: (index: number) => void }

export const EChart = forwardRef<ChartHandle, Props>(function EChart({ option, label, onPick }, ref) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const pick = useRef(onPick)
  pick.current = onPick

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'canvas' })
    chart.current = instance
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') pick.current?.(params.dataIndex)
    })
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(box.current!)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  useImperativeHandle(ref, () => ({
    png: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) ?? null,
  }), [])

  return <div ref={box} className="dashboard-chart" role="img" aria-label={label} />
})
