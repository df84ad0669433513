import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ImportView } from '../../api/imports.js'
import { useObjects } from '../records/useObjects.js'

/** Summary keys `<object>:matched` count existing records rows link to (a company found by name or domain). */
export const MATCHED = ':matched'

/** The report's lines for matched related records and the phones' default country, when the job has them. */
export function MatchedRelated({ view }: { view: ImportView }) {
  const { t } = useTranslation()
  const objects = useObjects()
  const labelOf = (name: string) => objects.data?.find((o) => o.apiName === name)?.labelPlural ?? name
  return (
    <>
      {Object.entries(view.summary).filter(([key, n]) => key.endsWith(MATCHED) && n > 0).map(([key, n]) => (
        <Text key={key} size="sm" data-testid="import-matched">{t('importdomain.matched', { count: n, object: labelOf(key.slice(0, -MATCHED.length)) })}</Text>
      ))}
      {view.defaultCountry ? <Text size="sm" data-testid="import-default-country">{t('importdomain.phonesIn', { country: view.defaultCountry })}</Text> : null}
    </>
  )
}
