/**
 * A new tab of a signed-in session gets its CSRF token from GET /auth/me (the same token
 * sign-in answered, still required on every cookie write), the public setup status, and the
 * workspace's name, language and currency settings (administrators change, members read).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp, createServices, type Services } from '../server/src/app.js'
import { hashToken } from '../server/src/modules/identity/tokens.js'
import { DIALECTS } from './support/dialects.js'

interface Session { cookie: string; csrf: string }
const PASSWORD = 'correct horse battery'

for (const dialect of DIALECTS) {
  describe(`session CSRF via /me, setup status, workspace settings [${dialect.name}]`, () => {
    let services: Services
    let app: FastifyInstance
    let cleanup: () => Promise<void>
    let admin: Session
    let member: Session

    async function request(method: string, url: string, options: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string> } = {}) {
      const response = await app.inject({
        method: method as 'GET', url, payload: options.body === undefined ? undefined : JSON.stringify(options.body),
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}), ...options.headers,
        },
      })
      return { status: response.statusCode, json: response.body ? JSON.parse(response.body) : undefined, headers: response.headers }
    }
    const as = (session: Session, method: string, url: string, body?: unknown) => request(method, url, { body, cookie: session.cookie, csrf: session.csrf })
    async function signIn(email: string): Promise<Session> {
      const response = await request('POST', '/api/v1/auth/sign-in', { body: { email, password: PASSWORD } })
      assert.equal(response.status, 200, JSON.stringify(response.json))
      return { cookie: String([response.headers['set-cookie']].flat()[0]).split(';')[0], csrf: response.json.csrfToken }
    }

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

    test('setup-status is public and says whether first-run setup is still open', async () => {
      const beforeSetup = await request('GET', '/api/v1/auth/setup-status')
      assert.equal(beforeSetup.status, 200)
      assert.deepEqual(beforeSetup.json, { data: { setupRequired: true } })
      const setup = await request('POST', '/api/v1/auth/setup', { body: { workspaceName: 'Acme', email: 'ada@acme.example', password: PASSWORD, name: 'Ada' } })
      assert.equal(setup.status, 201)
      assert.deepEqual((await request('GET', '/api/v1/auth/setup-status')).json, { data: { setupRequired: false } })
      admin = await signIn('ada@acme.example')
      const workspaceId = (await as(admin, 'GET', '/api/v1/auth/me')).json.data.workspace.id
      const user = await services.users.create({ email: 'max@acme.example', name: 'Max', password: PASSWORD })
      const memberRole = (await services.access.listRoles(workspaceId)).find((r) => r.name === 'Member')!
      await services.access.addMember(workspaceId, user, memberRole.id)
      member = await signIn('max@acme.example')
    })

    test('/me answers the session\'s sign-in CSRF token, uncached; a new tab writes with it', async () => {
      const me = await request('GET', '/api/v1/auth/me', { cookie: admin.cookie })
      assert.equal(me.status, 200)
      assert.equal(me.json.data.csrfToken, admin.csrf, 'the same token sign-in returned')
      assert.equal(me.headers['cache-control'], 'no-store')
      assert.equal(me.json.data.totpEnabled, false)
      // A second tab: only the cookie, then the token from /me.
      const written = await as({ cookie: admin.cookie, csrf: me.json.data.csrfToken }, 'POST', '/api/v1/records/companies', { name: 'From tab two' })
      assert.equal(written.status, 201, JSON.stringify(written.json))
      // The token is still required, and one session's token does not open another.
      const none = await request('POST', '/api/v1/records/companies', { body: { name: 'x' }, cookie: admin.cookie })
      assert.equal(none.status, 403)
      assert.equal(none.json.code, 'csrf-failed')
      const crossed = await request('POST', '/api/v1/records/companies', { body: { name: 'x' }, cookie: admin.cookie, csrf: member.csrf })
      assert.equal(crossed.status, 403)
      assert.notEqual(admin.csrf, member.csrf)
      // Two sessions of one user have different tokens.
      const again = await signIn('ada@acme.example')
      assert.notEqual(again.csrf, admin.csrf)
      assert.equal((await request('GET', '/api/v1/auth/me', { cookie: again.cookie })).json.data.csrfToken, again.csrf)
    })

    test('an API key\'s /me has no CSRF token, and the database holds only its hash', async () => {
      const workspaceId = (await as(admin, 'GET', '/api/v1/auth/me')).json.data.workspace.id
      const { key } = await services.apiKeys.create(workspaceId, 'script', { roleId: await services.access.adminRoleId(workspaceId) })
      const me = await request('GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${key}` } })
      assert.equal(me.status, 200)
      assert.equal('csrfToken' in me.json.data, false)
      const rows = await services.database.control.selectFrom('sessions').select('csrf_hash').execute()
      assert.ok(rows.some((row) => row.csrf_hash === hashToken(admin.csrf)))
      assert.ok(rows.every((row) => row.csrf_hash !== admin.csrf))
    })

    test('a session from before derived tokens gets the derived one from /me, and only it works after', async () => {
      const session = await signIn('max@acme.example')
      const legacyToken = 'legacy-random-token-legacy-random-token'
      await services.database.control.updateTable('sessions').set({ csrf_hash: hashToken(legacyToken) }).where('csrf_hash', '=', hashToken(session.csrf)).execute()
      assert.equal((await request('POST', '/api/v1/records/companies', { body: { name: 'x' }, cookie: session.cookie, csrf: session.csrf })).status, 403)
      const me = await request('GET', '/api/v1/auth/me', { cookie: session.cookie })
      assert.equal(me.json.data.csrfToken, session.csrf)
      const written = await as(session, 'POST', '/api/v1/records/companies', { name: 'After upgrade' })
      assert.equal(written.status, 201)
    })

    test('workspace settings: members read, administrators change, bad values name the field', async () => {
      const read = await as(member, 'GET', '/api/v1/workspace')
      assert.equal(read.status, 200)
      assert.deepEqual({ ...read.json.data, id: undefined }, { id: undefined, name: 'Acme', locale: 'en', defaultCurrency: 'USD', defaultCountry: 'US' })

      const refused = await as(member, 'PATCH', '/api/v1/workspace', { defaultCurrency: 'EUR' })
      assert.equal(refused.status, 403)
      assert.equal((await as(admin, 'GET', '/api/v1/workspace')).json.data.defaultCurrency, 'USD', 'nothing changed')

      for (const [body, pointer] of [[{ defaultCurrency: 'EUO' }, '/defaultCurrency'], [{ defaultCurrency: 'eur' }, '/defaultCurrency'], [{ locale: 'de' }, '/locale'],
        [{ defaultCountry: 'XX' }, '/defaultCountry'], [{ name: '   ' }, '/name'], [{ workspaceId: 'x' }, '/workspaceId']] as const) {
        const bad = await as(admin, 'PATCH', '/api/v1/workspace', body)
        assert.equal(bad.status, 400, JSON.stringify(body))
        assert.match(String(bad.headers['content-type']), /application\/problem\+json/)
        assert.ok(bad.json.errors?.some((e: { pointer: string }) => e.pointer === pointer || (pointer === '/workspaceId' && e.pointer === '')), `${pointer}: ${JSON.stringify(bad.json)}`)
      }
      assert.equal((await as(admin, 'PATCH', '/api/v1/workspace', {})).status, 400)

      const changed = await as(admin, 'PATCH', '/api/v1/workspace', { locale: 'fa', defaultCurrency: 'EUR', defaultCountry: 'LT', name: ' Acme Baltic ' })
      assert.equal(changed.status, 200, JSON.stringify(changed.json))
      assert.deepEqual({ ...changed.json.data, id: undefined }, { id: undefined, name: 'Acme Baltic', locale: 'fa', defaultCurrency: 'EUR', defaultCountry: 'LT' })
      assert.equal((await as(member, 'GET', '/api/v1/workspace')).json.data.defaultCurrency, 'EUR')
      assert.equal((await as(member, 'GET', '/api/v1/auth/me')).json.data.workspace.name, 'Acme Baltic')
      // Phones without a country code now read as Lithuanian.
      const person = await as(admin, 'POST', '/api/v1/records/people', { firstName: 'Jonas', phone: '8 612 34567' })
      assert.equal(person.status, 201, JSON.stringify(person.json))
      assert.equal(person.json.data.phone, '+37061234567')
    })
  })
}
