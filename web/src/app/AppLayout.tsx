/**
 * The signed-in frame: header (navigation toggle on phones, search, language, who is signed
 * in), the object navigation on the left (right in Persian), and the current screen.
 */
import { AppShell, Burger, Button, Center, Group, Kbd, Loader, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core'
import { useDisclosure, useHotkeys, useOs } from '@mantine/hooks'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/types.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { LanguageSelect } from '../components/LanguageSelect.js'
import { useSignOut } from '../features/auth/session.js'
import { CalendarNav, CalendarScreen, MyDayScreen } from '../features/calendar/routes.js'
import { AnalysisNav, AnalysisScreen } from '../features/analysis/routes.js'
import { DuplicatesNav, DuplicatesScreen } from '../features/duplicates/routes.js'
import { ImportNav, ImportScreen, ImportsScreen } from '../features/imports/routes.js'
import { DashboardScreen, DashboardsNav, DashboardsScreen } from '../features/dashboards/routes.js'
import { AcdScreen, CallbacksScreen, ContactCenterNav, ContactCenterScreen, PhoneLinesScreen, WallboardScreen } from '../features/contact-center/routes.js'
import { AgentStateControl } from '../features/contact-center/AgentStateControl.js'
import { ObjectNav } from '../features/records/ObjectNav.js'
import { RecordPage } from '../features/records/RecordPage.js'
import { RecordsPage } from '../features/records/RecordsPage.js'
import { KanbanPage } from '../features/kanban/KanbanPage.js'
import { useObjects } from '../features/records/useObjects.js'
import { SearchDialog } from '../features/search/SearchDialog.js'
import { SettingsPage } from '../features/settings/SettingsPage.js'
import { ScreenPop } from '../features/telephony/ScreenPop.js'
import { useWorkspaceLanguage } from '../features/settings/useWorkspaceLanguage.js'
import { linkProps, navigate, recordsPath, type Route } from './router.js'

const HEADER_HEIGHT = 56
const NAVBAR_WIDTH = 240

function Screen({ route, me }: { route: Route; me: Me }) {
  const { t } = useTranslation()
  const objects = useObjects()
  const first = objects.data?.[0]
  useEffect(() => {
    if (route.name === 'home' && first) navigate(recordsPath(first.apiName), { replace: true })
  }, [route.name, first])

  if (objects.isPending) return <Center role="status" py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  if (objects.isError) return <ErrorAlert error={objects.error} onRetry={() => void objects.refetch()} />
  const object = 'object' in route ? objects.data.find((candidate) => candidate.apiName === route.object) : undefined
  if (route.name === 'records' && object) return <RecordsPage key={object.apiName} object={object} objects={objects.data} />
  if (route.name === 'kanban' && object) return <KanbanPage key={object.apiName} object={object} objects={objects.data} />
  if (route.name === 'record' && object) return <RecordPage key={`${object.apiName}/${route.id}`} object={object} id={route.id} objects={objects.data} />
  if (route.name === 'settings') return <SettingsPage me={me} section={route.section} object={route.object} objects={objects.data} />
  if (route.name === 'calendar') return <CalendarScreen />
  if (route.name === 'myDay') return <MyDayScreen />
  if (route.name === 'analysis') return <AnalysisScreen tab={route.tab} />
  if (route.name === 'duplicates') return <DuplicatesScreen objects={objects.data} />
  if (route.name === 'import') return <ImportScreen objects={objects.data} object={new URLSearchParams(window.location.search).get('object') ?? undefined} />
  if (route.name === 'imports') return <ImportsScreen objects={objects.data} />
  if (route.name === 'dashboards') return <DashboardsScreen />
  if (route.name === 'dashboard') return <DashboardScreen id={route.id} />
  if (route.name === 'contactCenter') return <ContactCenterScreen section={route.section} />
  if (route.name === 'wallboard') return <WallboardScreen />
  if (route.name === 'callbacks') return <CallbacksScreen />
  if (route.name === 'phoneLines') return <PhoneLinesScreen />
  if (route.name === 'acd') return <AcdScreen section={route.section} />
  if (route.name === 'home') return objects.data.length === 0 ? <Text c="dimmed">{t('nav.noObjects')}</Text> : null
  return (
    <Stack align="flex-start">
      <Text>{t('app.notFound')}</Text>
      <Button component="a" variant="light" {...linkProps('/')}>{t('app.home')}</Button>
    </Stack>
  )
}

export function AppLayout({ me, route }: { me: Me; route: Route }) {
  const { t } = useTranslation()
  const [navOpened, nav] = useDisclosure(false)
  const [searchOpened, search] = useDisclosure(false)
  const objects = useObjects()
  const signOut = useSignOut()
  const os = useOs()
  useWorkspaceLanguage()
  // Also from inside inputs: Ctrl/Cmd+K is the app's search everywhere.
  useHotkeys([['mod+K', () => search.open()]], [])

  return (
    <AppShell header={{ height: HEADER_HEIGHT }} navbar={{ width: NAVBAR_WIDTH, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <a href="#main" className="skip-link">{t('app.skipToContent')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" className="header-start">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} aria-expanded={navOpened} />
            {/* dir="auto": a Latin name in a Persian page keeps its start visible when it is cut short. */}
            <Title order={2} size="h4" className="workspace-name" dir="auto">{me.workspace.name}</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <UnstyledButton className="search-trigger" onClick={search.open} aria-keyshortcuts="Control+K Meta+K">
              <span>{t('search.open')}</span>
              <Kbd size="xs" visibleFrom="sm">{os === 'macos' ? '⌘' : 'Ctrl'} K</Kbd>
            </UnstyledButton>
            <AgentStateControl visibleFrom="sm" />
            <LanguageSelect />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.objects')}>
        <AppShell.Section grow component={ScrollArea}>
          <CalendarNav current={route.name} onNavigate={nav.close} />
          <AnalysisNav current={route.name} onNavigate={nav.close} />
          <DuplicatesNav current={route.name} onNavigate={nav.close} />
          <ImportNav current={route.name} onNavigate={nav.close} />
          <DashboardsNav current={route.name} onNavigate={nav.close} />
          <ContactCenterNav current={route.name === 'contactCenter' || route.name === 'acd' ? route.section : route.name === 'wallboard' || route.name === 'callbacks' || route.name === 'phoneLines' ? route.name : undefined} onNavigate={nav.close} />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={6}>{t('nav.objects')}</Text>
          {objects.data ? <ObjectNav objects={objects.data} current={'object' in route ? route.object : undefined} onNavigate={nav.close} /> : null}
        </AppShell.Section>
        <AppShell.Section className="nav-footer">
          <AgentStateControl hiddenFrom="sm" />
          <Button component="a" variant={route.name === 'settings' ? 'light' : 'subtle'} size="xs" justify="flex-start" fullWidth {...linkProps('/settings', nav.close)}>
            {t('settings.title')}
          </Button>
          <Text size="xs" c="dimmed" truncate px="sm">{t('nav.signedInAs', { name: me.user?.name ?? me.user?.email ?? '' })}</Text>
          <Button variant="subtle" size="xs" justify="flex-start" fullWidth loading={signOut.isPending} onClick={() => signOut.mutate()}>
            {t('nav.signOut')}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Screen route={route} me={me} />
      </AppShell.Main>
      <SearchDialog opened={searchOpened} onClose={search.close} objects={objects.data ?? []} />
      <ScreenPop />
    </AppShell>
  )
}
