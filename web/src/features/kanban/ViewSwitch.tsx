/** Table | Kanban: links between an object's list and its board (the URL is the view). */
import { Button, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { kanbanPath, linkProps, recordsPath } from '../../app/router.js'

export function ViewSwitch({ object, current }: { object: string; current: 'table' | 'kanban' }) {
  const { t } = useTranslation()
  const link = (view: 'table' | 'kanban', to: string) => (
    <Button component="a" size="compact-sm" variant={current === view ? 'filled' : 'default'} aria-current={current === view ? 'page' : undefined} {...linkProps(to)}>
      {t(`kanban.${view}`)}
    </Button>
  )
  return (
    <Group gap={4} wrap="nowrap" role="group" aria-label={t('kanban.view')}>
      {link('table', recordsPath(object))}
      {link('kanban', kanbanPath(object))}
    </Group>
  )
}
