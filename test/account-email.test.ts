/**
 * Password reset, invitations and two-factor sign-in end to end, with mail going through a
 * real SMTP server in this process: links are read out of the received mail, secrets are
 * looked for in the database, and header injection must not reach the wire.
 */
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { simpleParser } from 'mailparser'
import { Secret, TOTP } from 'otpauth'
import { SMTPServer } from 'smtp-server'
import { buildApp, createServices, type Services } from '../server/src/app.js'
import { readConfig } from '../server/src/config.js'
import { AppError } from '../server/src/errors.js'
import { createLogMailer, createSmtpMailer, type Mailer } from '../server/src/modules/identity/mailer.js'
import { createSecretBox } from '../server/src/modules/identity/secret-box.js'
import { hashToken } from '../server/src/modules/identity/tokens.js'
import { DIALECTS } from './support/dialects.js'

const PASSWORD = 'correct horse battery'
const SMTP_USER = 'rapport'
const SMTP_PASS = 'smtp secret'

interface Received { rcptTo: string[]; subject: string; text: string; headers: string }

/** An SMTP server on 127.0.0.1 that keeps what it receives, with a way to wait for a message. */
async function startMailbox() {
  const received: Received[] = []
  const waiters = new Set<() => void>()
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return callback(null, { user: auth.username })
      return callback(new Error('bad credentials'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks)
        const parsed = await simpleParser(raw)
        received.push({
          rcptTo: session.envelope.rcptTo.map((a) => a.address), subject: parsed.subject ?? '', text: parsed.text ?? '',
          headers: raw.toString('utf8').split('\r\n\r\n')[0],
        })
        for (const wake of waiters) wake()
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    /** Waits for the first message after index `from` that goes to `to`. */
    async waitFor(to: string, from = 0, timeoutMs = 10_000): Promise<Received> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = received.slice(from).find((m) => m.rcptTo.includes(to))
        if (found) return found
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          const wake = () => { waiters.delete(wake); resolve() }
          waiters.add(wake)
          setTimeout(wake, 100)
        })
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

interface Session { cookie: string; csrf: string }

function sessionOf(response: { headers: Record<string, unknown>; json: any }): Session {
  const cookie = [response.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('rapport_session='))
  assert.ok(cookie, 'a session cookie is set')
  return { cookie: cookie.split(';')[0], csrf: response.json.csrfToken }
}

function linkToken(mail: Received, path: string): string {
  const match = new RegExp(`https?://[^/\\s]+/${path}\\?token=([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`).exec(mail.text)
  assert.ok(match, `the mail holds a /${path} link: ${mail.text}`)
  return match[1]
}

const totpOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
const STEP_MS = 30_000

