/** Loading, error and empty states shared by the analysis panels. */
import { Center, Loader, Text } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/ErrorAlert.js'

export function QueryState<T>({ query, empty, children }: { query: UseQueryResult<T>; empty?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  const { t } = useTranslation()
  if (query.isPending) return <Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
  if (empty?.(query.data)) return <Text c="dimmed" role="status">{t('analysis.empty')}</Text>
  return <>{children(query.data)}</>
}
