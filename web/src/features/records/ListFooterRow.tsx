import { Button, Group, Loader, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** The last virtual row while more pages exist: a spinner, or a retry after a failed page. */
export function ListFooterRow({ failed, onRetry }: { failed: boolean; onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <Group gap="xs" px="sm" h="100%" role="status" aria-live="polite">
      {failed ? (
        <Button size="compact-sm" variant="light" color="red" onClick={onRetry}>{t('app.retry')}</Button>
      ) : (
        <>
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm" c="dimmed">{t('records.loadingMore')}</Text>
        </>
      )}
    </Group>
  )
}
