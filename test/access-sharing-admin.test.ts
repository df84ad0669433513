/**
 * Listing and editing the record-sharing part of the access model: organisation-wide
 * defaults, teams with their members, sharing rules. Administrators only, audited, and a
 * change applies from the very next request.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`sharing administration [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { userId: string; auth: { authorization: string } }
    let other: { userId: string; auth: { authorization: string } }
    before(async () => {
      env = await startEnv(dialect)
      member = await env.addMember('Member', 'sharer')
      other = await env.addMember('Member', 'other')
    })
    after(async () => { await env.close() })

    const visibleTo = async (auth: { authorization: string }) => {
      const listed = await call(env, 'POST', '/api/v1/records/people/query', { limit: 1000, fields: ['lastName'] }, auth)
      assert.equal(listed.status, 200, JSON.stringify(listed.json))
      return listed.json.data.map((r: any) => r.lastName).sort()
    }

    test('org-wide defaults list every object and reflect a change', async () => {
      const before_ = await call(env, 'GET', '/api/v1/access/sharing')
      assert.equal(before_.status, 200)
      const people = before_.json.data.find((d: any) => d.object === 'people')
      assert.deepEqual(people, { object: 'people', access: 'readWrite' })
      assert.ok(before_.json.data.some((d: any) => d.object === 'companies'))
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'private' })).status, 204)
      const after_ = await call(env, 'GET', '/api/v1/access/sharing')
      assert.equal(after_.json.data.find((d: any) => d.object === 'people').access, 'private')
    })

    test('teams list their members; members are replaced and validated', async () => {
      const created = await call(env, 'POST', '/api/v1/access/teams', { name: 'Vilnius', memberIds: [member.userId] })
      assert.equal(created.status, 201)
      const teamId = created.json.data.id
      const again = await call(env, 'POST', '/api/v1/access/teams', { name: 'Vilnius', memberIds: [] })
      assert.equal(again.status, 409, JSON.stringify(again.json))
      assert.deepEqual(again.json.errors.map((e: any) => e.pointer), ['/name'])
      let listed = await call(env, 'GET', '/api/v1/access/teams')
      assert.deepEqual(listed.json.data.find((t: any) => t.id === teamId), { id: teamId, name: 'Vilnius', memberIds: [member.userId] })

      const set = await call(env, 'PUT', `/api/v1/access/teams/${teamId}/members`, { memberIds: [other.userId, member.userId, other.userId] })
      assert.equal(set.status, 200, JSON.stringify(set.json))
      assert.deepEqual(set.json.data.memberIds, [member.userId, other.userId].sort())
      listed = await call(env, 'GET', '/api/v1/access/teams')
      assert.deepEqual(listed.json.data.find((t: any) => t.id === teamId).memberIds, [member.userId, other.userId].sort())

      const stranger = await call(env, 'PUT', `/api/v1/access/teams/${teamId}/members`, { memberIds: [member.userId, 'not-a-member'] })
      assert.equal(stranger.status, 400)
      assert.deepEqual(stranger.json.errors.map((e: any) => e.pointer), ['/memberIds/1'])
      // Refused input leaves the team as it was.
      listed = await call(env, 'GET', '/api/v1/access/teams')
      assert.deepEqual(listed.json.data.find((t: any) => t.id === teamId).memberIds, [member.userId, other.userId].sort())

      const shape = await call(env, 'PUT', `/api/v1/access/teams/${teamId}/members`, { memberIds: [{ id: 'x' }] })
      assert.equal(shape.status, 400)
      assert.ok(shape.headers['content-type']?.toString().startsWith('application/problem+json'))
      assert.ok(shape.json.errors.some((e: any) => e.pointer === '/memberIds/0'), JSON.stringify(shape.json))
      assert.equal((await call(env, 'PUT', '/api/v1/access/teams/no-such-team/members', { memberIds: [] })).status, 404)

      const emptied = await call(env, 'PUT', `/api/v1/access/teams/${teamId}/members`, { memberIds: [] })
      assert.deepEqual(emptied.json.data.memberIds, [])
    })

    test('a sharing rule is listed, and deleting it takes effect on the next request', async () => {
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/people', { access: 'private' })).status, 204)
      const batch = await call(env, 'POST', '/api/v1/records/people/batch', {
        operations: ['Xavier', 'Xu', 'Young'].map((lastName) => ({ op: 'create', data: { firstName: 'P', lastName } })),
      })
      assert.equal(batch.status, 200, JSON.stringify(batch.json))
      const team = await call(env, 'POST', '/api/v1/access/teams', { name: 'Rule team', memberIds: [member.userId] })
      assert.deepEqual(await visibleTo(member.auth), [])

      const rule = await call(env, 'POST', '/api/v1/access/sharing-rules', {
        object: 'people', name: 'X people', criteria: { field: 'lastName', op: 'startsWith', value: 'X' },
        granteeType: 'team', granteeId: team.json.data.id, access: 'read',
      })
      assert.equal(rule.status, 201, JSON.stringify(rule.json))
      const ruleId = rule.json.data.id
      const listed = await call(env, 'GET', '/api/v1/access/sharing-rules')
      assert.equal(listed.status, 200)
      const found = listed.json.data.find((r: any) => r.id === ruleId)
      assert.equal(found.name, 'X people')
      assert.equal(found.object, 'people')
      assert.deepEqual(found.criteria, { field: 'lastName', op: 'startsWith', value: 'X' })
      assert.equal(found.granteeType, 'team')
      assert.equal(found.granteeId, team.json.data.id)
      assert.equal(found.access, 'read')
      assert.ok(!Number.isNaN(Date.parse(found.createdAt)))
      assert.deepEqual(await visibleTo(member.auth), ['Xavier', 'Xu'])

      assert.equal((await call(env, 'DELETE', `/api/v1/access/sharing-rules/${ruleId}`)).status, 204)
      assert.deepEqual(await visibleTo(member.auth), [])
      assert.ok(!(await call(env, 'GET', '/api/v1/access/sharing-rules')).json.data.some((r: any) => r.id === ruleId))
      assert.equal((await call(env, 'DELETE', `/api/v1/access/sharing-rules/${ruleId}`)).status, 404)

      const audit = await call(env, 'GET', '/api/v1/audit-log?limit=50')
      assert.ok(audit.json.data.some((e: any) => e.event === 'sharing-changed' && e.detail?.rule === ruleId && e.detail?.deleted === true), JSON.stringify(audit.json.data.slice(0, 3)))
    })

    test('bad rule input is refused with pointers', async () => {
      const bad = await call(env, 'POST', '/api/v1/access/sharing-rules', {
        object: 'people', name: 'broken', criteria: { field: 'noSuchField', op: 'eq', value: 'X' }, granteeType: 'role', granteeId: 'nope', access: 'read',
      })
      assert.equal(bad.status, 400)
      assert.ok(bad.json.errors.some((e: any) => e.pointer.startsWith('/criteria')), JSON.stringify(bad.json))
      const access = await call(env, 'POST', '/api/v1/access/sharing-rules', {
        object: 'people', name: 'x', criteria: { field: 'lastName', op: 'eq', value: 'X' }, granteeType: 'team', granteeId: 'x', access: 'everything',
      })
      assert.equal(access.status, 400)
      assert.ok(access.json.errors.some((e: any) => e.pointer === '/access'), JSON.stringify(access.json))
    })

    test('another workspace\'s team and rule ids are not found', async () => {
      const team = await call(env, 'POST', '/api/v1/access/teams', { name: 'Private team', memberIds: [member.userId] })
      const rule = await call(env, 'POST', '/api/v1/access/sharing-rules', {
        object: 'people', name: 'mine', criteria: { field: 'lastName', op: 'eq', value: 'Z' }, granteeType: 'team', granteeId: team.json.data.id, access: 'read',
      })
      const stranger = await startEnv(dialect)
      try {
        const moved = await call(stranger, 'PUT', `/api/v1/access/teams/${team.json.data.id}/members`, { memberIds: [] })
        assert.equal(moved.status, 404)
        assert.equal((await call(stranger, 'DELETE', `/api/v1/access/sharing-rules/${rule.json.data.id}`)).status, 404)
        assert.deepEqual((await call(stranger, 'GET', '/api/v1/access/sharing-rules')).json.data, [])
        assert.deepEqual((await call(stranger, 'GET', '/api/v1/access/teams')).json.data, [])
      } finally {
        await stranger.close()
      }
      const teams = await call(env, 'GET', '/api/v1/access/teams')
      assert.deepEqual(teams.json.data.find((t: any) => t.id === team.json.data.id).memberIds, [member.userId])
      assert.ok((await call(env, 'GET', '/api/v1/access/sharing-rules')).json.data.some((r: any) => r.id === rule.json.data.id))
    })

    test('members get 403 on every sharing administration route', async () => {
      for (const [method, url, body] of [
        ['GET', '/api/v1/access/sharing'], ['GET', '/api/v1/access/teams'], ['GET', '/api/v1/access/sharing-rules'],
        ['PUT', '/api/v1/access/teams/x/members', { memberIds: [] }], ['DELETE', '/api/v1/access/sharing-rules/x'],
      ] as [string, string, unknown?][]) {
        const response = await call(env, method, url, body, member.auth)
        assert.equal(response.status, 403, `${method} ${url}`)
      }
    })
  })
}
