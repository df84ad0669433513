/**
 * The new line's token and webhook URL, shown once right after creation: Rapport keeps only the
 * token's hash, so closing this dialog forgets them (the list shows the prefix from then on).
 * Generic lines post to the events URL with the token as a Bearer header; the other providers
 * carry the token in their URL.
 */
import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { tokenInHeader, webhookUrl, type CreatedPhoneLine } from '../../api/phone-lines.js'

function Copyable({ label, value, name }: { label: string; value: string; name: string }) {
  const { t } = useTranslation()
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} id={`once-${name}`}>{label}</Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code block className="line-secret" dir="ltr" aria-labelledby={`once-${name}`} data-once={name}>{value}</Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}
              aria-label={t('phoneLines.once.copyNamed', { what: label })}>
              {copied ? t('phoneLines.once.copied') : t('phoneLines.once.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  )
}

export function LineTokenOnce({ line, onClose }: { line: CreatedPhoneLine; onClose: () => void }) {
  const { t } = useTranslation()
  const header = tokenInHeader(line.provider)
  return (
    <Modal opened onClose={onClose} size="lg" title={t('phoneLines.once.title')} closeOnClickOutside={false}>
      <Stack gap="sm">
        <Alert color="yellow" variant="light" role="status" title={<bdi>{line.name}</bdi>}>{t('phoneLines.once.warning')}</Alert>
        <Copyable label={t('phoneLines.once.token')} value={line.token} name="token" />
        <Copyable label={t('phoneLines.once.url')} value={webhookUrl(window.location.origin, line.provider, line.token)} name="url" />
        {header ? <Copyable label={t('phoneLines.once.header')} value={`Bearer ${line.token}`} name="header" /> : null}
        <Text size="sm" c="dimmed">
          {header ? t('phoneLines.once.genericHint') : t('phoneLines.once.adapterHint', { provider: t(`phoneLines.providers.${line.provider}`) })}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('phoneLines.once.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  )
}
