/** Dashboards (GET/POST/PATCH/DELETE /api/v1/dashboards) and their widgets' data; writes carry If-Match. */
import type { CreateDashboardBody, Dashboard, UpdateDashboardBody, WidgetResult } from '../../../contracts/dashboards.js'
import { apiRequest } from './client.js'

export type { Dashboard, Widget, WidgetData, WidgetDefinition, WidgetColumn, WidgetRow, WidgetResult, WidgetType, KpiValue } from '../../../contracts/dashboards.js'
export { GRID_COLUMNS, WIDGET_TYPES, MAX_WIDGETS } from '../../../contracts/dashboards.js'

const base = '/api/v1/dashboards'
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` })
const path = (id: string) => `${base}/${encodeURIComponent(id)}`
/** The browser's zone: date buckets and "this month" follow the reader's calendar. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

export const listDashboards = async (signal?: AbortSignal) => (await apiRequest<{ data: Dashboard[] }>('GET', base, { signal })).data
export const getDashboard = async (id: string, signal?: AbortSignal) => (await apiRequest<{ data: Dashboard }>('GET', path(id), { signal })).data
export const createDashboard = async (body: CreateDashboardBody) => (await apiRequest<{ data: Dashboard }>('POST', base, { body })).data
/** Answers 412 (ApiError code `version-conflict`) when someone saved the dashboard since `version`. */
export const updateDashboard = async (id: string, version: number, body: UpdateDashboardBody) =>
  (await apiRequest<{ data: Dashboard }>('PATCH', path(id), { body, headers: ifMatch(version) })).data
export const deleteDashboard = (id: string, version: number) => apiRequest<void>('DELETE', path(id), { headers: ifMatch(version) })

/** Every widget's data at once; a widget the caller cannot compute carries its problem instead. */
export const dashboardData = async (id: string, signal?: AbortSignal) =>
  (await apiRequest<{ data: WidgetResult[] }>('GET', `${path(id)}/data`, { query: { timeZone: browserTimeZone() }, signal })).data

/** Where the browser downloads a widget's CSV (same-origin GET with the session cookie). */
export const widgetCsvUrl = (id: string, widgetId: string) =>
  `${path(id)}/widgets/${encodeURIComponent(widgetId)}/export.csv?timeZone=${encodeURIComponent(browserTimeZone())}`
