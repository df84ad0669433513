/**
 * The public knowledge-base portal is rate-limited per client IP and workspace (SECURITY-TESTS
 * F11), on both dialects: the 121st request in a minute answers 429 problem+json with
 * Retry-After, invalid requests count too, another IP and another workspace are unaffected.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { PORTAL_REQUESTS_PER_MINUTE } from '../server/src/modules/contact-center/portal-limit.js'
import { DIALECTS, startEnv, type TestEnv } from './support/dialects.js'

for (const dialect of DIALECTS) {
  describe(`KB portal rate limit [${dialect.name}]`, () => {
    let env: TestEnv
    before(async () => { env = await startEnv(dialect) })
    after(() => env.close())

    test(`over ${PORTAL_REQUESTS_PER_MINUTE} requests a minute from one IP: 429 with Retry-After; other IPs and workspaces go on`, async () => {
      const get = (url: string, ip = '203.0.113.7') => env.app.inject({ method: 'GET', url, remoteAddress: ip })
      const list = `/api/v1/portal/${env.workspaceId}/kb/articles`
      for (let i = 0; i < PORTAL_REQUESTS_PER_MINUTE - 1; i++) {
        const res = await get(i % 2 ? list : `${list}?limit=100000`)
        assert.ok([200, 400].includes(res.statusCode), `${i}: ${res.statusCode} ${res.body}`)
      }
      const last = await get(list)
      assert.equal(last.statusCode, 200)
      assert.equal(last.headers['ratelimit-remaining'], '0')
      const refused = await get(`${list}/some-id`)
      assert.equal(refused.statusCode, 429)
      assert.match(refused.headers['content-type'] as string, /application\/problem\+json/)
      const retryAfter = Number(refused.headers['retry-after'])
      assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter))
      assert.equal(JSON.parse(refused.body).status, 429)
      assert.equal((await get(list, '198.51.100.9')).statusCode, 200, 'another IP is not limited')
      assert.notEqual((await get('/api/v1/portal/other-workspace/kb/articles')).statusCode, 429, 'another workspace has its own window')
    })
  })
}
