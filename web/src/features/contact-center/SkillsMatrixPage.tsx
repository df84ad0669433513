/**
 * The skills matrix (/contact-center/skills): agents × skills, each cell an agent's level (1–10,
 * empty = no skill) edited in place. A change shows at once (optimistic) and is saved as the
 * agent's whole skill map; if the server refuses it, exactly that cell goes back and a toast
 * says why. Arrow keys move between cells (mirrored in Persian), Enter saves, Escape reverts.
 * On phones each agent is a card with their skills. Members who are not agents yet can be added.
 * Below the matrix, each agent's phone endpoint (AgentEndpoints.tsx).
 */
import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { configureAgent, createSkill, listAgents, listSkills, type AcdAgentInfo, type AcdSkill } from '../../api/acd.js'
import { listMembers } from '../../api/settings.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { directionOf } from '../../i18n/index.js'
import { formattersFor } from '../../i18n/format.js'
import { ACD_KEYS, otherProblems, problemAt } from './acd-shared.js'
import { AgentEndpoints } from './AgentEndpoints.js'
import './acd.css'

interface CellEdit { userId: string; skill: string; level: number | null }

/** The agent's skills with one level changed (null removes the skill). */
function withLevel(skills: Record<string, number>, skill: string, level: number | null): Record<string, number> {
  const next = { ...skills }
  if (level === null) delete next[skill]
  else next[skill] = level
  return next
}

/** Saves one cell: optimistic in the agents list, rolled back to that cell's previous level on failure. */
function useSetLevel() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ userId, skill, level }: CellEdit) => {
      // The body is the agent's map as the cache has it now, so quick edits of two cells both land.
      const agent = client.getQueryData<AcdAgentInfo[]>(ACD_KEYS.agents)?.find((a) => a.userId === userId)
      return configureAgent(userId, { skills: withLevel(agent?.skills ?? {}, skill, level), wrapUpSeconds: agent?.wrapUpSeconds, isSupervisor: agent?.isSupervisor })
    },
    onMutate: async ({ userId, skill, level }: CellEdit) => {
      await client.cancelQueries({ queryKey: ACD_KEYS.agents })
      const before = client.getQueryData<AcdAgentInfo[]>(ACD_KEYS.agents)?.find((a) => a.userId === userId)?.skills[skill] ?? null
      client.setQueryData<AcdAgentInfo[]>(ACD_KEYS.agents, (list) => list?.map((a) => (a.userId === userId ? { ...a, skills: withLevel(a.skills, skill, level) } : a)))
      return { before }
    },
    onError: (_error, { userId, skill }, context) => {
      client.setQueryData<AcdAgentInfo[]>(ACD_KEYS.agents, (list) => list?.map((a) => (a.userId === userId ? { ...a, skills: withLevel(a.skills, skill, context?.before ?? null) } : a)))
      // A refusal often means the page is out of date (a skill deleted elsewhere): read both again.
      void client.invalidateQueries({ queryKey: ACD_KEYS.skills })
    },
  })
}

const levelOf = (text: string): number | null | 'invalid' => {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed === '0') return null
  const value = Number(trimmed)
  return Number.isInteger(value) && value >= 1 && value <= 10 ? value : 'invalid'
}

/** One level input. Keeps its own text while focused; commits on Enter or leaving the cell. */
function LevelCell({ agent, skill, row, col, onCommit, onMove, saving }: {
  agent: AcdAgentInfo; skill: AcdSkill; row: number; col: number; saving: boolean
  onCommit: (level: number | null) => void
  /** Grid mode: arrow keys move focus and only one cell is in the tab order. Cards leave Tab to the browser. */
  onMove?: (event: KeyboardEvent<HTMLInputElement>, row: number, col: number) => void
}) {
  const { t, i18n } = useTranslation()
  const n = formattersFor(i18n.language).number
  const stored = agent.skills[skill.key] ?? null
  const [text, setText] = useState<string | null>(null)
  const shown = text ?? (stored === null ? '' : n(stored))
  const parsed = text === null ? stored : levelOf(text)
  const commit = () => {
    if (text === null) return
    setText(null)
    if (parsed !== 'invalid' && parsed !== stored) onCommit(parsed)
  }
  return (
    <input className="acd-level" inputMode="numeric" autoComplete="off" value={shown} placeholder="—" data-row={row} data-col={col}
      data-empty={stored === null} data-saving={saving} aria-invalid={parsed === 'invalid'}
      aria-label={t('acdadmin.skills.cellLabel', { agent: agent.name, skill: skill.name })} title={t('acdadmin.skills.cellHint')}
      tabIndex={!onMove || (row === 0 && col === 0) ? 0 : -1}
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setText(event.currentTarget.value.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)))}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') { event.preventDefault(); commit() }
        else if (event.key === 'Escape') setText(null)
        else onMove?.(event, row, col)
      }} />
  )
}

