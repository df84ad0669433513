/**
 * The phone-lines screen in a real Chromium against a real server. The admin adds a line: a
 * secret under 16 characters is refused with the server's message under the secret field and
 * nothing is stored; then the line is added and its token and webhook URL are shown once (the
 * token works: a call event posted with it is accepted; the list and the API show its prefix,
 * never the token again). A Twilio line's webhook URL carries its token. The admin attaches a
 * published IVR flow (a draft without a published version is offered but disabled), the API
 * reports it, and detaches it again; revoking asks first, then the line is gone from the page and
 * the API and its token is refused. Persian mirrors the page with Persian dates; at 375 px nothing
 * scrolls sideways. A member who is not an administrator sees the "only administrators" state.
 * Screenshots: test-results/screenshots/phone-lines-<screen>-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import type { Page } from 'playwright-core'
import { startMailbox } from './mailbox.js'
import {
  apiCall, documentDirIs, eventually, horizontalOverflow, joinByInvitation, openBrowserPage, saveScreenshot, SCREENSHOTS, startServer, stepper,
  submitSetupForm, submitSignIn, type BrowserPage, type RunningServer,
} from './support.js'

const ADMIN = { workspaceName: 'Lines test', name: 'Lina Admin', email: 'lines@example.com', password: 'correct horse battery staple' }
const MEMBER = { name: 'Mantas Member', email: 'mantas@example.com', password: 'another horse battery staple' }
const CC = '/api/v1/contact-center'
const LINES = '/api/v1/telephony/lines'
const LINE_NUMBER = '+37052000000'
interface PageGlobals { localStorage: { setItem(key: string, value: string): void } }
const chooseLanguage = (language: string) => (globalThis as unknown as PageGlobals).localStorage.setItem('rapport.language', language)
interface Line { id: string; name: string; number: string | null; provider: string; tokenPrefix: string; hasSecret: boolean; blockedNumbers: string[]; ratePerMinute: number }

/** Welcome, then the queue: the smallest flow that publishes. */
const flowDefinition = (queue: string) => ({
  start: 'welcome', languages: ['en'], timeZone: 'Europe/Vilnius',
  nodes: {
    welcome: { type: 'prompt', prompt: { text: { en: 'Welcome.' } }, next: 'queue' },
    queue: { type: 'queue', queue, skills: [] },
  },
})

