/**
 * Property test of record-level sharing (SECURITY-TESTS A3): random organisation-wide
 * defaults × owners × role hierarchies × teams × sharing rules × manual shares. For every
 * user, what list, read, update and search allow must equal an independent oracle.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const USERS = 5
const ROLES = 4
const TEAMS = 2
const RECORDS = 16
const LETTERS = ['A', 'B', 'C']

type Grantee = { type: 'user' | 'team' | 'role'; index: number }
interface World {
  owd: 'private' | 'read' | 'readWrite'
  parents: (number | null)[]
  userRoles: number[]
  teams: boolean[][]
  owners: number[]
  rules: { letter: string; grantee: Grantee; access: 'read' | 'readWrite' }[]
  shares: { record: number; grantee: Grantee; access: 'read' | 'readWrite' }[]
}

const grantee = fc.oneof(
  fc.record({ type: fc.constant('user' as const), index: fc.nat(USERS - 1) }),
  fc.record({ type: fc.constant('team' as const), index: fc.nat(TEAMS - 1) }),
  fc.record({ type: fc.constant('role' as const), index: fc.nat(ROLES - 1) }),
)
const access = fc.constantFrom('read' as const, 'readWrite' as const)
const world: fc.Arbitrary<World> = fc.record({
  owd: fc.constantFrom('private' as const, 'read' as const, 'readWrite' as const),
  // Role i's parent is an earlier role or none, so the hierarchy is a forest.
  parents: fc.tuple(...Array.from({ length: ROLES }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.nat(i - 1), { nil: null })))),
  userRoles: fc.array(fc.nat(ROLES - 1), { minLength: USERS, maxLength: USERS }),
  teams: fc.array(fc.array(fc.boolean(), { minLength: USERS, maxLength: USERS }), { minLength: TEAMS, maxLength: TEAMS }),
  owners: fc.array(fc.nat(USERS - 1), { minLength: RECORDS, maxLength: RECORDS }),
  rules: fc.array(fc.record({ letter: fc.constantFrom(...LETTERS), grantee, access }), { maxLength: 2 }),
  shares: fc.array(fc.record({ record: fc.nat(RECORDS - 1), grantee, access }), { maxLength: 4 }),
})

/** The independent oracle: the sharing model written out directly from its definition. */
function oracle(w: World, user: number, record: number, names: string[]): { read: boolean; write: boolean } {
  const role = w.userRoles[user]
  const below = (r: number): boolean => {
    for (let p = w.parents[r]; p !== null; p = w.parents[p]) if (p === role) return true
    return false
  }
  const owner = w.owners[record]
  const ownsOrManages = owner === user || below(w.userRoles[owner])
  const matches = (g: Grantee) => (g.type === 'user' && g.index === user) || (g.type === 'role' && g.index === role) || (g.type === 'team' && w.teams[g.index][user])
  const shared = w.shares.filter((s) => s.record === record && matches(s.grantee))
  const ruled = w.rules.filter((r) => names[record].startsWith(r.letter) && matches(r.grantee))
  const grants = [...shared, ...ruled]
  return {
    read: w.owd !== 'private' || ownsOrManages || grants.length > 0,
    write: w.owd === 'readWrite' || ownsOrManages || grants.some((g) => g.access === 'readWrite'),
  }
}