for (const dialect of DIALECTS) {
  describe(`account mail and two-factor sign-in [${dialect.name}]`, () => {
    let services: Services
    let app: FastifyInstance
    let mailbox: Awaited<ReturnType<typeof startMailbox>>
    let mailer: Mailer
    let cleanup: () => Promise<void>
    let workspaceId: string
    let admin: Session
    let roles: { admin: string; member: string; readOnly: string }
    /** Every token and TOTP seed handed out: none may appear in the database in clear. */
    const secretsSeen: string[] = []
    let counter = 0
    const emailOf = (name: string) => `${name}.${++counter}.${workspaceId}@example.com`

    async function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, session?: Session, headers: Record<string, string> = {}) {
      const response = await app.inject({
        method, url, payload: body === undefined ? undefined : JSON.stringify(body),
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...headers },
      })
      return { status: response.statusCode, json: response.body ? JSON.parse(response.body) : undefined, headers: response.headers }
    }
    const signIn = (email: string, password = PASSWORD, extra: Record<string, string> = {}) => call('POST', '/api/v1/auth/sign-in', { email, password, ...extra })
    async function newMember(role: string, name = 'member') {
      const user = await services.users.create({ email: emailOf(name), name, password: PASSWORD })
      await services.access.addMember(workspaceId, user, role)
      return user
    }

    before(async () => {
      const opened = await dialect.open()
      cleanup = opened.cleanup
      mailbox = await startMailbox()
      mailer = createSmtpMailer({ host: '127.0.0.1', port: mailbox.port, from: 'Rapport <no-reply@rapport.test>', auth: { user: SMTP_USER, pass: SMTP_PASS } })
      services = await createServices(opened.database, { mailer, secretBox: createSecretBox({ key: randomBytes(32).toString('base64') }), publicUrl: null })
      app = await buildApp({ services })
      const workspace = await services.workspaces.create({ name: 'Mail test' })
      workspaceId = workspace.id
      const all = await services.access.listRoles(workspaceId)
      roles = { admin: all.find((r) => r.isAdmin)!.id, member: all.find((r) => r.name === 'Member')!.id, readOnly: all.find((r) => r.name === 'Read only')!.id }
      const adminUser = await newMember(roles.admin, 'admin')
      admin = sessionOf(await signIn(adminUser.email))
    })
    after(async () => {
      await app.close()
      await mailbox.close()
      await services.database.dropWorkspaceStorage(workspaceId).catch(() => {})
      await cleanup()
    })

    test('password reset: mail, link, new password; every old session ends and the link works once', async () => {
      const user = await newMember(roles.member, 'rosa')
      const laptop = sessionOf(await signIn(user.email))
      const phone = sessionOf(await signIn(user.email))
      const before = mailbox.received.length
      const requested = await call('POST', '/api/v1/auth/password-reset', { email: user.email.toUpperCase() })
      assert.equal(requested.status, 202, JSON.stringify(requested.json))
      const mail = await mailbox.waitFor(user.email, before)
      assert.deepEqual(mail.rcptTo, [user.email])
      assert.match(mail.subject, /reset/i)
      const token = linkToken(mail, 'reset-password')
      secretsSeen.push(token)

      const stored = await services.database.control.selectFrom('one_time_tokens').select(['kind', 'user_id', 'user_version']).where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow()
      assert.deepEqual({ ...stored, user_version: Number(stored.user_version) }, { kind: 'reset', user_id: user.id, user_version: user.sessionVersion })

      const tooShort = await call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'short' })
      assert.equal(tooShort.status, 400)
      assert.equal(tooShort.json.errors[0].pointer, '/password')
      const confirmed = await call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' })
      assert.equal(confirmed.status, 204, JSON.stringify(confirmed.json))
      assert.equal((await call('GET', '/api/v1/auth/me', undefined, laptop)).status, 401, 'old sessions end')
      assert.equal((await call('GET', '/api/v1/auth/me', undefined, phone)).status, 401)
      assert.equal((await signIn(user.email)).status, 401, 'the old password no longer works')
      assert.equal((await signIn(user.email, 'a brand new passphrase')).status, 200)

      const reused = await call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'yet another passphrase' })
      assert.equal(reused.status, 400)
      assert.equal(reused.json.code, 'validation-failed')
      assert.deepEqual(reused.json.errors, [{ pointer: '/token', detail: 'this link is invalid or has expired' }])
      const events = await services.database.control.selectFrom('audit_log').select('event').where('actor', '=', user.id).execute()
      assert.ok(events.some((e) => e.event === 'password-reset-requested'))
      assert.ok(events.some((e) => e.event === 'password-reset'))
    })

    test('expired, outdated and unknown links all get the same 400', async () => {
      const user = await newMember(roles.member, 'emil')
      const requestLink = async () => {
        const from = mailbox.received.length
        assert.equal((await call('POST', '/api/v1/auth/password-reset', { email: user.email })).status, 202)
        const token = linkToken(await mailbox.waitFor(user.email, from), 'reset-password')
        secretsSeen.push(token)
        return token
      }
      const confirm = (token: string) => call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'a brand new passphrase' })

      const expired = await requestLink()
      await services.database.control.updateTable('one_time_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('token_hash', '=', hashToken(expired)).execute()
      const expiredAnswer = await confirm(expired)
      assert.equal(expiredAnswer.status, 400)

      const older = await requestLink()
      const newer = await requestLink()
      assert.equal((await confirm(newer)).status, 204)
      const outdated = await confirm(older)
      const unknown = await confirm(randomBytes(32).toString('base64url'))
      const garbage = await confirm('not-a-token')
      for (const answer of [outdated, unknown, garbage]) {
        assert.equal(answer.status, 400)
        assert.deepEqual(answer.json, expiredAnswer.json)
      }
    })

    test('an unknown email gets the same 202 body and no mail', async () => {
      const user = await newMember(roles.member, 'known')
      const from = mailbox.received.length
      const unknownEmail = `nobody.${workspaceId}@example.com`
      const unknown = await call('POST', '/api/v1/auth/password-reset', { email: unknownEmail })
      const known = await call('POST', '/api/v1/auth/password-reset', { email: user.email })
      assert.equal(unknown.status, 202)
      assert.deepEqual(unknown.json, known.json)
      await mailbox.waitFor(user.email, from)
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.deepEqual(mailbox.received.slice(from).map((m) => m.rcptTo), [[user.email]], 'only the known address got mail')
      secretsSeen.push(linkToken(mailbox.received[from], 'reset-password'))
      const rows = await services.database.control.selectFrom('one_time_tokens').select('email').where('email', '=', unknownEmail).execute()
      assert.equal(rows.length, 0)
    })

    test('inviting a new person: they create their account, join with the role and can work', async () => {
      const email = emailOf('nina')
      const from = mailbox.received.length
      const invited = await call('POST', '/api/v1/access/invitations', { email, roleId: roles.member }, admin)
      assert.equal(invited.status, 202, JSON.stringify(invited.json))
      assert.deepEqual(invited.json, { data: { email, roleId: roles.member } })
      const mail = await mailbox.waitFor(email, from)
      assert.match(mail.subject, /Mail test/)
      const token = linkToken(mail, 'accept-invite')
      secretsSeen.push(token)

      const missing = await call('POST', '/api/v1/auth/invitations/accept', { token })
      assert.equal(missing.status, 400)
      assert.deepEqual(missing.json.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/name', '/password'])
      const accepted = await call('POST', '/api/v1/auth/invitations/accept', { token, name: 'Nina', password: 'nina has a passphrase' })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.json))
      assert.equal(accepted.json.user.email, email)
      assert.equal(accepted.json.workspaceId, workspaceId)
      const nina = sessionOf(accepted)
      const me = await call('GET', '/api/v1/auth/me', undefined, nina)
      assert.equal(me.json.data.role.id, roles.member)
      assert.equal((await call('GET', '/api/v1/records/companies', undefined, nina)).status, 200)
      assert.equal((await signIn(email, 'nina has a passphrase')).status, 200)

      const reused = await call('POST', '/api/v1/auth/invitations/accept', { token, name: 'Mallory', password: 'mallory passphrase' })
      assert.equal(reused.status, 400)
      assert.deepEqual(reused.json.errors, [{ pointer: '/token', detail: 'this link is invalid or has expired' }])
    })

    test('inviting an existing account: same answer to the admin; accepting adds the role without a password', async () => {
      const other = await services.workspaces.create({ name: 'Elsewhere' })
      try {
        const user = await services.users.create({ email: emailOf('olga'), name: 'Olga', password: PASSWORD })
        await services.access.addMember(other.id, user, await services.access.adminRoleId(other.id))
        const from = mailbox.received.length
        const invited = await call('POST', '/api/v1/access/invitations', { email: user.email, roleId: roles.readOnly }, admin)
        assert.equal(invited.status, 202)
        assert.deepEqual(invited.json, { data: { email: user.email, roleId: roles.readOnly } }, 'the same shape as for a new address')
        const token = linkToken(await mailbox.waitFor(user.email, from), 'accept-invite')
        secretsSeen.push(token)
        const accepted = await call('POST', '/api/v1/auth/invitations/accept', { token })
        assert.equal(accepted.status, 200, JSON.stringify(accepted.json))
        assert.equal(accepted.json.user.id, user.id)
        assert.equal(accepted.json.workspaceId, workspaceId)
        const olga = sessionOf(accepted)
        assert.equal((await call('GET', '/api/v1/auth/me', undefined, olga)).json.data.role.id, roles.readOnly)
        assert.equal((await call('GET', '/api/v1/records/companies', undefined, olga)).status, 200)
        assert.deepEqual((await services.users.workspacesOf(user.id)).sort(), [other.id, workspaceId].sort())
        assert.equal((await call('POST', '/api/v1/auth/invitations/accept', { token })).status, 400, 'single use')
      } finally {
        await services.database.dropWorkspaceStorage(other.id).catch(() => {})
      }
    })

    test('an invitation does not skip the second factor of an existing account', async () => {
      const user = await services.users.create({ email: emailOf('ivo'), name: 'Ivo', password: PASSWORD })
      const principal = { workspaceId, userId: user.id, roleId: roles.member, credentialId: 'test', via: 'session' as const }
      const totp = totpOf((await services.totp.setup(principal)).secret)
      await services.totp.enable(principal, totp.generate({ timestamp: Date.now() - STEP_MS }), null)
      const from = mailbox.received.length
      assert.equal((await call('POST', '/api/v1/access/invitations', { email: user.email, roleId: roles.member }, admin)).status, 202)
      const token = linkToken(await mailbox.waitFor(user.email, from), 'accept-invite')
      secretsSeen.push(token)
      const noCode = await call('POST', '/api/v1/auth/invitations/accept', { token })
      assert.equal(noCode.status, 401)
      assert.equal(noCode.json.code, 'totp-required')
      assert.equal((await call('POST', '/api/v1/auth/invitations/accept', { token, totp: totp.generate({ timestamp: Date.now() + 10 * STEP_MS }) })).json.code, 'invalid-credentials')
      assert.deepEqual(await services.users.workspacesOf(user.id), [], 'nothing happened yet')
      const accepted = await call('POST', '/api/v1/auth/invitations/accept', { token, totp: totp.generate() })
      assert.equal(accepted.status, 200, JSON.stringify(accepted.json))
      assert.deepEqual(await services.users.workspacesOf(user.id), [workspaceId])
    })

    test('only administrators invite, and only with a role of their workspace', async () => {
      const member = await newMember(roles.member, 'mo')
      const moSession = sessionOf(await signIn(member.email))
      const from = mailbox.received.length
      const refused = await call('POST', '/api/v1/access/invitations', { email: emailOf('friend'), roleId: roles.admin }, moSession)
      assert.equal(refused.status, 403)
      assert.equal(refused.json.code, 'forbidden')
      const foreign = await services.workspaces.create({ name: 'Foreign' })
      try {
        const foreignRole = await services.access.adminRoleId(foreign.id)
        const wrongRole = await call('POST', '/api/v1/access/invitations', { email: emailOf('friend'), roleId: foreignRole }, admin)
        assert.equal(wrongRole.status, 400)
        assert.equal(wrongRole.json.errors[0].pointer, '/roleId')
      } finally {
        await services.database.dropWorkspaceStorage(foreign.id).catch(() => {})
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal(mailbox.received.length, from, 'no mail was sent')
    })

    test('TOTP: setup, enable with a code, then sign-in needs a fresh code that works once', async () => {
      const user = await newMember(roles.member, 'tara')
      const session = sessionOf(await signIn(user.email))
      const setup = await call('POST', '/api/v1/auth/totp/setup', undefined, session)
      assert.equal(setup.status, 200, JSON.stringify(setup.json))
      assert.equal(setup.headers['cache-control'], 'no-store')
      const { secret, otpauthUrl } = setup.json.data
      secretsSeen.push(secret)
      assert.match(otpauthUrl, /^otpauth:\/\/totp\//)
      assert.ok(otpauthUrl.includes(`secret=${secret}`))
      const totp = totpOf(secret)
      assert.equal((await signIn(user.email)).status, 200, 'not required until enabled')

      const wrongEnable = await call('POST', '/api/v1/auth/totp/enable', { code: totp.generate({ timestamp: Date.now() + 10 * STEP_MS }) }, session)
      assert.equal(wrongEnable.status, 400)
      assert.equal(wrongEnable.json.errors[0].pointer, '/code')
      const enabled = await call('POST', '/api/v1/auth/totp/enable', { code: totp.generate({ timestamp: Date.now() - STEP_MS }) }, session)
      assert.equal(enabled.status, 204, JSON.stringify(enabled.json))

      const noCode = await signIn(user.email)
      assert.equal(noCode.status, 401)
      assert.equal(noCode.json.code, 'totp-required')
      const wrongPassword = await signIn(user.email, 'not the password at all')
      assert.equal(wrongPassword.json.code, 'invalid-credentials', 'a wrong password says nothing about TOTP')
      const wrongPasswordRightCode = await signIn(user.email, 'not the password at all', { totp: totp.generate() })
      assert.equal(wrongPasswordRightCode.json.code, 'invalid-credentials')
      const wrongCode = await signIn(user.email, PASSWORD, { totp: totp.generate({ timestamp: Date.now() + 10 * STEP_MS }) })
      assert.equal(wrongCode.status, 401)
      assert.equal(wrongCode.json.code, 'invalid-credentials')
      const code = totp.generate()
      const right = await signIn(user.email, PASSWORD, { totp: code })
      assert.equal(right.status, 200, JSON.stringify(right.json))
      assert.equal((await call('GET', '/api/v1/auth/me', undefined, sessionOf(right))).status, 200)
      const replayed = await signIn(user.email, PASSWORD, { totp: code })
      assert.equal(replayed.status, 401, 'a code works once')
      assert.equal(replayed.json.code, 'invalid-credentials')

      const stored = await services.database.control.selectFrom('users').select(['totp_secret']).where('id', '=', user.id).executeTakeFirstOrThrow()
      assert.match(String(stored.totp_secret), /^v1\./, 'the seed is stored sealed')

      const disabled = await call('POST', '/api/v1/auth/totp/disable', { code: totp.generate({ timestamp: Date.now() + STEP_MS }) }, sessionOf(right))
      assert.equal(disabled.status, 204, JSON.stringify(disabled.json))
      assert.equal((await signIn(user.email)).status, 200, 'no code needed once disabled')
    })

    test('a workspace may require TOTP: members without it are flagged and can only set it up', async () => {
      const member = await newMember(roles.member, 'ugo')
      const memberSession = sessionOf(await signIn(member.email))
      assert.equal((await call('PUT', '/api/v1/access/settings', { requireTotp: true }, memberSession)).status, 403)
      const selfLock = await call('PUT', '/api/v1/access/settings', { requireTotp: true }, admin)
      assert.equal(selfLock.status, 409, 'an administrator without TOTP would lock their own session out')
      assert.equal(selfLock.json.code, 'totp-required-for-self')
      const adminKey = { authorization: `Bearer ${(await services.apiKeys.create(workspaceId, 'settings', { roleId: roles.admin })).key}` }
      const set = await call('PUT', '/api/v1/access/settings', { requireTotp: true }, undefined, adminKey)
      assert.equal(set.status, 200, JSON.stringify(set.json))
      assert.deepEqual((await call('GET', '/api/v1/access/settings', undefined, undefined, adminKey)).json, { data: { requireTotp: true } })
      try {
        const signedIn = await signIn(member.email)
        assert.equal(signedIn.status, 200)
        assert.equal(signedIn.json.totpSetupRequired, true)
        const session = sessionOf(signedIn)
        assert.equal((await call('GET', '/api/v1/auth/me', undefined, session)).json.data.totpSetupRequired, true)
        const blocked = await call('GET', '/api/v1/records/people', undefined, session)
        assert.equal(blocked.status, 403)
        assert.equal(blocked.json.code, 'totp-setup-required')
        assert.equal((await call('GET', '/api/v1/records/people', undefined, memberSession)).status, 403, 'sessions from before the switch are held too')
        assert.equal((await call('POST', '/api/v1/auth/totp/setup', {}, session)).status, 200, 'setting TOTP up stays open')
        assert.equal((await call('GET', '/api/v1/records/people', undefined, undefined, adminKey)).status, 200, 'API keys are not sessions')
      } finally {
        assert.equal((await call('PUT', '/api/v1/access/settings', { requireTotp: false }, undefined, adminKey)).status, 200)
      }
      const after = await signIn(member.email)
      assert.equal(after.json.totpSetupRequired, undefined)
      assert.equal((await call('GET', '/api/v1/auth/me', undefined, sessionOf(after))).json.data.totpSetupRequired, false)
      assert.equal((await call('GET', '/api/v1/records/people', undefined, sessionOf(after))).status, 200)
    })

    test('header injection is refused and reaches no extra recipient', async () => {
      const victim = await newMember(roles.member, 'vic')
      const injected = `${victim.email}\r\nBcc: x@y.example`
      const from = mailbox.received.length
      const invite = await call('POST', '/api/v1/access/invitations', { email: injected, roleId: roles.member }, admin)
      assert.equal(invite.status, 400)
      assert.equal(invite.json.code, 'validation-failed')
      const reset = await call('POST', '/api/v1/auth/password-reset', { email: injected })
      assert.equal(reset.status, 400)
      assert.equal(reset.json.code, 'validation-failed')
      for (const message of [
        { to: injected, subject: 'hi', text: 'body' },
        { to: `${victim.email}, x@y.example`, subject: 'hi', text: 'body' },
        { to: victim.email, subject: 'hi\r\nBcc: x@y.example', text: 'body' },
      ]) {
        await assert.rejects(mailer.send(message), (error: unknown) => error instanceof AppError && error.code === 'validation-failed')
      }
      await mailer.send({ to: victim.email, subject: 'plain', text: 'a harmless line\r\nBcc: x@y.example' })
      const delivered = await mailbox.waitFor(victim.email, from)
      assert.deepEqual(delivered.rcptTo, [victim.email], 'a header-like line in the body stays in the body')
      assert.doesNotMatch(delivered.headers, /^bcc:/im)
      assert.ok(mailbox.received.every((m) => !m.rcptTo.some((r) => r.includes('x@y'))), 'x@y.example never received mail')
    })

    test('no token and no TOTP seed is stored in clear', async () => {
      assert.ok(secretsSeen.length >= 8, `secrets collected: ${secretsSeen.length}`)
      const { control } = services.database
      const stored = JSON.stringify([
        await control.selectFrom('one_time_tokens').selectAll().execute(),
        await control.selectFrom('users').selectAll().execute(),
        await control.selectFrom('sessions').selectAll().execute(),
        await control.selectFrom('audit_log').selectAll().execute(),
      ])
      for (const secret of secretsSeen) assert.ok(!stored.includes(secret), 'a token or seed is in the database in clear')
      for (const token of secretsSeen.filter((s) => s.length === 43)) assert.ok(stored.includes(hashToken(token)), 'its hash is')
    })
  })
}

