/**
 * API keys per user and per role (shown once, hashed, expiring, revocable) and the audit log.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`API keys and audit log [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(async () => { await env.close() })

    test('a member creates, uses and revokes their own key; revocation applies to the next request', async () => {
      const member = await env.addMember('Member', 'keyholder')
      const created = await call(env, 'POST', '/api/v1/api-keys', { name: 'script' }, member.auth)
      assert.equal(created.status, 201)
      const { key, id, userId } = created.json.data
      assert.equal(userId, member.userId)
      assert.match(key, /^rpk_[a-z0-9]{8}_/)
      const listed = await call(env, 'GET', '/api/v1/api-keys', undefined, member.auth)
      assert.ok(listed.json.data.some((k: any) => k.id === id))
      assert.equal(JSON.stringify(listed.json).includes(key), false, 'the key is shown once only')
      const stored = await env.services.database.control.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      // The secret is everything after rpk_<prefix>_ (it may itself contain '_').
      assert.equal(JSON.stringify(stored).includes(key.slice('rpk_'.length + 9)), false, 'only a hash is stored')
      const asKey = { authorization: `Bearer ${key}` }
      assert.equal((await call(env, 'GET', '/api/v1/records/people', undefined, asKey)).status, 200)
      const record = await call(env, 'POST', '/api/v1/records/companies', { name: 'By key' }, asKey)
      assert.equal(record.json.data.ownerId, member.userId, 'a user key acts as its user')
      assert.equal((await call(env, 'DELETE', `/api/v1/api-keys/${id}`, undefined, member.auth)).status, 204)
      assert.equal((await call(env, 'GET', '/api/v1/records/people', undefined, asKey)).status, 401)
    })

    test('role keys are for administrators; expired keys stop working', async () => {
      const readOnly = (await call(env, 'GET', '/api/v1/access/roles')).json.data.find((r: any) => r.name === 'Read only')
      const roleKey = await call(env, 'POST', '/api/v1/api-keys', { name: 'integration', roleId: readOnly.id })
      assert.equal(roleKey.status, 201)
      const asRole = { authorization: `Bearer ${roleKey.json.data.key}` }
      assert.equal((await call(env, 'GET', '/api/v1/records/companies', undefined, asRole)).status, 200)
      assert.equal((await call(env, 'POST', '/api/v1/records/companies', { name: 'x' }, asRole)).status, 403, 'read-only role key')
      const past = await call(env, 'POST', '/api/v1/api-keys', { name: 'old', expiresAt: '2020-01-01T00:00:00Z' })
      assert.equal(past.status, 400)
      const soon = await call(env, 'POST', '/api/v1/api-keys', { name: 'short', expiresAt: new Date(Date.now() + 60_000).toISOString() })
      await env.services.database.control.updateTable('api_keys').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', soon.json.data.id).execute()
      assert.equal((await call(env, 'GET', '/api/v1/records/companies', undefined, { authorization: `Bearer ${soon.json.data.key}` })).status, 401)
    })

    test('the audit log records key creation and role changes and only administrators read it', async () => {
      const member = await env.addMember('Member', 'audited')
      const readOnly = (await call(env, 'GET', '/api/v1/access/roles')).json.data.find((r: any) => r.name === 'Read only')
      assert.equal((await call(env, 'PATCH', `/api/v1/access/members/${member.userId}`, { roleId: readOnly.id })).status, 204)
      const log = await call(env, 'GET', '/api/v1/audit-log')
      const events = log.json.data.map((e: any) => e.event)
      assert.ok(events.includes('api-key-created'))
      assert.ok(events.includes('role-assigned'))
      assert.equal((await call(env, 'GET', '/api/v1/audit-log', undefined, member.auth)).status, 403)
    })

    test('A8: assigning a role from another workspace or a missing role is refused', async () => {
      const other = await env.services.workspaces.create({ name: 'Other' })
      const foreignRole = await env.services.access.adminRoleId(other.id)
      const member = await env.addMember('Member', 'escalator')
      const response = await call(env, 'PATCH', `/api/v1/access/members/${member.userId}`, { roleId: foreignRole })
      assert.equal(response.status, 400)
      assert.equal(response.json.errors[0].pointer, '/roleId')
      const self = await call(env, 'PATCH', `/api/v1/access/members/${member.userId}`, { roleId: foreignRole }, member.auth)
      assert.equal(self.status, 403)
      await env.services.database.dropWorkspaceStorage(other.id)
    })
  })
}
