/** The dashboards the caller may see — the workspace's defaults first — and "New dashboard". */
import { Badge, Button, Card, Center, Group, Loader, Modal, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { browserTimeZone, type Dashboard } from '../../api/dashboards.js'
import { linkProps, navigate } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useCreateDashboard, useDashboardList } from './useDashboards.js'
import './dashboards.css'

export const dashboardPath = (id: string) => `/dashboards/${encodeURIComponent(id)}`

function NewDashboard({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [shared, setShared] = useState(false)
  const create = useCreateDashboard()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ name: name.trim(), visibility: shared ? 'shared' : 'private', timeZone: browserTimeZone() }, {
      onSuccess: (created) => navigate(dashboardPath(created.id)),
    })
  }
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput label={t('dashboards.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} data-autofocus />
        <Switch label={t('dashboards.shareWithWorkspace')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>{t('dashboards.cancel')}</Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>{t('dashboards.create')}</Button>
        </Group>
      </Stack>
    </form>
  )
}

const nameOf = (d: Dashboard, t: (key: string, options?: Record<string, unknown>) => string) =>
  d.defaultKey ? t(`dashboards.defaults.${d.defaultKey}`, { defaultValue: d.name }) : d.name

export function DashboardsPage() {
  const { t } = useTranslation()
  const list = useDashboardList()
  const [opened, modal] = useDisclosure(false)
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">{t('dashboards.title')}</Title>
        <Button onClick={modal.open}>{t('dashboards.new')}</Button>
      </Group>
      {list.isPending ? <Center role="status" py="xl"><Loader size="sm" aria-label={t('dashboards.loading')} /></Center>
        : list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        : list.data.length === 0 ? <Text c="dimmed">{t('dashboards.empty')}</Text>
        : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="ul" className="plain-list">
            {list.data.map((d) => (
              <li key={d.id}>
                <Card withBorder component="a" {...linkProps(dashboardPath(d.id))} className="dashboard-card">
                  <Text fw={600}>{nameOf(d, t)}</Text>
                  <Group gap={6} mt={6}>
                    <Badge variant="light" color={d.visibility === 'shared' ? 'indigo' : 'gray'}>{d.visibility === 'shared' ? t('dashboards.shared') : t('dashboards.private')}</Badge>
                    <Text size="xs" c="dimmed">{t('dashboards.widgetCount', { count: d.widgets.length })}</Text>
                  </Group>
                </Card>
              </li>
            ))}
          </SimpleGrid>
        )}
      <Modal opened={opened} onClose={modal.close} title={t('dashboards.new')} closeButtonProps={{ 'aria-label': t('dashboards.close') }}>
        {opened ? <NewDashboard onClose={modal.close} /> : null}
      </Modal>
    </Stack>
  )
}
