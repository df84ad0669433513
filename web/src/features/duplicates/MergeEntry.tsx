/**
 * A merge in a record's timeline: on the kept record, how many records were merged into it
 * (with their titles from the snapshot); on a merged record, a link to where it went.
 */
import { Anchor, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { MERGE_HISTORY_FIELD, MERGED_INTO_HISTORY_FIELD, type MergeHistoryValue } from '../../../../contracts/duplicates.js'
import type { TimelineItem } from '../../api/record-writes.js'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps, recordPath } from '../../app/router.js'
import { recordTitle } from '../records/fields.js'

/** History entries written by a merge (on the kept record and on each merged one). */
export const isMergeEntry = (field: string) => field === MERGE_HISTORY_FIELD || field === MERGED_INTO_HISTORY_FIELD

export function MergeEntry({ item, object }: { item: Extract<TimelineItem, { kind: 'change' }>; object: ObjectDescription }) {
  const { t } = useTranslation()
  if (item.field === MERGED_INTO_HISTORY_FIELD && typeof item.newValue === 'string') {
    return <Text size="sm">{t('duplicates.timeline.mergedInto')} <Anchor size="sm" {...linkProps(recordPath(object.apiName, item.newValue))}>{t('duplicates.timeline.survivor')}</Anchor></Text>
  }
  const merge = item.newValue as MergeHistoryValue | null
  const titles = (merge?.records ?? []).map((r) => recordTitle(object, r) || t('records.untitled'))
  return <Text size="sm">{t('duplicates.timeline.merged', { count: titles.length })}{titles.length ? <>: <bdi>{titles.join(', ')}</bdi></> : null}</Text>
}
