/**
 * A filter carried in the records list's URL (`?filter=<filter AST as JSON>`): how a dashboard's
 * drill-down opens "the records behind this bar". The list ANDs it with the active view's
 * filter and shows a notice with a way to drop it.
 */
import { Alert, Button, Group, Text } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { navigate, recordsPath, useLocation } from '../../app/router.js'

/** The search string for a records list narrowed to `filter`. */
export const drillSearch = (filter: unknown) => `?filter=${encodeURIComponent(JSON.stringify(filter))}`

function parse(raw: string | null): unknown {
  if (!raw) return undefined
  try {
    const value: unknown = JSON.parse(raw)
    return typeof value === 'object' && value !== null ? value : undefined
  } catch {
    return undefined
  }
}

/** The URL's filter, stable while the URL's `filter` parameter stays the same. */
export function useUrlFilter(): unknown {
  const raw = useLocation().search.get('filter')
  return useMemo(() => parse(raw), [raw])
}

/** "Showing the records behind a dashboard figure · Show all". */
export function UrlFilterNotice({ object }: { object: string }) {
  const { t } = useTranslation()
  const location = useLocation()
  if (parse(location.search.get('filter')) === undefined) return null
  const clear = () => {
    const search = new URLSearchParams(location.search)
    search.delete('filter')
    const rest = search.toString()
    navigate(recordsPath(object, rest ? `?${rest}` : ''))
  }
  return (
    <Alert variant="light" color="indigo" py={6} data-testid="drill-filter">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">{t('dashboards.drill.notice')}</Text>
        <Button size="compact-sm" variant="subtle" onClick={clear}>{t('dashboards.drill.clear')}</Button>
      </Group>
    </Alert>
  )
}
