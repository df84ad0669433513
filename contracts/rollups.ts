import { Type, type Static } from 'typebox'

/**
 * `GET /api/v1/dashboards/{id}/rollups`: for each widget, the rollup that answers it (declared
 * when the dashboard is saved or first shown, built in the background) or null when the widget
 * runs as a live query (min/max, sums of number fields, arbitrary filters, a record scope). Currency sum/avg
 * come from rollups that sum the amounts per currency code.
 */
export const ROLLUP_STATUSES = ['pending', 'building', 'ready', 'failed'] as const

export const RollupInfo = Type.Object({
  id: Type.String(),
  object: Type.String(),
  status: Type.Unsafe<(typeof ROLLUP_STATUSES)[number]>({ type: 'string', enum: [...ROLLUP_STATUSES] }),
  dimensions: Type.Array(Type.String(), { description: 'Column names the rollup counts by' }),
  sums: Type.Array(Type.String(), { description: 'Currency fields (base column names) whose amounts it sums exactly per currency code, in integer micro-units' }),
  day: Type.Union([Type.Object({ column: Type.String(), timeZone: Type.Union([Type.String(), Type.Null()]) }), Type.Null()], { description: 'The date column bucketed by local day, and its zone' }),
  rowCount: Type.Union([Type.Integer(), Type.Null()], { description: 'Combinations held, once built' }),
  sourceRows: Type.Union([Type.Integer(), Type.Null()], { description: 'Live records counted by the build' }),
  buildMs: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
})
export type RollupInfo = Static<typeof RollupInfo>

export const WidgetRollup = Type.Object({ widgetId: Type.String(), rollup: Type.Union([RollupInfo, Type.Null()]) })
export type WidgetRollup = Static<typeof WidgetRollup>
