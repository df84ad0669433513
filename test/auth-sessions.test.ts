/**
 * Sign-in end to end over HTTP: first-run setup, cookies and CSRF, enumeration-proof answers,
 * and revocation that applies on the very next request (SECURITY-TESTS E2, E3, E5, E7).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp, createServices, type Services } from '../server/src/app.js'
import { DIALECTS } from './support/dialects.js'

interface Session { cookie: string; csrf: string }

async function post(app: FastifyInstance, url: string, body?: unknown, session?: Session, extra: Record<string, string> = {}) {
  const response = await app.inject({
    method: 'POST', url, payload: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...extra },
  })
  return { status: response.statusCode, json: response.body ? JSON.parse(response.body) : undefined, headers: response.headers }
}

async function get(app: FastifyInstance, url: string, session?: Session) {
  const response = await app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} })
  return { status: response.statusCode, json: response.body ? JSON.parse(response.body) : undefined }
}

function sessionOf(response: { headers: Record<string, unknown>; json: any }): Session {
  const setCookie = String([response.headers['set-cookie']].flat()[0])
  assert.match(setCookie, /rapport_session=/)
  assert.match(setCookie, /HttpOnly/i)
  assert.match(setCookie, /SameSite=Lax/i)
  return { cookie: setCookie.split(';')[0], csrf: response.json.csrfToken }
}

for (const dialect of DIALECTS) {
  describe(`sign-in and sessions [${dialect.name}]`, () => {
    let services: Services
    let app: FastifyInstance
    let cleanup: () => Promise<void>
    before(async () => {
      const opened = await dialect.open()
      cleanup = opened.cleanup
      services = await createServices(opened.database)
      app = await buildApp({ services })
    })
    after(async () => {
      await app.close()
      await cleanup()
    })

    test('setup creates the admin once, then answers 404 for good', async () => {
      assert.equal(await services.users.count(), 0, 'each suite has a fresh control store')
      const first = await post(app, '/api/v1/auth/setup', { workspaceName: 'Acme', email: 'Admin@Acme.example', password: 'correct horse battery', name: 'Ada' })
      assert.equal(first.status, 201, JSON.stringify(first.json))
      const session = sessionOf(first)
      const me = await get(app, '/api/v1/auth/me', session)
      assert.equal(me.json.data.user.email, 'admin@acme.example')
      assert.equal(me.json.data.role.isAdmin, true)
      assert.equal(me.json.data.workspace.name, 'Acme')
      const again = await post(app, '/api/v1/auth/setup', { workspaceName: 'Evil', email: 'evil@x.example', password: 'correct horse battery', name: 'Eve' })
      assert.equal(again.status, 404)
      const withHeaders = await post(app, '/api/v1/auth/setup', { workspaceName: 'Evil', email: 'evil@x.example', password: 'correct horse battery', name: 'Eve' }, session, { 'x-remote-user': 'admin' })
      assert.equal(withHeaders.status, 404)
    })

    test('cookie writes need the CSRF token; unknown email and wrong password answer alike', async () => {
      const workspace = await services.workspaces.create({ name: 'Sessions' })
      const user = await services.users.create({ email: `sam.${workspace.id}@example.com`, name: 'Sam', password: 'correct horse battery' })
      await services.access.addMember(workspace.id, user, await services.access.adminRoleId(workspace.id))
      const signedIn = await post(app, '/api/v1/auth/sign-in', { email: user.email.toUpperCase(), password: 'correct horse battery' })
      assert.equal(signedIn.status, 200)
      const session = sessionOf(signedIn)
      assert.equal(signedIn.json.workspaceId, workspace.id)

      const created = await post(app, '/api/v1/records/companies', { name: 'With CSRF' }, session)
      assert.equal(created.status, 201)
      const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/records/companies', headers: { cookie: session.cookie, 'content-type': 'application/json' }, payload: '{"name":"x"}' })
      assert.equal(noCsrf.statusCode, 403)
      assert.equal(JSON.parse(noCsrf.body).code, 'csrf-failed')
      const wrongCsrf = await post(app, '/api/v1/records/companies', { name: 'x' }, { ...session, csrf: 'nope' })
      assert.equal(wrongCsrf.status, 403)
      const textPlain = await app.inject({ method: 'POST', url: '/api/v1/records/companies', headers: { cookie: session.cookie, 'content-type': 'text/plain' }, payload: '{"name":"x"}' })
      assert.ok([403, 415].includes(textPlain.statusCode))

      const wrongPassword = await post(app, '/api/v1/auth/sign-in', { email: user.email, password: 'wrong password!!' })
      const unknownEmail = await post(app, '/api/v1/auth/sign-in', { email: `nobody.${workspace.id}@example.com`, password: 'wrong password!!' })
      assert.equal(wrongPassword.status, 401)
      assert.deepEqual(unknownEmail.json, wrongPassword.json)
      assert.equal(unknownEmail.status, wrongPassword.status)
    })

    test('password change, log out everywhere, role change and removal apply on the next request', async () => {
      const workspace = await services.workspaces.create({ name: 'Revocation' })
      const adminRole = await services.access.adminRoleId(workspace.id)
      const memberRole = (await services.access.listRoles(workspace.id)).find((r) => r.name === 'Member')!
      const user = await services.users.create({ email: `rita.${workspace.id}@example.com`, name: 'Rita', password: 'correct horse battery' })
      await services.access.addMember(workspace.id, user, adminRole)
      const signIn = async (password = 'correct horse battery') => sessionOf(await post(app, '/api/v1/auth/sign-in', { email: user.email, password }))
      const laptop = await signIn()
      const phone = await signIn()

      const changed = await post(app, '/api/v1/auth/password', { currentPassword: 'correct horse battery', newPassword: 'a new long passphrase' }, laptop)
      assert.equal(changed.status, 200)
      const laptopAfter = sessionOf(changed)
      assert.equal((await get(app, '/api/v1/auth/me', phone)).status, 401, 'the other session ended')
      assert.equal((await get(app, '/api/v1/auth/me', laptop)).status, 401, 'the old token ended too')
      assert.equal((await get(app, '/api/v1/auth/me', laptopAfter)).status, 200, 'the changing session continues with a new token')

      const tablet = await signIn('a new long passphrase')
      assert.equal((await post(app, '/api/v1/auth/sign-out-everywhere', undefined, tablet)).status, 204)
      assert.equal((await get(app, '/api/v1/auth/me', laptopAfter)).status, 401)

      const desk = await signIn('a new long passphrase')
      assert.equal((await get(app, '/api/v1/access/roles', desk)).status, 200)
      await services.access.setMemberRole(workspace.id, user.id, memberRole.id)
      assert.equal((await get(app, '/api/v1/access/roles', desk)).status, 403, 'a demoted admin loses admin routes at once')
      await services.access.removeMember(workspace.id, user.id)
      assert.equal((await get(app, '/api/v1/auth/me', desk)).status, 401, 'a removed member is out at once')
    })
  })
}
