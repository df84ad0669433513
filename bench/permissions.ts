/**
 * The cost of permission checks (issue 4): list page p50 and requests/s for an administrator
 * vs a member under private sharing, with a 5-level role hierarchy and 1,000 manual shares,
 * on the seeded people. Target: the member's rps ≥ 70% of the administrator's.
 *
 *   node dist/bench/permissions.js        (BENCH_PEOPLE, BENCH_DIALECTS, BENCH_DURATION as in run-all)
 */
import autocannon from 'autocannon'
import { prepareDataset, type Dataset } from './dataset.js'
import { startRapport, type RunningServer } from './servers.js'
import { RAPPORT_BIN, figure, fmtInt, fmtMs, fmtPct, log, readBenchConfig, request, runCommand, summarize, targetText, type Dialect } from './support.js'

const LEVELS = 5
const RECORDS_PER_USER = 4000
const SHARES = 1000
const SEQUENTIAL = 300
const PAGE_PATH = (cursor: string | null) => {
  const filter = encodeURIComponent(JSON.stringify({ field: 'lastName', op: 'startsWith', value: 'K' }))
  return `/api/v1/records/people?limit=50&sort=lastName,firstName&filter=${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
}

async function api(server: RunningServer, key: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await request(server.url + path, { method, headers: { authorization: `Bearer ${key}` }, body: body === undefined ? undefined : JSON.stringify(body) })
  if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.body.slice(0, 300)}`)
  return response.body ? JSON.parse(response.body) : undefined
}

async function cli(dataset: Dataset, args: string[]): Promise<string> {
  return (await runCommand(process.execPath, [RAPPORT_BIN, ...args], { env: dataset.env, timeoutMs: 120_000 })).stdout.trim()
}

/** Roles L1 > L2 > … > L5, a user on each, their keys; returns the keys, top first. */
async function buildHierarchy(dataset: Dataset, server: RunningServer): Promise<{ userIds: string[]; keys: string[] }> {
  const roleIds: string[] = []
  for (let level = 1; level <= LEVELS; level++) {
    const role = await api(server, dataset.apiKey, 'POST', '/api/v1/access/roles', {
      name: `Level ${level}`, parentId: roleIds.at(-1) ?? null, permissions: { defaultObject: { read: true, create: true, update: true, delete: true } },
    })
    roleIds.push(role.data.id)
  }
  const keys: string[] = []
  for (let level = 1; level <= LEVELS; level++) {
    const email = `level${level}@bench.example`
    await cli(dataset, ['user', 'create', '--email', email, '--password', 'bench password 123', '--role', roleIds[level - 1], '--workspace', dataset.workspaceId])
    keys.push((await cli(dataset, ['api-key', 'create', '--name', `level${level}`, '--user', email, '--workspace', dataset.workspaceId])).split('\n').at(-1)!)
  }
  // The CLI wrote members in another process: touching a role makes the server reload its access model.
  await api(server, dataset.apiKey, 'PATCH', `/api/v1/access/roles/${roleIds[0]}`, { name: 'Level 1' })
  const members = (await api(server, dataset.apiKey, 'GET', '/api/v1/access/members')).data as { userId: string; roleId: string }[]
  return { userIds: roleIds.map((roleId) => members.find((m) => m.roleId === roleId)!.userId), keys }
}

async function walkIds(server: RunningServer, key: string, pages: number): Promise<{ ids: string[]; paths: string[] }> {
  const ids: string[] = []
  const paths: string[] = []
  let cursor: string | null = null
  for (let i = 0; i < pages; i++) {
    const path = PAGE_PATH(cursor)
    paths.push(path)
    const page = await api(server, key, 'GET', path)
    ids.push(...page.data.map((r: { id: string }) => r.id))
    cursor = page.page.nextCursor
    if (!cursor) break
  }
  return { ids, paths }
}

async function measure(server: RunningServer, key: string, paths: string[], durationSec: number) {
  const headers = { authorization: `Bearer ${key}` }
  const samples: number[] = []
  for (let i = 0; i < SEQUENTIAL; i++) samples.push((await request(server.url + paths[i % paths.length], { headers })).ms)
  let next = 0
  const result = await autocannon({
    url: server.url, connections: 10, duration: durationSec, headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  })
  return { sequential: summarize(samples), rps: result.requests.average, non2xx: result.non2xx }
}

export async function runPermissions(dialect: Dialect, people: number, durationSec: number) {
  const dataset = await prepareDataset(dialect, people)
  const server = await startRapport(dataset)
  try {
    log(`permissions (${dialect}): 5-level hierarchy, private people, ${SHARES} shares …`)
    const { userIds, keys } = await buildHierarchy(dataset, server)
    // Each level's user owns a slice of people; 1,000 K-people are shared with the measured member (level 2).
    const owned: string[] = []
    let cursor: string | undefined
    while (owned.length < RECORDS_PER_USER * LEVELS) {
      const page = await api(server, dataset.apiKey, 'POST', '/api/v1/records/people/query', { limit: 1000, cursor, fields: [] })
      owned.push(...page.data.map((r: { id: string }) => r.id))
      cursor = page.page.nextCursor
      if (!cursor) break
    }
    for (let start = 0; start < owned.length; start += 1000) {
      const operations = owned.slice(start, start + 1000).map((id, i) => ({ op: 'update', id, data: { ownerId: userIds[(start + i) % LEVELS] } }))
      await api(server, dataset.apiKey, 'POST', '/api/v1/records/people/batch', { operations })
    }
    const ownedSet = new Set(owned)
    const kPeople = (await walkIds(server, dataset.apiKey, 40)).ids.filter((id) => !ownedSet.has(id)).slice(0, SHARES)
    for (const id of kPeople) await api(server, dataset.apiKey, 'POST', `/api/v1/records/people/${id}/shares`, { granteeType: 'user', granteeId: userIds[1], access: 'read' })
    await api(server, dataset.apiKey, 'PUT', '/api/v1/access/sharing/people', { access: 'private' })

    const member = keys[1]
    const adminPaths = (await walkIds(server, dataset.apiKey, 40)).paths
    const memberWalk = await walkIds(server, member, 40)
    log(`  member sees ${memberWalk.ids.length} K-people in ${memberWalk.paths.length} pages`)
    const admin = await measure(server, dataset.apiKey, adminPaths, durationSec)
    const asMember = await measure(server, member, memberWalk.paths, durationSec)
    const ratio = asMember.rps / admin.rps
    figure(`permissions (${dialect}): member ${fmtInt(asMember.rps)} rps p50 ${fmtMs(asMember.sequential.p50)} p99 ${fmtMs(asMember.sequential.p99)} | admin ${fmtInt(admin.rps)} rps p50 ${fmtMs(admin.sequential.p50)} p99 ${fmtMs(admin.sequential.p99)} | ratio ${fmtPct(ratio)} | ${targetText(ratio >= 0.7, '≥70%')}`)
    if (asMember.non2xx + admin.non2xx) figure(`  WARNING permissions (${dialect}): non-2xx member ${asMember.non2xx} admin ${admin.non2xx}`)
    return { dialect, admin, member: asMember, ratio, memberVisibleK: memberWalk.ids.length }
  } finally {
    await server.stop()
    if (!process.env.BENCH_KEEP) await dataset.cleanup()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = readBenchConfig()
  for (const dialect of config.dialects) await runPermissions(dialect, config.people, config.durationSec)
}
