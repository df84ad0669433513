/** The timeline panel: the composer on top, then entries newest first, with "show more". */
import { Button, Center, Loader, Paper, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import type { FormatContext } from '../records/fields.js'
import { ACTIVITY_OBJECT, ActivityComposer } from './ActivityComposer.js'
import { TimelineEntry } from './TimelineEntry.js'
import { useTimeline } from './useTimeline.js'

export function RecordTimeline({ object, recordId, objects, ctx }: { object: ObjectDescription; recordId: string; objects: ObjectDescription[]; ctx: FormatContext }) {
  const { t } = useTranslation()
  const timeline = useTimeline(object.apiName, recordId)
  const activities = objects.find((candidate) => candidate.apiName === ACTIVITY_OBJECT)
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="record-timeline-title">
      <Text component="h2" fw={600} size="sm" mb="sm" id="record-timeline-title">{t('record.timeline.title')}</Text>
      {activities && activities.access?.create !== false ? <ActivityComposer object={object} recordId={recordId} activities={activities} /> : null}
      {timeline.isPending ? (
        <Center role="status" py="md"><Loader size="sm" aria-label={t('app.loading')} /></Center>
      ) : timeline.isError ? (
        <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.items.length === 0 ? (
        <Text c="dimmed" size="sm" mt="md">{t('record.timeline.empty')}</Text>
      ) : (
        <ol className="timeline" aria-label={t('record.timeline.title')}>
          {timeline.items.map((item, index) => (
            <TimelineEntry key={item.kind === 'record' ? item.record.id : item.kind === 'change' ? item.id : `created-${index}`}
              item={item} object={object} objects={objects} ctx={ctx} />
          ))}
        </ol>
      )}
      {timeline.hasNextPage ? (
        <Button variant="subtle" size="xs" mt="xs" loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
          {t('record.showMore')}
        </Button>
      ) : null}
    </Paper>
  )
}
