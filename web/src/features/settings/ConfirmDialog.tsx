import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { FormError } from '../auth/FormError.js'

/** Asks before something that cannot be undone; the message names what is lost. */
export function ConfirmDialog(props: {
  opened: boolean
  title: string
  message: string
  confirmLabel: string
  onConfirm: () => void
  onClose: () => void
  loading?: boolean
  error?: unknown
}) {
  const { t } = useTranslation()
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered closeButtonProps={{ 'aria-label': t('settings.close') }}>
      <Stack gap="md">
        <Text>{props.message}</Text>
        <FormError error={props.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>{t('settings.cancel')}</Button>
          <Button color="red" loading={props.loading} onClick={props.onConfirm}>{props.confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
