/**
 * Settings → Sharing: the record-sharing part of the access model. Organisation-wide defaults
 * per object, teams and their members, and sharing rules (records matching criteria shared
 * with a team or role). The server enforces all of it; this screen only edits it.
 */
import { Badge, Button, CloseButton, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { SHARING_ACCESS, type SharingAccess } from '../../../../contracts/access.js'
import { listMembers, listRoles } from '../../api/settings.js'
import {
  createSharingRule, createTeam, deleteSharingRule, listSharingDefaults, listSharingRules, listTeams, setSharingDefault, setTeamMembers,
  type SharingRule, type Team,
} from '../../api/sharing.js'
import type { ObjectDescription } from '../../api/types.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { FormError } from '../auth/FormError.js'
import { fieldProblem } from '../auth/problem-text.js'
import { emptyGroup, groupToAst, type Group as FilterGroup } from '../filters/filter-model.js'
import { GroupEditor } from '../filters/GroupEditor.js'
import { filterPathsOf } from '../filters/paths.js'
import { ROLES } from './MembersSettings.js'

const DEFAULTS = ['settings', 'sharing', 'defaults'] as const
const TEAMS = ['settings', 'sharing', 'teams'] as const
const RULES = ['settings', 'sharing', 'rules'] as const
const MEMBERS = ['settings', 'members'] as const

export function SharingSettings({ objects }: { objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  return (
    <Stack gap="xl">
      <Title order={2} size="h3">{t('sharing.title')}</Title>
      <DefaultsSection objects={objects} />
      <TeamsSection />
      <RulesSection objects={objects} />
    </Stack>
  )
}

function DefaultsSection({ objects }: { objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const defaults = useQuery({ queryKey: DEFAULTS, queryFn: ({ signal }) => listSharingDefaults(signal) })
  const change = useMutation({
    mutationFn: (input: { object: string; access: SharingAccess }) => setSharingDefault(input.object, input.access),
    onSettled: () => client.invalidateQueries({ queryKey: DEFAULTS }),
  })
  const labelOf = (apiName: string) => objects.find((o) => o.apiName === apiName)?.labelPlural ?? apiName
  const options = SHARING_ACCESS.map((value) => ({ value, label: t(`sharing.access.${value}`) }))
  return (
    <Stack gap="sm" component="section" aria-labelledby="sharing-defaults">
      <Title order={3} size="h4" id="sharing-defaults">{t('sharing.defaultsTitle')}</Title>
      <Text size="sm" c="dimmed">{t('sharing.defaultsHint')}</Text>
      {defaults.isError ? <ErrorAlert error={defaults.error} onRetry={() => void defaults.refetch()} />
        : defaults.isPending ? <Text size="sm">{t('sharing.loading')}</Text> : (
          <div className="settings-table-wrap">
            <Table striped aria-labelledby="sharing-defaults">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('sharing.object')}</Table.Th><Table.Th>{t('sharing.defaultAccess')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {defaults.data.map((d) => (
                  <Table.Tr key={d.object}>
                    <Table.Td><bdi>{labelOf(d.object)}</bdi></Table.Td>
                    <Table.Td>
                      <NativeSelect size="xs" data={options} value={d.access} aria-label={t('sharing.defaultOf', { object: labelOf(d.object) })}
                        onChange={(event) => change.mutate({ object: d.object, access: event.currentTarget.value as SharingAccess })} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
    </Stack>
  )
}

function TeamsSection() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const teams = useQuery({ queryKey: TEAMS, queryFn: ({ signal }) => listTeams(signal) })
  const members = useQuery({ queryKey: MEMBERS, queryFn: ({ signal }) => listMembers(signal) })
  const [name, setName] = useState('')
  const refresh = () => client.invalidateQueries({ queryKey: TEAMS })
  const create = useMutation({
    mutationFn: () => createTeam(name.trim()),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => { setName(''); await refresh() },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate()
  }
  return (
    <Stack gap="sm" component="section" aria-labelledby="sharing-teams">
      <Title order={3} size="h4" id="sharing-teams">{t('sharing.teamsTitle')}</Title>
      {teams.isError ? <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} />
        : teams.isPending ? <Text size="sm">{t('sharing.loading')}</Text>
        : teams.data.length === 0 ? <Text size="sm" c="dimmed">{t('sharing.noTeams')}</Text>
        : teams.data.map((team) => <TeamCard key={team.id} team={team} members={members.data ?? []} onChanged={refresh} />)}
      <form onSubmit={submit} noValidate aria-label={t('sharing.newTeam')}>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('sharing.teamName')} required value={name} onChange={(event) => setName(event.currentTarget.value)}
            error={fieldProblem(create.error, '/name')} />
          <Button type="submit" loading={create.isPending}>{t('sharing.createTeam')}</Button>
        </Group>
        <FormError error={create.error && !fieldProblem(create.error, '/name') ? create.error : null} />
      </form>
    </Stack>
  )
}

function TeamCard({ team, members, onChanged }: { team: Team; members: { userId: string; name: string }[]; onChanged: () => Promise<void> }) {
  const { t } = useTranslation()
  const [adding, setAdding] = useState('')
  const save = useMutation({ mutationFn: (memberIds: string[]) => setTeamMembers(team.id, memberIds), onSettled: onChanged })
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.name ?? userId
  const candidates = members.filter((m) => !team.memberIds.includes(m.userId))
  const chosen = adding || candidates[0]?.userId || ''
  return (
    <Paper withBorder p="sm" radius="sm" role="group" aria-label={team.name}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600}><bdi>{team.name}</bdi></Text>
          <Text size="xs" c="dimmed">{t('sharing.memberCount', { count: team.memberIds.length })}</Text>
        </Group>
        <Group gap="xs" aria-label={t('sharing.membersOf', { team: team.name })} role="list">
          {team.memberIds.map((userId) => (
            <Badge key={userId} role="listitem" variant="light" size="lg" tt="none"
              rightSection={<CloseButton size="xs" aria-label={t('sharing.removeFrom', { name: nameOf(userId), team: team.name })}
                onClick={() => save.mutate(team.memberIds.filter((id) => id !== userId))} />}>
              <bdi>{nameOf(userId)}</bdi>
            </Badge>
          ))}
        </Group>
        {candidates.length ? (
          <Group gap="xs" align="flex-end">
            <NativeSelect size="xs" aria-label={t('sharing.memberToAdd', { team: team.name })} value={chosen}
              data={candidates.map((m) => ({ value: m.userId, label: m.name }))} onChange={(event) => setAdding(event.currentTarget.value)} />
            <Button size="xs" variant="light" loading={save.isPending} disabled={!chosen}
              onClick={() => { save.mutate([...team.memberIds, chosen]); setAdding('') }}>{t('sharing.addMember')}</Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  )
}

function RulesSection({ objects }: { objects: ObjectDescription[] }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const rules = useQuery({ queryKey: RULES, queryFn: ({ signal }) => listSharingRules(signal) })
  const teams = useQuery({ queryKey: TEAMS, queryFn: ({ signal }) => listTeams(signal) })
  const roles = useQuery({ queryKey: ROLES, queryFn: ({ signal }) => listRoles(signal) })
  const remove = useMutation({ mutationFn: (id: string) => deleteSharingRule(id), onSettled: () => client.invalidateQueries({ queryKey: RULES }) })
  const objectLabel = (apiName: string) => objects.find((o) => o.apiName === apiName)?.labelPlural ?? apiName
  const granteeLabel = (rule: SharingRule) => rule.granteeType === 'team'
    ? teams.data?.find((x) => x.id === rule.granteeId)?.name ?? rule.granteeId
    : roles.data?.find((x) => x.id === rule.granteeId)?.name ?? rule.granteeId
  return (
    <Stack gap="sm" component="section" aria-labelledby="sharing-rules">
      <Title order={3} size="h4" id="sharing-rules">{t('sharing.rulesTitle')}</Title>
      {rules.isError ? <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
        : rules.isPending ? <Text size="sm">{t('sharing.loading')}</Text>
        : rules.data.length === 0 ? <Text size="sm" c="dimmed">{t('sharing.noRules')}</Text> : (
          <div className="settings-table-wrap">
            <Table striped aria-labelledby="sharing-rules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sharing.ruleName')}</Table.Th>
                  <Table.Th>{t('sharing.object')}</Table.Th>
                  <Table.Th>{t('sharing.sharedWith')}</Table.Th>
                  <Table.Th>{t('sharing.accessLabel')}</Table.Th>
                  <Table.Th><VisuallyHidden>{t('sharing.actions')}</VisuallyHidden></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.data.map((rule) => (
                  <Table.Tr key={rule.id}>
                    <Table.Td><bdi>{rule.name}</bdi></Table.Td>
                    <Table.Td><bdi>{objectLabel(rule.object)}</bdi></Table.Td>
                    <Table.Td>{t(`sharing.grantee.${rule.granteeType}`)}: <bdi>{granteeLabel(rule)}</bdi></Table.Td>
                    <Table.Td>{t(`sharing.ruleAccess.${rule.access}`)}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="light" color="red" loading={remove.isPending && remove.variables === rule.id}
                        aria-label={t('sharing.deleteRuleNamed', { name: rule.name })} onClick={() => remove.mutate(rule.id)}>{t('sharing.delete')}</Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      <RuleForm objects={objects} teams={teams.data ?? []} roles={(roles.data ?? []).filter((r) => !r.isAdmin)}
        onCreated={() => client.invalidateQueries({ queryKey: RULES })} />
    </Stack>
  )
}

function RuleForm({ objects, teams, roles, onCreated }: {
  objects: ObjectDescription[]; teams: Team[]; roles: { id: string; name: string }[]; onCreated: () => Promise<void>
}) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [objectName, setObjectName] = useState(objects[0]?.apiName ?? '')
  const [criteria, setCriteria] = useState<FilterGroup>(() => emptyGroup())
  const [granteeType, setGranteeType] = useState<'team' | 'role'>('team')
  const [granteeId, setGranteeId] = useState('')
  const [access, setAccess] = useState<'read' | 'readWrite'>('read')
  const object = objects.find((o) => o.apiName === objectName)
  const paths = useMemo(() => (object ? filterPathsOf(object, objects, t) : []), [object, objects, t])
  const byPath = useMemo(() => new Map(paths.map((p) => [p.path, p])), [paths])
  const grantees = (granteeType === 'team' ? teams : roles).map((g) => ({ value: g.id, label: g.name }))
  const chosenGrantee = grantees.some((g) => g.value === granteeId) ? granteeId : grantees[0]?.value ?? ''
  const create = useMutation({
    mutationFn: () => createSharingRule({
      object: objectName, name: name.trim(), criteria: groupToAst(criteria, byPath), granteeType, granteeId: chosenGrantee, access,
    }),
    meta: { handlesOwnErrors: true },
    onSuccess: async () => {
      setName('')
      setCriteria(emptyGroup())
      await onCreated()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate()
  }
  const criteriaProblem = create.error ? fieldProblem(create.error, '/criteria') : undefined
  return (
    <form onSubmit={submit} noValidate aria-labelledby="sharing-new-rule">
      <Paper withBorder p="sm" radius="sm">
        <Stack gap="sm">
          <Title order={4} size="h5" id="sharing-new-rule">{t('sharing.newRule')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('sharing.ruleName')} required value={name} onChange={(event) => setName(event.currentTarget.value)}
              error={fieldProblem(create.error, '/name')} />
            <NativeSelect label={t('sharing.object')} value={objectName} data={objects.map((o) => ({ value: o.apiName, label: o.labelPlural }))}
              onChange={(event) => { setObjectName(event.currentTarget.value); setCriteria(emptyGroup()) }} error={fieldProblem(create.error, '/object')} />
          </SimpleGrid>
          <Text size="sm" fw={500} id="sharing-criteria">{t('sharing.criteria')}</Text>
          <div role="group" aria-labelledby="sharing-criteria">
            <GroupEditor key={objectName} group={criteria} paths={paths} byPath={byPath} onChange={setCriteria} />
          </div>
          {criteriaProblem ? <Text size="sm" c="red" role="alert">{criteriaProblem}</Text> : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect label={t('sharing.shareWith')} value={granteeType}
              data={[{ value: 'team', label: t('sharing.grantee.team') }, { value: 'role', label: t('sharing.grantee.role') }]}
              onChange={(event) => setGranteeType(event.currentTarget.value as 'team' | 'role')} />
            <NativeSelect label={t(granteeType === 'team' ? 'sharing.grantee.team' : 'sharing.grantee.role')} value={chosenGrantee}
              data={grantees.length ? grantees : [{ value: '', label: t('sharing.noneAvailable') }]}
              onChange={(event) => setGranteeId(event.currentTarget.value)} error={fieldProblem(create.error, '/granteeId')} />
            <NativeSelect label={t('sharing.accessLabel')} value={access}
              data={[{ value: 'read', label: t('sharing.ruleAccess.read') }, { value: 'readWrite', label: t('sharing.ruleAccess.readWrite') }]}
              onChange={(event) => setAccess(event.currentTarget.value as 'read' | 'readWrite')} />
          </SimpleGrid>
          <FormError error={create.error && !criteriaProblem && !fieldProblem(create.error, '/name') && !fieldProblem(create.error, '/granteeId') ? create.error : null} />
          <Group>
            <Button type="submit" loading={create.isPending}>{t('sharing.createRule')}</Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  )
}
