/** TanStack Query hooks for dashboards: the list, one dashboard, its widgets' data, and saving. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createDashboard, dashboardData, deleteDashboard, getDashboard, listDashboards, updateDashboard, type Dashboard } from '../../api/dashboards.js'
import type { UpdateDashboardBody } from '../../../../contracts/dashboards.js'

export const DASHBOARDS_KEY = ['dashboards'] as const

export const useDashboardList = () => useQuery({ queryKey: DASHBOARDS_KEY, queryFn: ({ signal }) => listDashboards(signal) })

export const useDashboard = (id: string) =>
  useQuery({ queryKey: [...DASHBOARDS_KEY, id], queryFn: ({ signal }) => getDashboard(id, signal) })

/** Keyed by the dashboard's version, so a saved change recomputes every widget. */
export const useDashboardData = (dashboard: Dashboard | undefined) =>
  useQuery({
    queryKey: [...DASHBOARDS_KEY, dashboard?.id, 'data', dashboard?.version],
    queryFn: ({ signal }) => dashboardData(dashboard!.id, signal),
    enabled: dashboard !== undefined,
  })

export function useSaveDashboard(dashboard: Dashboard | undefined) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateDashboardBody) => updateDashboard(dashboard!.id, dashboard!.version, body),
    meta: { handlesOwnErrors: true },
    onSuccess(saved) {
      client.setQueryData([...DASHBOARDS_KEY, saved.id], saved)
      void client.invalidateQueries({ queryKey: DASHBOARDS_KEY, exact: true })
    },
    onError() {
      void client.invalidateQueries({ queryKey: [...DASHBOARDS_KEY, dashboard?.id] })
    },
  })
}

export function useCreateDashboard() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: createDashboard,
    onSuccess: () => client.invalidateQueries({ queryKey: DASHBOARDS_KEY, exact: true }),
  })
}

export function useDeleteDashboard() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (d: Dashboard) => deleteDashboard(d.id, d.version),
    onSuccess: () => client.invalidateQueries({ queryKey: DASHBOARDS_KEY, exact: true }),
  })
}
