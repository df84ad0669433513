/**
 * Access changes made outside this process (another server, `bin/rapport user create` while
 * the server runs, a direct SQL change) reach the cached access model: triggers bump the
 * workspace's access_version and the cache compares it — on every request on SQLite, at most
 * a second later on Postgres (SECURITY-TESTS.md E3: ≤ 1 s).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`access cache across processes [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(() => env.close())
    const settle = () => sleep(dialect.name === 'sqlite' ? 0 : 1100)

    test('a member removed or re-roled by someone else loses access on the next request', async () => {
      const member = await env.addMember('Member', 'elsewhere')
      assert.equal((await call(env, 'GET', '/api/v1/records/people', undefined, member.auth)).status, 200)
      const db = env.services.database.workspace(env.workspaceId).db
      const readOnly = (await env.services.access.listRoles(env.workspaceId)).find((r) => r.name === 'Read only')!
      // Straight to the tables, as another process would: nothing here invalidates the cache.
      await db.updateTable('members').set({ role_id: readOnly.id }).where('user_id', '=', member.userId).execute()
      await settle()
      const create = await call(env, 'POST', '/api/v1/records/people', { lastName: 'After demotion' }, member.auth)
      assert.equal(create.status, 403, 'the read-only role applies')
      await db.deleteFrom('members').where('user_id', '=', member.userId).execute()
      await settle()
      assert.equal((await call(env, 'GET', '/api/v1/records/people', undefined, member.auth)).status, 401)
    })

    test('a member added elsewhere is let in', async () => {
      const user = await env.services.users.create({ email: `late.${env.workspaceId}@example.com`, name: 'Late', password: 'correct horse battery' })
      const { key } = await env.services.apiKeys.create(env.workspaceId, 'late', { userId: user.id })
      const auth = { authorization: `Bearer ${key}` }
      assert.equal((await call(env, 'GET', '/api/v1/records/people', undefined, auth)).status, 401, 'not a member yet')
      const member = (await env.services.access.listRoles(env.workspaceId)).find((r) => r.name === 'Member')!
      await env.services.database.workspace(env.workspaceId).db.insertInto('members').values({ user_id: user.id, role_id: member.id, email: user.email, name: 'Late', created_at: new Date().toISOString() }).execute()
      await settle()
      assert.equal((await call(env, 'GET', '/api/v1/records/people', undefined, auth)).status, 200)
    })
  })
}