function AddSkill() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [key, setKey] = useState('')
  const [name, setName] = useState('')
  const add = useMutation({
    mutationFn: () => createSkill({ key, name }),
    meta: { handlesOwnErrors: true },
    onSuccess: () => { setKey(''); setName(''); void client.invalidateQueries({ queryKey: ACD_KEYS.skills }) },
  })
  const general = otherProblems(add.error, (pointer) => pointer === '/key' || pointer === '/name')
  return (
    <Paper withBorder p="sm" component="form" noValidate aria-label={t('acdadmin.skills.addSkill')} onSubmit={(event) => { event.preventDefault(); add.mutate() }}>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput label={t('acdadmin.skills.key')} description={t('acdadmin.skills.keyHint')} value={key} dir="ltr" maw="12rem"
          onChange={(e) => setKey(e.currentTarget.value)} error={problemAt(add.error, '/key') ? t('acdadmin.skills.keyProblem', { detail: problemAt(add.error, '/key') }) : undefined} />
        <TextInput label={t('acdadmin.skills.name')} value={name} maw="14rem" onChange={(e) => setName(e.currentTarget.value)} error={problemAt(add.error, '/name')} />
        <Button type="submit" mt={{ base: 0, xs: 'xl' }} loading={add.isPending}>{t('acdadmin.skills.addSkill')}</Button>
      </Group>
      {general.length ? <Text c="red" size="sm" role="alert" mt="xs"><bdi>{general.join(' · ')}</bdi></Text> : null}
    </Paper>
  )
}

function AddAgent({ agents }: { agents: AcdAgentInfo[] }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const members = useQuery({ queryKey: ['settings', 'members'], queryFn: ({ signal }) => listMembers(signal) })
  const [userId, setUserId] = useState('')
  const add = useMutation({
    mutationFn: () => configureAgent(userId, { skills: {} }),
    onSuccess: () => { setUserId(''); void client.invalidateQueries({ queryKey: ACD_KEYS.agents }) },
  })
  const candidates = (members.data ?? []).filter((m) => !agents.some((a) => a.userId === m.userId))
  if (candidates.length === 0) return null
  return (
    <Group gap="xs" align="flex-end" component="form" onSubmit={(event) => { event.preventDefault(); if (userId) add.mutate() }}>
      <NativeSelect label={t('acdadmin.skills.addAgent')} value={userId} onChange={(e) => setUserId(e.currentTarget.value)}
        data={[{ value: '', label: t('acdadmin.skills.pickMember') }, ...candidates.map((m) => ({ value: m.userId, label: m.name || m.email }))]} />
      <Button type="submit" variant="light" disabled={!userId} loading={add.isPending}>{t('acdadmin.skills.makeAgent')}</Button>
    </Group>
  )
}

