/**
 * One record. The editable record page (fields, timeline, related lists — features/record)
 * and its editors load on first use, so the list screen's bundle stays small.
 */
import { Center, Loader } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'

const RecordView = lazy(async () => ({ default: (await import('../record/RecordView.js')).RecordView }))

export function RecordPage(props: { object: ObjectDescription; id: string; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  return (
    <Suspense fallback={<Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>}>
      <RecordView {...props} />
    </Suspense>
  )
}
