/**
 * Settings → Sharing in a real Chromium against a real server: the administrator makes people
 * private, creates a team with an invited member, and adds a rule "people whose last name starts
 * with X, shared with the team, read". Through the API, with that member's own key, the member
 * sees exactly those people; after the rule is deleted in the UI, none. Screenshots:
 * test-results/screenshots/sharing-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { startMailbox } from './mailbox.js'
import { apiCall, joinByInvitation, launchChromium, ROOT, startServer, type RunningServer, documentDirIs, stepper } from './support.js'

const ADMIN = { workspaceName: 'Sharing test', name: 'Sara Sharer', email: 'sara@example.com', password: 'correct horse battery staple' }
const MEMBER = { name: 'Mira Member', email: 'mira@example.com', password: 'another horse battery staple' }
const SHOTS = path.join(ROOT, 'test-results/screenshots')

interface PageGlobals { document: { documentElement: { dir: string; scrollWidth: number } }; innerWidth: number }
const overflowsPhone = () => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth > (globalThis as unknown as PageGlobals).innerWidth

describe('sharing settings in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let mailbox: Awaited<ReturnType<typeof startMailbox>>
  let browser: Awaited<ReturnType<typeof launchChromium>>
  let page: Page
  let memberKey: string
  const problems: string[] = []

  const screenshot = async (name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true })
    const file = path.join(SHOTS, name)
    await page.screenshot({ path: file, fullPage: true })
    process.stdout.write(`# screenshot: ${file}\n`)
  }
  /** Last names of the people the member's own key can list. */
  const memberSees = async (): Promise<string[]> => {
    const response = await fetch(`${server.url}/api/v1/records/people/query`, {
      method: 'POST', headers: { authorization: `Bearer ${memberKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ limit: 100, fields: ['lastName'] }),
    })
    assert.equal(response.status, 200)
    return ((await response.json()) as { data: { lastName: string }[] }).data.map((p) => p.lastName).sort()
  }

  const step = stepper((slug) => screenshot(`sharing-failed-${slug}.png`))

  before(async () => {
    mailbox = await startMailbox()
    server = await startServer({ env: { RAPPORT_SMTP_URL: mailbox.url } })
    const setup = await fetch(`${server.url}/api/v1/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
    assert.equal(setup.status, 201)
    await apiCall(server, 'POST', '/api/v1/records/people/batch', {
      operations: [['Xander', 'Xu'], ['Xenia', 'Xavier'], ['Yolanda', 'Young']].map(([firstName, lastName]) => ({ op: 'create', data: { firstName, lastName } })),
    })
    // The member joins by invitation and makes a key of their own, all through the API.
    const roles = await apiCall<{ data: { id: string; name: string }[] }>(server, 'GET', '/api/v1/access/roles')
    const accepted = await joinByInvitation(server, mailbox, MEMBER, roles.data.find((r) => r.name === 'Member')!.id)
    const cookie = accepted.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const { csrfToken } = (await accepted.json()) as { csrfToken: string }
    const key = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Mira script' }),
    })
    assert.equal(key.status, 201, await key.clone().text())
    memberKey = ((await key.json()) as { data: { key: string } }).data.key
    assert.deepEqual(await memberSees(), ['Xavier', 'Xu', 'Young'], 'people are public read/write by default')

    browser = await launchChromium()
    page = browser.context.pages()[0] ?? (await browser.context.newPage())
    page.setDefaultTimeout(20_000)
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    await mailbox?.close()
  })

  step('sign in and make people private', async () => {
    await page.goto(`${server.url}/settings/sharing`)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Record sharing' }).waitFor()
    await page.getByLabel('Default access for People').selectOption('private')
    for (let i = 0; i < 50 && (await memberSees()).length; i++) await new Promise((r) => setTimeout(r, 100))
    assert.deepEqual(await memberSees(), [])
    const defaults = await apiCall<{ data: { object: string; access: string }[] }>(server, 'GET', '/api/v1/access/sharing')
    assert.equal(defaults.data.find((d) => d.object === 'people')?.access, 'private')
  })

  step('create a team and add the member', async () => {
    await page.getByLabel('Team name').fill('Field team')
    await page.getByRole('button', { name: 'Create team' }).click()
    const card = page.getByRole('group', { name: 'Field team' })
    await card.waitFor()
    await card.getByText('0 members').waitFor()
    await card.getByLabel('Member to add to Field team').selectOption({ label: MEMBER.name })
    await card.getByRole('button', { name: 'Add member' }).click()
    await card.getByRole('button', { name: `Remove ${MEMBER.name} from Field team` }).waitFor()
    await card.getByText('1 member', { exact: true }).waitFor()
    const teams = await apiCall<{ data: { name: string; memberIds: string[] }[] }>(server, 'GET', '/api/v1/access/teams')
    assert.equal(teams.data.find((t) => t.name === 'Field team')?.memberIds.length, 1)
  })

  step('a rule shares X people with the team, read only: the member sees exactly those', async () => {
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'New sharing rule' }) })
    await form.getByLabel('Rule name').fill('X people')
    await form.getByLabel('Object').selectOption({ label: 'People' })
    await form.getByRole('button', { name: 'Add condition' }).click()
    await form.getByLabel('Field', { exact: true }).selectOption({ label: 'Last name' })
    await form.getByLabel('Operator').selectOption('startsWith')
    await form.getByRole('textbox', { name: 'Last name' }).fill('X')
    await form.getByLabel('Share with').selectOption('team')
    await form.getByLabel('Team', { exact: true }).selectOption({ label: 'Field team' })
    await form.getByLabel('Access').selectOption('read')
    await form.getByRole('button', { name: 'Create rule' }).click()
    await page.getByRole('button', { name: 'Delete rule X people' }).waitFor()
    assert.deepEqual(await memberSees(), ['Xavier', 'Xu'])
    const rules = await apiCall<{ data: { name: string; criteria: unknown; access: string; granteeType: string }[] }>(server, 'GET', '/api/v1/access/sharing-rules')
    assert.deepEqual(rules.data.map((r) => [r.name, r.granteeType, r.access, r.criteria]), [['X people', 'team', 'read', { field: 'lastName', op: 'startsWith', value: 'X' }]])
    await screenshot('sharing-en-1280.png')
  })

  step('Persian is right-to-left, and the screen fits a 375 px phone', async () => {
    await page.getByLabel('Language').selectOption('fa')
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('heading', { name: 'اشتراک‌گذاری رکوردها' }).waitFor()
    await screenshot('sharing-fa-1280.png')
    await page.setViewportSize({ width: 375, height: 812 })
    await page.waitForTimeout(300)
    await screenshot('sharing-fa-375.png')
    assert.equal(await page.evaluate(overflowsPhone), false, 'nothing scrolls the page sideways at 375 px in Persian')
    await page.getByLabel('زبان').selectOption('en')
    await page.waitForFunction(documentDirIs, 'ltr')
    await page.getByRole('heading', { name: 'Record sharing' }).waitFor()
    await page.waitForTimeout(300)
    assert.equal(await page.evaluate(overflowsPhone), false, 'nothing scrolls the page sideways at 375 px')
    await screenshot('sharing-en-375.png')
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  step('deleting the rule takes the records away from the member', async () => {
    await page.getByRole('button', { name: 'Delete rule X people' }).click()
    await page.getByText('No sharing rules yet.').waitFor()
    assert.deepEqual(await memberSees(), [])
    assert.deepEqual(problems, [])
  })
})
