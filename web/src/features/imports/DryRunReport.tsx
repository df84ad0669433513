import { Anchor, Loader, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { errorsCsvUrl, importErrors, type ImportView } from '../../api/imports.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { ImportCounts } from './ImportCounts.js'
import { MATCHED, MatchedRelated } from './MatchedRelated.js'

const SHOWN_ERRORS = 100

/** A finished dry run: counts, the first failing rows with column and reason, and the full CSV. */
export function DryRunReport({ view }: { view: ImportView }) {
  const { t } = useTranslation()
  const errors = useQuery({ queryKey: ['imports', view.id, 'errors'], queryFn: ({ signal }) => importErrors(view.id, signal), enabled: view.status !== 'running' })
  const problems = view.counts.fail + view.counts.skip
  return (
    <Stack gap="sm" data-testid="dry-run-report">
      <Title order={3} size="h4">{t('imports.reportTitle')}</Title>
      <Text size="sm" c="dimmed">{t('imports.reportRows', { count: view.progress.totalRows })}</Text>
      <ImportCounts view={view} />
      {Object.entries(view.summary).filter(([key, n]) => n > 0 && !key.endsWith(MATCHED)).map(([object, n]) => (
        <Text key={object} size="sm">{t('imports.relatedToCreate', { count: n, object })}</Text>
      ))}
      <MatchedRelated view={view} />
      {Object.entries(view.newOptions).map(([field, values]) => (
        <Text key={field} size="sm">{t('imports.optionsToCreate', { field, values: values.join(', ') })}</Text>
      ))}
      {errors.isPending ? <Loader size="xs" aria-label={t('app.loading')} /> : null}
      {errors.isError ? <ErrorAlert error={errors.error} onRetry={() => void errors.refetch()} /> : null}
      {errors.data && errors.data.length === 0 ? <Text size="sm">{t('imports.noProblems')}</Text> : null}
      {errors.data && errors.data.length > 0 ? (
        <>
          <Title order={4} size="h5">{t('imports.failingRows')}</Title>
          <Table.ScrollContainer minWidth={420}>
            <Table striped data-testid="import-errors">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('imports.row')}</Table.Th><Table.Th>{t('imports.column')}</Table.Th><Table.Th>{t('imports.reason')}</Table.Th><Table.Th>{t('imports.value')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {errors.data.map((e, i) => (
                  <Table.Tr key={`${e.rowNo}-${i}`}>
                    <Table.Td>{e.rowNo}</Table.Td><Table.Td><bdi>{e.column}</bdi></Table.Td><Table.Td><bdi>{e.reason}</bdi></Table.Td><Table.Td><bdi>{e.value ?? ''}</bdi></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {problems > SHOWN_ERRORS ? <Text size="xs" c="dimmed">{t('imports.moreProblems', { count: SHOWN_ERRORS })}</Text> : null}
          <Anchor href={errorsCsvUrl(view.id)} download size="sm">{t('imports.downloadErrors')}</Anchor>
        </>
      ) : null}
    </Stack>
  )
}