for (const dialect of DIALECTS) {
  describe(`sharing model property [${dialect.name}]`, () => {
    let env: TestEnv
    let roleIds: string[]
    let users: { userId: string; auth: { authorization: string } }[]
    let teamIds: string[]
    let records: { id: string; name: string }[]
    before(async () => {
      env = await startEnv(dialect)
      const permissions = { objects: { opportunities: { read: true, create: true, update: true, delete: true } } }
      roleIds = []
      for (let i = 0; i < ROLES; i++) {
        const role = await call(env, 'POST', '/api/v1/access/roles', { name: `R${i}`, permissions })
        assert.equal(role.status, 201, JSON.stringify(role.json))
        roleIds.push(role.json.data.id)
      }
      users = []
      for (let i = 0; i < USERS; i++) users.push(await env.addMember(roleIds[0], `u${i}`))
      teamIds = []
      for (let i = 0; i < TEAMS; i++) teamIds.push((await call(env, 'POST', '/api/v1/access/teams', { name: `T${i}`, memberIds: [] })).json.data.id)
      const batch = await call(env, 'POST', '/api/v1/records/opportunities/batch', {
        operations: Array.from({ length: RECORDS }, (_, i) => ({ op: 'create', data: { name: `${LETTERS[i % 3]}-deal ${i}` } })),
      })
      records = batch.json.data.map((r: any) => ({ id: r.id, name: r.data.name }))
    })
    after(async () => { await env.close() })

    async function apply(w: World): Promise<void> {
      const ws = env.services.database.workspace(env.workspaceId)
      await ws.db.deleteFrom('sharing_rules').execute()
      await ws.db.deleteFrom('record_shares').execute()
      await ws.db.deleteFrom('team_members').execute()
      env.services.access.invalidate(env.workspaceId)
      for (let i = 0; i < ROLES; i++) {
        const parentId = w.parents[i] === null ? null : roleIds[w.parents[i]!]
        assert.equal((await call(env, 'PATCH', `/api/v1/access/roles/${roleIds[i]}`, { parentId })).status, 200)
      }
      for (let u = 0; u < USERS; u++) assert.equal((await call(env, 'PATCH', `/api/v1/access/members/${users[u].userId}`, { roleId: roleIds[w.userRoles[u]] })).status, 204)
      const memberships = w.teams.flatMap((row, t) => row.flatMap((isIn, u) => (isIn ? [{ team_id: teamIds[t], user_id: users[u].userId }] : [])))
      if (memberships.length) await ws.db.insertInto('team_members').values(memberships).execute()
      env.services.access.invalidate(env.workspaceId)
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/opportunities', { access: w.owd })).status, 204)
      const granteeId = (g: Grantee) => (g.type === 'user' ? users[g.index].userId : g.type === 'team' ? teamIds[g.index] : roleIds[g.index])
      for (const rule of w.rules) {
        const created = await call(env, 'POST', '/api/v1/access/sharing-rules', {
          object: 'opportunities', name: `starts ${rule.letter}`, criteria: { field: 'name', op: 'startsWith', value: rule.letter },
          granteeType: rule.grantee.type, granteeId: granteeId(rule.grantee), access: rule.access,
        })
        assert.equal(created.status, 201, JSON.stringify(created.json))
      }
      for (const share of w.shares) {
        const created = await call(env, 'POST', `/api/v1/records/opportunities/${records[share.record].id}/shares`, {
          granteeType: share.grantee.type, granteeId: granteeId(share.grantee), access: share.access,
        })
        assert.ok(created.status === 201 || created.status === 400, JSON.stringify(created.json))
      }
      const owners = await call(env, 'POST', '/api/v1/records/opportunities/batch', {
        operations: records.map((r, i) => ({ op: 'update', id: r.id, data: { ownerId: users[w.owners[i]].userId } })),
      })
      assert.equal(owners.status, 200, JSON.stringify(owners.json))
    }

    test('list, read, update and search equal the oracle for every user', async () => {
      const names = records.map((r) => r.name)
      await fc.assert(fc.asyncProperty(world, async (w) => {
        await apply(w)
        for (let u = 0; u < USERS; u++) {
          const as = { authorization: users[u].auth.authorization }
          const expected = records.map((_, i) => oracle(w, u, i, names))
          const label = `user ${u} in ${JSON.stringify(w)}`
          const listed = await call(env, 'POST', '/api/v1/records/opportunities/query', { limit: 1000, fields: ['name'] }, as)
          assert.deepEqual(listed.json.data.map((r: any) => r.id).sort(), records.filter((_, i) => expected[i].read).map((r) => r.id).sort(), `list: ${label}`)
          // Small pages make a scope that admits more than √(3 × 16) rows walk the sort index
          // (engine/scope-plan.ts) and a narrower one use the owner index: both must page the same rows.
          const paged: string[] = []
          for (let cursor: string | undefined, pages = 0; pages < RECORDS; pages++) {
            const page = await call(env, 'POST', '/api/v1/records/opportunities/query', { limit: 2, fields: ['name'], ...(cursor ? { cursor } : {}) }, as)
            paged.push(...page.json.data.map((r: any) => r.id))
            cursor = page.json.page.nextCursor ?? undefined
            if (!cursor) break
          }
          assert.deepEqual(paged, listed.json.data.map((r: any) => r.id), `paged list: ${label}`)
          const searched = await call(env, 'GET', '/api/v1/search?q=deal&limit=100', undefined, as)
          assert.deepEqual(searched.json.data.map((h: any) => h.id).sort(), records.filter((_, i) => expected[i].read).map((r) => r.id).sort(), `search: ${label}`)
          for (const [i, record] of records.entries()) {
            const read = await call(env, 'GET', `/api/v1/records/opportunities/${record.id}`, undefined, as)
            assert.equal(read.status, expected[i].read ? 200 : 404, `read ${i}: ${label}`)
            const write = await call(env, 'PATCH', `/api/v1/records/opportunities/${record.id}`, { closeDate: `2026-01-${String((i % 28) + 1).padStart(2, '0')}` }, as)
            assert.equal(write.status, expected[i].write ? 200 : expected[i].read ? 403 : 404, `update ${i}: ${label}`)
          }
        }
      }), { numRuns: Number(process.env.RAPPORT_SHARING_RUNS ?? 15), seed: 11, endOnFailure: true })
    })
  })
}