describe('mail configuration and the log mailer', () => {
  test('RAPPORT_SMTP_URL and RAPPORT_MAIL_FROM are read; nothing set means no SMTP', () => {
    assert.equal(readConfig({}).smtp, null)
    assert.deepEqual(readConfig({ RAPPORT_SMTP_URL: 'smtp://user:p%40ss@127.0.0.1:2525' }).smtp, {
      host: '127.0.0.1', port: 2525, secure: false, from: 'Rapport <no-reply@localhost>', user: 'user', password: 'p@ss',
    })
    assert.equal(readConfig({ RAPPORT_SMTP_URL: 'smtps://mail.example.com', RAPPORT_MAIL_FROM: 'CRM <crm@example.com>' }).smtp?.port, 465)
    assert.throws(() => readConfig({ RAPPORT_SMTP_URL: 'http://mail.example.com' }))
    assert.throws(() => readConfig({ RAPPORT_APP_KEY: 'too-short' }), /32 bytes/)
  })

  test('without SMTP, the log names the recipient but never the body', async () => {
    const lines: string[] = []
    const mailer = createLogMailer((line) => lines.push(line))
    await mailer.send({ to: 'ann@example.com', subject: 'Reset your Rapport password', text: 'http://x/reset-password?token=SECRET-TOKEN' })
    assert.equal(lines.length, 1)
    assert.match(lines[0], /would send mail to ann@example\.com/)
    assert.ok(!lines[0].includes('SECRET-TOKEN'))
    await assert.rejects(mailer.send({ to: 'ann@example.com\r\nBcc: x@y', subject: 's', text: 't' }), AppError)
    assert.equal(lines.length, 1)
  })
})
