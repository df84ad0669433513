/** One activity in a calendar cell: a link to its record page showing time, type and subject. */
import { VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { linkProps, recordPath } from '../../app/router.js'
import { ACTIVITIES, isActivityType, type Activity } from './activities.js'
import type { CalendarFormat } from './calendar-format.js'

export function ActivityChip({ activity, format }: { activity: Activity; format: CalendarFormat }) {
  const { t } = useTranslation()
  const type = isActivityType(activity.type) ? t(`calendar.types.${activity.type}`) : activity.type
  const time = format.time(activity.dueAt)
  const subject = activity.subject || t('records.untitled')
  return (
    <a className="activity-chip" data-type={activity.type} data-done={activity.status === 'done' || undefined}
      title={`${time} · ${type} · ${subject}`} {...linkProps(recordPath(ACTIVITIES, activity.id))}>
      <span className="activity-chip-time">{time}</span>
      <VisuallyHidden>{type}:</VisuallyHidden>
      <bdi className="activity-chip-subject">{subject}</bdi>
    </a>
  )
}
