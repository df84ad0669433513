/**
 * iCalendar on every dialect: activities exported as VEVENT/VTODO (UTC times, escaping, lines
 * folded at 75 octets, stable UIDs), parsed back; the per-user feed URL — token shown once and
 * stored hashed, public GET as that user (their record scope), revocation → 404.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseContentLines, unescapeText } from '../server/src/modules/cards/content-lines.js'
import { DIALECTS, call, startEnv, type TestEnv } from './support/dialects.js'

const components = (text: string) => {
  const lines = parseContentLines(text)
  const found: Record<string, string>[] = []
  let current: Record<string, string> | null = null
  for (const line of lines) {
    if (line.name === 'BEGIN' && line.value !== 'VCALENDAR') current = { KIND: line.value }
    else if (line.name === 'END' && current) { found.push(current); current = null }
    else if (current) current[line.name] = line.value
  }
  return found
}

for (const dialect of DIALECTS) {
  describe(`iCalendar and calendar feeds [${dialect.name}]`, () => {
    let env: TestEnv
    let member: { userId: string; auth: { authorization: string } }
    const subject = 'Встреча; ژینا, Žemaitė — a long subject that certainly needs folding over the 75 octet line limit'
    before(async () => {
      env = await startEnv(dialect)
      const role = await call(env, 'POST', '/api/v1/access/roles', { name: 'Caller', permissions: { defaultObject: { read: true }, objects: { activities: { read: true, create: true } } } })
      member = await env.addMember(role.json.data.id, 'caller')
      const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()
      await call(env, 'POST', '/api/v1/records/activities/batch', { operations: [
        { op: 'create', data: { type: 'meeting', subject, body: 'line one\nline two', dueAt: future(1), status: 'open' } },
        { op: 'create', data: { type: 'task', subject: 'Send offer', dueAt: future(2), status: 'done' } },
        { op: 'create', data: { type: 'note', subject: 'No time' } },
      ] })
      assert.equal((await call(env, 'POST', '/api/v1/records/activities', { type: 'call', subject: 'Member call', dueAt: future(3) }, member.auth)).status, 201)
    })
    after(async () => { await env.close() })

    test('export: VEVENT and VTODO with UTC times, escaped text, folded lines, stable UIDs', async () => {
      const url = `/api/v1/records/activities/export?format=ics&sort=dueAt`
      const response = await env.app.inject({ method: 'GET', url, headers: env.auth })
      assert.equal(response.statusCode, 200, response.body)
      assert.match(String(response.headers['content-type']), /^text\/calendar/)
      for (const line of response.body.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line)
      assert.ok(response.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'))
      const items = components(response.body)
      assert.deepEqual(items.map((c) => c.KIND), ['VEVENT', 'VTODO', 'VEVENT'], 'the note without a time is left out')
      const activities = (await call(env, 'GET', '/api/v1/records/activities?sort=dueAt&limit=10')).json.data
      const meeting = activities.find((a: any) => a.type === 'meeting')
      assert.equal(unescapeText(items[0].SUMMARY), subject)
      assert.equal(unescapeText(items[0].DESCRIPTION), 'line one\nline two')
      assert.equal(items[0].UID, `${meeting.id}@rapport`)
      assert.match(items[0].DTSTART, /^\d{8}T\d{6}Z$/)
      assert.equal(new Date(items[0].DTSTART.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z')).getTime(), Math.floor(Date.parse(meeting.dueAt) / 1000) * 1000)
      assert.equal(items[1].STATUS, 'COMPLETED')
      assert.match(items[1].DUE, /^\d{8}T\d{6}Z$/)
      const again = components((await env.app.inject({ method: 'GET', url, headers: env.auth })).body)
      assert.deepEqual(again.map((c) => c.UID), items.map((c) => c.UID))
      assert.equal((await env.app.inject({ method: 'GET', url: '/api/v1/records/people/export?format=ics', headers: env.auth })).statusCode, 400)
    })

    test('feed: created once with its token, read without a session as its user, revoked → 404', async () => {
      assert.equal((await call(env, 'PUT', '/api/v1/access/sharing/activities', { access: 'private' })).status, 204)
      const created = await call(env, 'POST', '/api/v1/calendar/feeds', undefined, member.auth)
      assert.equal(created.status, 201, JSON.stringify(created.json))
      const { id, token, path } = created.json.data
      assert.match(token, /^rcf_/)
      assert.equal(path, `/api/v1/calendar/feed/${token}.ics`)
      const stored = await env.services.database.workspace(env.workspaceId).db.selectFrom('calendar_feeds').selectAll().execute()
      // The secret is everything after the prefix (base64url may itself contain '_').
      assert.equal(JSON.stringify(stored).includes(token.slice('rcf_'.length)), false, 'only a hash is stored')
      const listed = await call(env, 'GET', '/api/v1/calendar/feeds', undefined, member.auth)
      assert.deepEqual(listed.json.data.map((f: any) => [f.id, 'token' in f]), [[id, false]])
      assert.deepEqual((await call(env, 'GET', '/api/v1/calendar/feeds')).json.data, [], 'the admin has none')

      const feed = await env.app.inject({ method: 'GET', url: path })
      assert.equal(feed.statusCode, 200, feed.body)
      assert.match(String(feed.headers['content-type']), /^text\/calendar/)
      assert.deepEqual(components(feed.body).map((c) => unescapeText(c.SUMMARY)), ['Member call'], 'only what the member may see')

      assert.equal((await call(env, 'DELETE', `/api/v1/calendar/feeds/${id}`)).status, 404, 'someone else cannot revoke it')
      assert.equal((await call(env, 'DELETE', `/api/v1/calendar/feeds/${id}`, undefined, member.auth)).status, 204)
      assert.equal((await env.app.inject({ method: 'GET', url: path })).statusCode, 404)
      for (const bad of ['nothing.ics', `${token}.txt`, `rcf_${env.workspaceId}_${'A'.repeat(43)}.ics`, `rcf_nosuchworkspace_${'A'.repeat(43)}.ics`]) {
        assert.equal((await env.app.inject({ method: 'GET', url: `/api/v1/calendar/feed/${bad}` })).statusCode, 404, bad)
      }
      await call(env, 'PUT', '/api/v1/access/sharing/activities', { access: 'readWrite' })
    })
  })
}
