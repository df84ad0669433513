/**
 * Rate limits (SECURITY-TESTS E1): per IP and per account on sign-in, per key on the API,
 * 429 with Retry-After — and the real user is never locked out of their own account.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp, createServices, type Services } from '../server/src/app.js'
import { DIALECTS } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`rate limits [${dialect.name}]`, () => {
    let services: Services
    let app: FastifyInstance
    let cleanup: () => Promise<void>
    let email: string
    let key: string
    before(async () => {
      const opened = await dialect.open()
      cleanup = opened.cleanup
      services = await createServices(opened.database)
      app = await buildApp({ services, rateLimits: { apiPerMinute: 20, sensitivePerIpPerMinute: 30, failuresPerAccount: 10 } })
      const workspace = await services.workspaces.create({ name: 'Limits' })
      const user = await services.users.create({ email: `victim.${workspace.id}@example.com`, name: 'Victim', password: 'correct horse battery' })
      await services.access.addMember(workspace.id, user, await services.access.adminRoleId(workspace.id))
      email = user.email
      key = (await services.apiKeys.create(workspace.id, 'limited', { userId: user.id })).key
    })
    after(async () => {
      await app.close()
      await cleanup()
    })

    const signIn = (password: string, ip: string, cookie?: string, as = email) => app.inject({
      method: 'POST', url: '/api/v1/auth/sign-in', remoteAddress: ip, payload: { email: as, password },
      headers: cookie ? { cookie } : {},
    })

    test('the real user signs in from a known browser while an attacker is throttled', async () => {
      const first = await signIn('correct horse battery', '10.1.0.1')
      assert.equal(first.statusCode, 200)
      const device = [first.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('rapport_device='))!.split(';')[0]

      // One IP stuffing many accounts: 30 answers, then 429 with Retry-After.
      const statuses: number[] = []
      for (let i = 0; i < 35; i++) statuses.push((await signIn('some password', '10.9.9.9', undefined, `user${i}@stuffing.example`)).statusCode)
      assert.deepEqual(statuses.slice(0, 30), Array(30).fill(401))
      assert.deepEqual(statuses.slice(30), Array(5).fill(429))
      const limited = await signIn('wrong again password', '10.9.9.9')
      assert.equal(limited.statusCode, 429)
      assert.ok(Number(limited.headers['retry-after']) > 0)
      assert.equal(JSON.parse(limited.body).code, 'rate-limited')

      // Many IPs on one account: after the per-account failure budget, unknown browsers get 429…
      const spread: number[] = []
      for (let i = 0; i < 15; i++) spread.push((await signIn(`wrong ${i} password`, `10.2.0.${i}`)).statusCode)
      assert.equal(spread.at(-1), 429)
      assert.equal((await signIn('correct horse battery', '10.3.0.1')).statusCode, 429, 'even the right password from an unknown browser waits')
      // …but the user's own browser still gets in.
      assert.equal((await signIn('correct horse battery', '10.1.0.1', device)).statusCode, 200)
    })

    test('API requests are limited per key', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 25; i++) {
        statuses.push((await app.inject({ method: 'GET', url: '/api/v1/records/people?limit=1', headers: { authorization: `Bearer ${key}` } })).statusCode)
      }
      assert.equal(statuses.filter((s) => s === 200).length, 20)
      assert.equal(statuses.at(-1), 429)
    })
  })
}
