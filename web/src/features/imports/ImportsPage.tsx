/** /imports: the caller's import jobs, newest first, with their outcome, cancel and undo. */
import { Anchor, Badge, Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { listImports, type ImportView } from '../../api/imports.js'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps } from '../../app/router.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { formattersFor } from '../../i18n/format.js'
import { ImportProgress } from './ImportProgress.js'
import { UndoButton } from './UndoButton.js'
import { errorsCsvUrl } from '../../api/imports.js'
import './imports.css'
import { IMPORT_PATH } from './paths.js'

const STATUS_COLORS: Record<ImportView['status'], string> = { running: 'blue', completed: 'green', failed: 'red', cancelled: 'yellow', undone: 'gray' }
const REFRESH_WHILE_RUNNING_MS = 1000

export function ImportsPage({ objects }: { objects: ObjectDescription[] }) {
  const { t, i18n } = useTranslation()
  const format = formattersFor(i18n.language)
  const jobs = useQuery({
    queryKey: ['imports', 'list'], queryFn: ({ signal }) => listImports(signal),
    refetchInterval: (query) => (query.state.data?.some((j) => j.status === 'running') ? REFRESH_WHILE_RUNNING_MS : false),
  })
  const label = (apiName: string) => objects.find((o) => o.apiName === apiName)?.labelPlural ?? apiName
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h3">{t('imports.jobsTitle')}</Title>
        <Button component="a" {...linkProps(IMPORT_PATH)}>{t('imports.newImport')}</Button>
      </Group>
      {jobs.isPending ? <Center role="status"><Loader size="sm" aria-label={t('app.loading')} /></Center> : null}
      {jobs.isError ? <ErrorAlert error={jobs.error} onRetry={() => void jobs.refetch()} /> : null}
      {jobs.data?.length === 0 ? <Text c="dimmed">{t('imports.jobsEmpty')}</Text> : null}
      {jobs.data?.length ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="import-jobs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.when')}</Table.Th><Table.Th>{t('imports.object')}</Table.Th><Table.Th>{t('imports.status')}</Table.Th>
                <Table.Th>{t('imports.rows')}</Table.Th><Table.Th>{t('imports.result')}</Table.Th><Table.Th>{t('imports.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.map((job) => (
                <Table.Tr key={job.id} data-job={job.id} data-status={job.status}>
                  <Table.Td>{format.dateTime(job.createdAt)}</Table.Td>
                  <Table.Td>{label(job.object)} · {t(`imports.modes.${job.mode}`)}</Table.Td>
                  <Table.Td miw={130}><Badge color={STATUS_COLORS[job.status]} variant="light">{t(`imports.statuses.${job.status}`)}</Badge></Table.Td>
                  <Table.Td miw={160}>{job.status === 'running' ? <ImportProgress view={job} /> : format.number(job.progress.totalRows)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{(['create', 'update', 'skip', 'fail'] as const).filter((k) => job.counts[k] > 0)
                      .map((k) => t(`imports.${job.mode === 'dryRun' ? 'counts' : 'done'}.${k}`, { count: job.counts[k] })).join(' · ') || '—'}</Text>
                    {job.counts.fail + job.counts.skip > 0 ? <Anchor size="xs" href={errorsCsvUrl(job.id)} download>{t('imports.downloadErrors')}</Anchor> : null}
                  </Table.Td>
                  <Table.Td><UndoButton view={job} size="xs" /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  )
}
