/** The view menu: the default list, then "My views" (private) and "Shared views". */
import { Button, Menu } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SavedView } from '../../api/views.js'

interface Props {
  views: SavedView[]
  active: SavedView | null
  onSelect: (id: string | null) => void
}

export function ViewPicker({ views, active, onSelect }: Props) {
  const { t } = useTranslation()
  const sections = [
    { title: t('views.myViews'), items: views.filter((view) => view.visibility === 'private') },
    { title: t('views.sharedViews'), items: views.filter((view) => view.visibility === 'shared') },
  ]
  const current = active?.name ?? t('views.allRecords')
  return (
    <Menu position="bottom-start" withinPortal shadow="md" width={260}>
      <Menu.Target>
        <Button variant="default" size="xs" className="view-picker" aria-label={t('views.pickerLabel', { view: current })} rightSection={<span aria-hidden="true">▾</span>}>
          <bdi className="view-picker-name">{current}</bdi>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onSelect(null)} aria-current={active === null || undefined}>{t('views.allRecords')}</Menu.Item>
        {sections.map((section) => (
          <div key={section.title} role="group" aria-label={section.title}>
            <Menu.Divider />
            <Menu.Label>{section.title}</Menu.Label>
            {section.items.length === 0 ? <Menu.Item disabled>{t('views.none')}</Menu.Item> : section.items.map((view) => (
              <Menu.Item key={view.id} onClick={() => onSelect(view.id)} aria-current={view.id === active?.id || undefined}>
                <bdi>{view.name}</bdi>
              </Menu.Item>
            ))}
          </div>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