describe('phone lines in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let mailbox: Awaited<ReturnType<typeof startMailbox>>
  let browser: BrowserPage
  let page: Page
  let publishedFlowId = ''
  let token = ''
  let lineId = ''
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name), { fullPage: true })
  const step = stepper((slug) => screenshot(`phone-lines-failed-${slug}.png`))
  const lines = async () => (await apiCall<{ data: Line[] }>(server, 'GET', LINES)).data
  const attachedFlow = async (id: string) => (await apiCall<{ data: { flowId: string | null } }>(server, 'GET', `${LINES}/${id}/ivr-flow`)).data.flowId
  const postEvent = (bearer: string, callId: string) => fetch(`${server.url}/api/v1/telephony/events`, {
    method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callId, event: 'ringing', sequence: 1, timestamp: new Date().toISOString(), from: '+37061234567', to: LINE_NUMBER, direction: 'inbound' }),
  })
  const card = (name: string) => page.getByRole('article', { name })

  before(async () => {
    mailbox = await startMailbox()
    server = await startServer({ env: { RAPPORT_SMTP_URL: mailbox.url } })
    browser = await openBrowserPage(problems, { consoleErrors: true })
    page = browser.page
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    await mailbox?.close()
  })

  step('set up: a published IVR flow and a draft that was never published', async () => {
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'Phone lines' }).waitFor()
    publishedFlowId = (await apiCall<{ data: { id: string } }>(server, 'POST', `${CC}/ivr-flows`, { name: 'Main menu', definition: flowDefinition('sales') })).data.id
    await apiCall(server, 'POST', `${CC}/ivr-flows/${publishedFlowId}/publish`)
    await apiCall(server, 'POST', `${CC}/ivr-flows`, { name: 'Holiday menu', definition: flowDefinition('sales') })
  })

  step('add line: a too-short secret is refused under the secret field and nothing is stored', async () => {
    await page.getByRole('link', { name: 'Phone lines' }).click()
    await page.getByRole('heading', { name: 'Phone lines', level: 1 }).waitFor()
    await page.getByText('No phone lines yet.', { exact: false }).waitFor()
    await page.getByRole('button', { name: 'Add line' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a phone line' })
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Main line')
    await dialog.getByRole('textbox', { name: 'Number', exact: true }).fill(LINE_NUMBER)
    await dialog.getByRole('spinbutton', { name: 'Rate per minute' }).fill('600')
    await dialog.getByRole('textbox', { name: 'Blocked numbers' }).fill('+37069999999,\n+37068888888')
    const secret = dialog.getByLabel('HMAC secret', { exact: true })
    await secret.fill('too-short')
    await dialog.getByRole('button', { name: 'Add line' }).click()
    await dialog.getByText(/fewer than 16 characters/).waitFor()
    assert.equal(await secret.getAttribute('aria-invalid'), 'true')
    // The message is the secret field's own (its error element is what aria-describedby names).
    const describedBy = (await secret.getAttribute('aria-describedby')) ?? ''
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'))
    assert.ok(errorId, `the secret's error is linked to it (${describedBy})`)
    assert.match(await page.locator(`[id="${errorId}"]`).innerText(), /fewer than 16 characters/)
    assert.equal(await dialog.getByRole('textbox', { name: 'Name', exact: true }).getAttribute('aria-invalid'), null, 'no error on the name')
    assert.deepEqual(await lines(), [], 'nothing stored')
    await screenshot('phone-lines-refused-en-1280.png')
  })

  step('add line: the token and webhook URL are shown once, the token works, the list shows its prefix', async () => {
    const dialog = page.getByRole('dialog', { name: 'Add a phone line' })
    await dialog.getByLabel('HMAC secret', { exact: true }).fill('')
    await dialog.getByRole('button', { name: 'Add line' }).click()
    const once = page.getByRole('dialog', { name: 'Line added: copy its token now' })
    await once.getByText('This token is shown only once.', { exact: false }).waitFor()
    token = (await once.locator('[data-once="token"]').innerText()).trim()
    assert.match(token, /^rpl_[a-z0-9]+_[A-Za-z0-9_-]{32}$/)
    assert.equal((await once.locator('[data-once="url"]').innerText()).trim(), `${server.url}/api/v1/telephony/events`, 'a generic line posts events with a Bearer header')
    assert.equal((await once.locator('[data-once="header"]').innerText()).trim(), `Bearer ${token}`)
    await once.getByRole('button', { name: 'Copy the Token' }).click()
    await once.getByRole('button', { name: 'Copy the Token' }).filter({ hasText: 'Copied' }).waitFor()
    assert.equal(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()), token)
    await screenshot('phone-lines-token-en-1280.png')
    await once.getByRole('button', { name: 'I have copied it' }).click()
    await once.waitFor({ state: 'detached' })

    const [line] = await lines()
    assert.ok(line)
    lineId = line.id
    assert.deepEqual([line.name, line.number, line.provider, line.hasSecret, line.ratePerMinute, line.blockedNumbers], ['Main line', LINE_NUMBER, 'generic', false, 600, ['+37069999999', '+37068888888']])
    assert.ok(token.startsWith(line.tokenPrefix), `the token starts with the listed prefix ${line.tokenPrefix}`)
    const accepted = await postEvent(token, 'lines-call-1')
    assert.equal(accepted.status, 200, await accepted.text())

    const main = card('Main line')
    assert.equal((await main.locator('[data-fact="token"] dd').innerText()).trim(), `${line.tokenPrefix}…`)
    assert.equal((await main.locator('[data-fact="number"] dd').innerText()).trim(), LINE_NUMBER)
    assert.match(await main.locator('[data-fact="provider"] dd').innerText(), /Generic/)
    assert.match(await main.locator('[data-fact="rate"] dd').innerText(), /600 events\/min/)
    assert.equal((await main.locator('[data-fact="blocked"] dd').innerText()).trim(), '2 numbers')
    assert.match(await main.locator('[data-fact="created"] dd').innerText(), /\b20\d\d\b/, 'a formatted date')
    assert.equal(await page.getByText(token).count(), 0, 'the token is not shown again')
    await page.reload()
    await card('Main line').waitFor()
    assert.equal(await page.getByText(token).count(), 0, 'nor after a reload')
  })

  step('a Twilio line: its webhook URL carries the token', async () => {
    await page.getByRole('button', { name: 'Add line' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a phone line' })
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Twilio line')
    await dialog.getByRole('combobox', { name: 'Provider' }).selectOption('twilio')
    await dialog.getByLabel('HMAC secret', { exact: true }).fill('twilio-auth-token-0123456789')
    await dialog.getByRole('button', { name: 'Add line' }).click()
    const once = page.getByRole('dialog', { name: 'Line added: copy its token now' })
    const twilioToken = (await once.locator('[data-once="token"]').innerText()).trim()
    assert.equal((await once.locator('[data-once="url"]').innerText()).trim(), `${server.url}/api/v1/telephony/adapters/twilio/${twilioToken}`)
    assert.equal(await once.locator('[data-once="header"]').count(), 0, 'no header for a provider that carries the token in the URL')
    await once.getByRole('button', { name: 'I have copied it' }).click()
    const twilio = card('Twilio line')
    const prefix = (await lines()).find((l) => l.name === 'Twilio line')!.tokenPrefix
    assert.equal((await twilio.locator('[data-fact="webhook"] bdi').innerText()).trim(), `${server.url}/api/v1/telephony/adapters/twilio/${prefix}…`)
    assert.equal((await twilio.locator('[data-fact="signed"] dd').innerText()).trim(), 'secret set')
  })

  step('IVR flow: attach the published flow (drafts disabled), the API reports it; detach it again', async () => {
    const main = card('Main line')
    const select = main.getByRole('combobox', { name: 'IVR flow' })
    assert.equal(await select.inputValue(), '', 'none at first')
    assert.equal(await select.locator('option', { hasText: 'Holiday menu (draft, not published)' }).isDisabled(), true)
    assert.equal(await select.locator('option', { hasText: 'None — calls go straight to the queue' }).count(), 1)
    await select.selectOption(publishedFlowId)
    await main.getByRole('button', { name: 'Save the IVR flow of Main line' }).click()
    await main.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
    assert.equal(await attachedFlow(lineId), publishedFlowId)
    await screenshot('phone-lines-en-1280.png')
    await page.reload()
    assert.equal(await card('Main line').getByRole('combobox', { name: 'IVR flow' }).inputValue(), publishedFlowId, 'the page reads the attached flow back')

    await card('Main line').getByRole('combobox', { name: 'IVR flow' }).selectOption('')
    await card('Main line').getByRole('button', { name: 'Save the IVR flow of Main line' }).click()
    await card('Main line').getByRole('status').filter({ hasText: 'Saved' }).waitFor()
    assert.equal(await attachedFlow(lineId), null)
  })

  step('Persian: right to left with Persian dates; 375 px without sideways scroll', async () => {
    await apiCall(server, 'PUT', `${LINES}/${lineId}/ivr-flow`, { flowId: publishedFlowId })
    await page.evaluate(chooseLanguage, 'fa')
    await page.goto(`${server.url}/contact-center/lines`)
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('heading', { name: 'خطوط تلفن', level: 1 }).waitFor()
    const created = await card('Main line').locator('[data-fact="created"] dd').innerText()
    assert.match(created, /۱۴۰۵/, `Persian calendar year in "${created}"`)
    assert.equal(await card('Main line').getByRole('combobox', { name: 'جریان IVR' }).inputValue(), publishedFlowId)
    await screenshot('phone-lines-fa-1280.png')

    await page.setViewportSize({ width: 375, height: 800 })
    for (const language of ['fa', 'en']) {
      await page.evaluate(chooseLanguage, language)
      await page.goto(`${server.url}/contact-center/lines`)
      await card('Twilio line').waitFor()
      await page.waitForTimeout(200)
      assert.ok(await page.evaluate(horizontalOverflow) <= 0, `no sideways scroll in ${language} at 375 px`)
      await screenshot(`phone-lines-${language}-375.png`)
    }
    await page.getByRole('button', { name: 'Add line' }).click()
    await page.getByRole('dialog', { name: 'Add a phone line' }).getByRole('textbox', { name: 'Name', exact: true }).waitFor()
    assert.ok(await page.evaluate(horizontalOverflow) <= 0, 'the dialog fits at 375 px')
    await screenshot('phone-lines-dialog-en-375.png')
    await page.keyboard.press('Escape')
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  step('revoke: asks first, then the line is gone from the page and the API, and its token is refused', async () => {
    await page.goto(`${server.url}/contact-center/lines`)
    await card('Main line').getByRole('button', { name: 'Revoke Main line' }).click()
    const confirm = page.getByRole('dialog', { name: 'Revoke this line?' })
    await confirm.getByText('“Main line” stops working at once', { exact: false }).waitFor()
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await confirm.waitFor({ state: 'detached' })
    assert.equal((await lines()).length, 2, 'cancel revokes nothing')

    await card('Main line').getByRole('button', { name: 'Revoke Main line' }).click()
    await confirm.getByRole('button', { name: 'Revoke' }).click()
    await card('Main line').waitFor({ state: 'detached' })
    await card('Twilio line').waitFor()
    assert.deepEqual((await lines()).map((l) => l.name), ['Twilio line'])
    await page.waitForTimeout(300)
    assert.equal(await page.getByRole('alert').count(), 0, 'no error toast about the revoked line')
    await eventually(async () => (await postEvent(token, 'lines-call-2')).status, (status) => status === 401, 'the revoked token is refused')
    assert.deepEqual(problems, [])
  })

  step('a member who is not an administrator sees that only administrators manage lines', async () => {
    const role = (await apiCall<{ data: { id: string } }>(server, 'POST', '/api/v1/access/roles', { name: 'Agents', permissions: { defaultObject: { read: true } } })).data
    await joinByInvitation(server, mailbox, MEMBER, role.id)
    await page.context().clearCookies()
    await page.goto(`${server.url}/sign-in`)
    await submitSignIn(page, MEMBER.email, MEMBER.password)
    await page.getByRole('link', { name: 'Phone lines' }).click()
    await page.getByText('Only administrators manage phone lines.').waitFor()
    assert.equal(await page.getByRole('button', { name: 'Add line' }).count(), 0)
    // The server refuses the member too, whatever the page shows.
    const status = await page.evaluate(async () => (await fetch('/api/v1/telephony/lines')).status)
    assert.equal(status, 403)
    await screenshot('phone-lines-member-en-1280.png')
  })
})
