import { NavLink, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ObjectDescription } from '../../api/types.js'
import { linkProps, recordsPath } from '../../app/router.js'

/** The left navigation: every object the member can see, in the server's order. */
export function ObjectNav({ objects, current, onNavigate }: { objects: ObjectDescription[]; current?: string; onNavigate?: () => void }) {
  const { t } = useTranslation()
  if (objects.length === 0) return <Text size="sm" c="dimmed">{t('nav.noObjects')}</Text>
  return (
    <Stack gap={2} component="ul" className="plain-list">
      {objects.map((object) => (
        <li key={object.apiName}>
          <NavLink label={object.labelPlural} active={object.apiName === current}
            aria-current={object.apiName === current ? 'page' : undefined}
            {...linkProps(recordsPath(object.apiName), onNavigate)} />
        </li>
      ))}
    </Stack>
  )
}