export function SkillsMatrixPage() {
  const { t, i18n } = useTranslation()
  const phone = useMediaQuery('(max-width: 40em)')
  const skills = useQuery({ queryKey: ACD_KEYS.skills, queryFn: ({ signal }) => listSkills(signal) })
  const agents = useQuery({ queryKey: ACD_KEYS.agents, queryFn: ({ signal }) => listAgents(signal) })
  const setLevel = useSetLevel()
  const [filter, setFilter] = useState('')
  const table = useRef<HTMLTableElement>(null)
  const rtl = directionOf(i18n.language) === 'rtl'
  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase()
    return (agents.data ?? []).filter((a) => !needle || a.name.toLocaleLowerCase().includes(needle))
  }, [agents.data, filter])
  const cols = skills.data?.length ?? 0
  const saving = (userId: string, skill: string) => setLevel.isPending && setLevel.variables?.userId === userId && setLevel.variables.skill === skill
  const commit = (userId: string, skill: string) => (level: number | null) => setLevel.mutate({ userId, skill, level })

  /** Roving focus over the grid: arrows (mirrored right-to-left), Home/End within a row. */
  const move = (event: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight'
    const back = rtl ? 'ArrowRight' : 'ArrowLeft'
    const target = event.key === forward ? [row, col + 1] : event.key === back ? [row, col - 1] : event.key === 'ArrowDown' ? [row + 1, col]
      : event.key === 'ArrowUp' ? [row - 1, col] : event.key === 'Home' ? [row, 0] : event.key === 'End' ? [row, cols - 1] : null
    if (!target) return
    const next = table.current?.querySelector<HTMLInputElement>(`input[data-row="${target[0]}"][data-col="${target[1]}"]`)
    if (!next) return
    event.preventDefault()
    event.currentTarget.tabIndex = -1
    next.tabIndex = 0
    next.focus()
  }

  const error = skills.error ?? agents.error
  return (
    <Stack gap="md">
      <Title order={1} size="h3">{t('acdadmin.skills.title')}</Title>
      <Text size="sm" c="dimmed">{t('acdadmin.skills.intro')}</Text>
      <AddSkill />
      {skills.isPending || agents.isPending ? <Text c="dimmed" role="status">{t('app.loading')}</Text> : null}
      {error ? <ErrorAlert error={error} onRetry={() => { void skills.refetch(); void agents.refetch() }} /> : null}
      {skills.data && agents.data ? (
        <>
          <Group gap="md" align="flex-end" wrap="wrap">
            <TextInput type="search" label={t('acdadmin.skills.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw="18rem" />
            <AddAgent agents={agents.data} />
          </Group>
          {skills.data.length === 0 ? <Text c="dimmed">{t('acdadmin.skills.noSkills')}</Text> : null}
          {agents.data.length === 0 ? <Text c="dimmed">{t('acdadmin.skills.noAgents')}</Text> : null}
          {agents.data.length > 0 && shown.length === 0 ? <Text c="dimmed">{t('acdadmin.skills.noMatch')}</Text> : null}
          {skills.data.length > 0 && shown.length > 0 && phone ? (
            <ul className="acd-list" aria-label={t('acdadmin.skills.title')}>
              {shown.map((agent, row) => (
                <li key={agent.userId}>
                  <Paper withBorder p="sm" component="section" aria-label={agent.name} data-agent={agent.name}>
                    <Text fw={600} mb="xs"><bdi>{agent.name}</bdi></Text>
                    <div className="acd-card-skills">
                      {skills.data.map((skill, col) => (
                        <div key={skill.key} className="acd-card-skill">
                          <Text component="span" size="sm" aria-hidden><bdi>{skill.name}</bdi></Text>
                          <LevelCell agent={agent} skill={skill} row={row} col={col} saving={saving(agent.userId, skill.key)} onCommit={commit(agent.userId, skill.key)} />
                        </div>
                      ))}
                    </div>
                  </Paper>
                </li>
              ))}
            </ul>
          ) : null}
          {skills.data.length > 0 && shown.length > 0 && !phone ? (
            <div className="acd-report-wrap">
              <table className="acd-matrix" ref={table} aria-label={t('acdadmin.skills.title')} aria-describedby="acd-matrix-hint">
                <thead>
                  <tr>
                    <th scope="col">{t('acdadmin.skills.agent')}</th>
                    {skills.data.map((skill) => <th key={skill.key} scope="col" title={skill.key}><bdi>{skill.name}</bdi></th>)}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((agent, row) => (
                    <tr key={agent.userId} data-agent={agent.name}>
                      <th scope="row"><bdi>{agent.name}</bdi></th>
                      {skills.data.map((skill, col) => (
                        <td key={skill.key} data-skill={skill.key}>
                          <LevelCell agent={agent} skill={skill} row={row} col={col} saving={saving(agent.userId, skill.key)} onCommit={commit(agent.userId, skill.key)} onMove={move} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <Text id="acd-matrix-hint" size="xs" c="dimmed" mt="xs">{t('acdadmin.skills.keyboardHint')}</Text>
            </div>
          ) : null}
          <AgentEndpoints agents={shown} />
        </>
      ) : null}
    </Stack>
  )
}
