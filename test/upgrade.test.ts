/**
 * A store made by an older release keeps working: at start every workspace is migrated and
 * gets what newer code expects (default roles); keys from before roles keep their power.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { buildApp, createServices } from '../server/src/app.js'
import { DIALECTS } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`upgrade at start [${dialect.name}]`, () => {
    test('a workspace without roles and a key without owner are upgraded on start', async () => {
      const { database, cleanup } = await dialect.open()
      try {
        const first = await createServices(database)
        const workspace = await first.workspaces.create({ name: 'Old' })
        // Make it look like the previous release: no access tables' rows, a key without user or role.
        const ws = database.workspace(workspace.id)
        await sql`delete from roles`.execute(ws.db)
        const { key, info } = await first.apiKeys.create(workspace.id, 'legacy', { roleId: 'gone' })
        await database.control.updateTable('api_keys').set({ role_id: null, user_id: null }).where('id', '=', info.id).execute()
        first.access.invalidate(workspace.id)
        const services = await createServices(database)
        assert.equal((await services.access.listRoles(workspace.id)).filter((r) => r.isAdmin).length, 1)
        const app = await buildApp({ services })
        const response = await app.inject({ method: 'POST', url: '/api/v1/records/companies', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: { name: 'Still works' } })
        assert.equal(response.statusCode, 201, response.body)
        await app.close()
      } finally {
        await cleanup()
      }
    })
  })
}
