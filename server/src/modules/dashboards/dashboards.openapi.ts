/** OpenAPI paths of the dashboards routes; the request bodies are the contracts' own JSON schemas. */
import { CreateDashboardBody, UpdateDashboardBody } from '../../../../contracts/dashboards.js'

const problem = { description: 'Problem (application/problem+json)' }
const body = (schema: unknown) => ({ content: { 'application/json': { schema } } })
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
const widgetId = { name: 'widgetId', in: 'path', required: true, schema: { type: 'string' } }
const ifMatch = { name: 'If-Match', in: 'header', schema: { type: 'string' } }
const dataQuery = [
  { name: 'timeZone', in: 'query', schema: { type: 'string' }, description: 'IANA zone (default: the dashboard\'s)' },
  { name: 'asOf', in: 'query', schema: { type: 'string', format: 'date' }, description: 'What "today" is for KPI periods' },
]

export const DASHBOARD_PATHS: Record<string, unknown> = {
  '/api/v1/dashboards': {
    get: { summary: 'Dashboards: yours, the shared ones and the workspace defaults', responses: { 200: { description: 'Dashboards' } } },
    post: { summary: 'Create a dashboard', requestBody: body(CreateDashboardBody), responses: { 201: { description: 'Created' }, 400: problem } },
  },
  '/api/v1/dashboards/{id}': {
    get: { summary: 'One dashboard', parameters: [id], responses: { 200: { description: 'The dashboard' }, 404: problem } },
    patch: { summary: 'Change a dashboard (If-Match)', parameters: [id, ifMatch], requestBody: body(UpdateDashboardBody), responses: { 200: { description: 'Updated' }, 400: problem, 403: problem, 404: problem, 412: problem } },
    delete: { summary: 'Delete a dashboard (If-Match)', parameters: [id, ifMatch], responses: { 204: { description: 'Deleted' }, 403: problem, 404: problem, 412: problem } },
  },
  '/api/v1/dashboards/{id}/data': {
    get: { summary: 'Every widget\'s data for the caller (a widget the caller cannot compute carries its problem)', parameters: [id, ...dataQuery], responses: { 200: { description: '[{widgetId, data} | {widgetId, error}]' }, 404: problem } },
  },
  '/api/v1/dashboards/{id}/rollups': {
    get: { summary: 'Per widget, the rollup that answers it (status pending/building/ready/failed, rows, build time) or null when it runs live', parameters: [id, ...dataQuery], responses: { 200: { description: '[{widgetId, rollup}]' }, 404: problem } },
  },
  '/api/v1/dashboards/{id}/widgets/{widgetId}/data': {
    get: { summary: 'One widget\'s data: columns, rows with drill-down filters, or a KPI', parameters: [id, widgetId, ...dataQuery], responses: { 200: { description: 'Widget data' }, 400: problem, 404: problem } },
  },
  '/api/v1/dashboards/{id}/widgets/{widgetId}/export.csv': {
    get: { summary: 'One widget as CSV (formula-neutralised text, bare numbers)', parameters: [id, widgetId, ...dataQuery], responses: { 200: { description: 'text/csv' }, 400: problem, 404: problem } },
  },
}
