/**
 * The dashboards every workspace starts with, over the standard objects: "Sales"
 * (opportunities and orders) and "Service" (activities). They are shared, owned by `system`
 * (so administrators edit them) and created once per workspace on first use — for new and
 * existing workspaces alike. A widget whose object or field the workspace no longer has is
 * left out rather than failing the whole dashboard.
 */
import type { WidgetDefinition } from '../../../../contracts/dashboards.js'

export interface DefaultDashboard { key: string; name: string; widgets: WidgetDefinition[] }

const won = { field: 'stage.outcome', op: 'eq', value: 'won' }
const closed = { field: 'stage.outcome', op: 'in', value: ['won', 'lost'] }
const open = { field: 'stage.outcome', op: 'eq', value: 'open' }
const paid = { field: 'status', op: 'in', value: ['paid', 'shipped'] }
const openTasks = { and: [{ field: 'type', op: 'eq', value: 'task' }, { field: 'status', op: 'eq', value: 'open' }] }

export const DEFAULT_DASHBOARDS: DefaultDashboard[] = [
  {
    key: 'sales',
    name: 'Sales',
    widgets: [
      { id: 'won-this-month', type: 'kpi', title: 'Won this month', object: 'opportunities', measures: [{ fn: 'sum', field: 'amount' }], filter: won,
        options: { compare: { field: 'closeDate', period: 'month' } }, layout: { x: 0, y: 0, w: 3, h: 2 } },
      { id: 'win-rate', type: 'kpi', title: 'Win rate this quarter', object: 'opportunities', measures: [{ fn: 'count' }], filter: closed,
        options: { compare: { field: 'closeDate', period: 'quarter' }, ratio: { filter: won } }, layout: { x: 3, y: 0, w: 3, h: 2 } },
      { id: 'revenue-this-month', type: 'kpi', title: 'Revenue this month', object: 'orders', measures: [{ fn: 'sum', field: 'total' }], filter: paid,
        options: { compare: { field: 'orderDate', period: 'month' } }, layout: { x: 6, y: 0, w: 3, h: 2 } },
      { id: 'orders-this-month', type: 'kpi', title: 'Orders this month', object: 'orders', measures: [{ fn: 'count' }], filter: paid,
        options: { compare: { field: 'orderDate', period: 'month' } }, layout: { x: 9, y: 0, w: 3, h: 2 } },
      { id: 'pipeline-by-stage', type: 'bar', title: 'Open pipeline by stage', object: 'opportunities', measures: [{ fn: 'sum', field: 'amount' }],
        groupBy: [{ field: 'stage' }], filter: open, options: { sort: 'valueDesc' }, layout: { x: 0, y: 2, w: 6, h: 4 } },
      { id: 'revenue-by-month', type: 'line', title: 'Revenue by month', object: 'orders', measures: [{ fn: 'sum', field: 'total' }],
        groupBy: [{ field: 'orderDate', bucket: 'month' }], filter: paid, layout: { x: 6, y: 2, w: 6, h: 4 } },
      { id: 'funnel', type: 'funnel', title: 'Opportunities by stage', object: 'opportunities', measures: [{ fn: 'count' }],
        groupBy: [{ field: 'stage' }], filter: open, layout: { x: 0, y: 6, w: 4, h: 4 } },
      { id: 'by-owner', type: 'pie', title: 'Opportunities by owner', object: 'opportunities', measures: [{ fn: 'count' }],
        groupBy: [{ field: 'ownerId' }], options: { sort: 'valueDesc', limit: 10 }, layout: { x: 4, y: 6, w: 4, h: 4 } },
      { id: 'top-products', type: 'table', title: 'Top products by quantity', object: 'orderLines',
        measures: [{ fn: 'sum', field: 'quantity' }, { fn: 'count' }], groupBy: [{ field: 'product' }],
        options: { sort: 'valueDesc', limit: 10 }, layout: { x: 8, y: 6, w: 4, h: 4 } },
    ],
  },
  {
    key: 'service',
    name: 'Service',
    widgets: [
      { id: 'overdue-tasks', type: 'kpi', title: 'Overdue tasks', object: 'activities', measures: [{ fn: 'count' }],
        filter: { and: [openTasks, { field: 'dueAt', op: 'lt', value: '$now' }] }, layout: { x: 0, y: 0, w: 4, h: 2 } },
      { id: 'calls-this-week', type: 'kpi', title: 'Calls this week', object: 'activities', measures: [{ fn: 'count' }],
        filter: { field: 'type', op: 'eq', value: 'call' }, options: { compare: { field: 'dueAt', period: 'week' } }, layout: { x: 4, y: 0, w: 4, h: 2 } },
      { id: 'open-tasks', type: 'kpi', title: 'Open tasks', object: 'activities', measures: [{ fn: 'count' }], filter: openTasks,
        layout: { x: 8, y: 0, w: 4, h: 2 } },
      { id: 'activities-by-week', type: 'area', title: 'Activities by week', object: 'activities', measures: [{ fn: 'count' }],
        groupBy: [{ field: 'dueAt', bucket: 'week' }], layout: { x: 0, y: 2, w: 8, h: 4 } },
      { id: 'activities-by-type', type: 'pie', title: 'Activities by type', object: 'activities', measures: [{ fn: 'count' }],
        groupBy: [{ field: 'type' }], layout: { x: 8, y: 2, w: 4, h: 4 } },
      { id: 'open-tasks-by-owner', type: 'bar', title: 'Open tasks by owner', object: 'activities', measures: [{ fn: 'count' }],
        groupBy: [{ field: 'ownerId' }], filter: openTasks, options: { sort: 'valueDesc', limit: 20 }, layout: { x: 0, y: 6, w: 6, h: 4 } },
      { id: 'type-by-week', type: 'pivot', title: 'Activity types by month', object: 'activities', measures: [{ fn: 'count' }],
        groupBy: [{ field: 'dueAt', bucket: 'month' }, { field: 'type' }], layout: { x: 6, y: 6, w: 6, h: 4 } },
    ],
  },
]
