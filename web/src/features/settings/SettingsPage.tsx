/**
 * @module settings
 * /settings/<section>: the person's account and API keys for everyone; the workspace, data
 * model, pipelines, members and roles for administrators. Hiding a section is only a courtesy:
 * the server refuses members' changes either way.
 */
import './settings.css'
import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Me, ObjectDescription } from '../../api/types.js'
import { linkProps } from '../../app/router.js'
import { AccountSettings } from './AccountSettings.js'
import { ApiKeysSettings } from './ApiKeysSettings.js'
import { DataModelSettings } from './DataModelSettings.js'
import { MembersSettings } from './MembersSettings.js'
import { ObjectEditor } from './ObjectEditor.js'
import { PipelinesSettings } from './PipelinesSettings.js'
import { RolesSettings } from './RolesSettings.js'
import { SharingSettings } from './SharingSettings.js'
import { WorkspaceSettings } from './WorkspaceSettings.js'

const SECTIONS = [
  { id: 'account', adminOnly: false },
  { id: 'api-keys', adminOnly: false },
  { id: 'workspace', adminOnly: true },
  { id: 'data-model', adminOnly: true },
  { id: 'pipelines', adminOnly: true },
  { id: 'members', adminOnly: true },
  { id: 'roles', adminOnly: true },
  // Its label lives in the sharing area's messages, with the rest of that screen.
  { id: 'sharing', adminOnly: true, label: 'sharing.section' },
] as const

export function SettingsPage({ me, section, object, objects }: { me: Me; section: string; object?: string; objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const isAdmin = me.role.isAdmin
  const visible = SECTIONS.filter((s) => isAdmin || !s.adminOnly)
  const current = visible.find((s) => s.id === section)
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} size="h2">{t('settings.title')}</Title>
      <nav aria-label={t('settings.sections')} className="settings-nav">
        <Group gap="xs" wrap="wrap">
          {visible.map((s) => (
            <Button key={s.id} component="a" size="xs" variant={s.id === current?.id ? 'filled' : 'light'}
              aria-current={s.id === current?.id ? 'page' : undefined} {...linkProps(`/settings/${s.id}`)}>
              {'label' in s ? t(s.label) : t(`settings.section.${s.id}`)}
            </Button>
          ))}
        </Group>
      </nav>
      {!current ? <Text role="alert">{t('settings.noSuchSection')}</Text>
        : current.id === 'account' ? <AccountSettings me={me} />
        : current.id === 'api-keys' ? <ApiKeysSettings me={me} />
        : current.id === 'workspace' ? <WorkspaceSettings />
        : current.id === 'data-model' ? (object ? <ObjectEditor key={object} apiName={object} objects={objects} /> : <DataModelSettings objects={objects} />)
        : current.id === 'pipelines' ? <PipelinesSettings />
        : current.id === 'members' ? <MembersSettings me={me} />
        : current.id === 'sharing' ? <SharingSettings objects={objects} />
        : <RolesSettings objects={objects} />}
    </Stack>
  )
}
