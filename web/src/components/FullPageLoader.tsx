import { Center, Loader, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export function FullPageLoader({ label }: { label?: string }) {
  const { t } = useTranslation()
  const text = label ?? t('app.loading')
  return (
    <Center h="100vh" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader aria-hidden="true" />
        <Text c="dimmed">{text}</Text>
      </Stack>
    </Center>
  )
}
