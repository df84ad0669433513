/**
 * Account flows in a real Chromium, with mail through a real SMTP server: an administrator
 * invites someone from the members screen, the invitee accepts from the mailed link and sees
 * only the settings a member may use; then forgets the password and resets it from the mailed
 * link (a second use of the link is refused); then turns on two-factor sign-in and signs in
 * with a code. Screenshots: test-results/screenshots/account-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe } from 'node:test'
import { Secret, TOTP } from 'otpauth'
import type { Page } from 'playwright-core'
import { startMailbox } from './mailbox.js'
import { openBrowserPage, saveScreenshot, SCREENSHOTS, setUpOverApi, startServer, stepper, submitSignIn, type BrowserPage, type RunningServer } from './support.js'

const ADMIN = { workspaceName: 'Account test', name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery staple' }
const MAX = { name: 'Max Member', email: 'max@example.com', password: 'first password 123', newPassword: 'second password 456' }
/** A code for the next 30-second step: the one used to turn TOTP on cannot be used again. */
const NEXT_STEP_MS = 30_000

interface PageGlobals { localStorage: { setItem(key: string, value: string): void } }
const chooseLanguage = (language: string) => (globalThis as unknown as PageGlobals).localStorage.setItem('rapport.language', language)

describe('account flows in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let mailbox: Awaited<ReturnType<typeof startMailbox>>
  let browser: BrowserPage
  let page: Page
  let totpSecret = ''
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name), { fullPage: true })
  const signIn = async (email: string, password: string) => {
    await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor()
    await submitSignIn(page, email, password)
  }
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor()
  }

  const step = stepper((slug) => screenshot(`account-failed-${slug}.png`))

  before(async () => {
    mailbox = await startMailbox()
    server = await startServer({ env: { RAPPORT_SMTP_URL: mailbox.url } })
    await setUpOverApi(server, ADMIN)
    browser = await openBrowserPage(problems)
    page = browser.page
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    await mailbox?.close()
  })

  step('the administrator invites someone from the members screen', async () => {
    await page.goto(`${server.url}/settings/members`)
    await signIn(ADMIN.email, ADMIN.password)
    await page.getByRole('table', { name: 'Members' }).getByRole('cell', { name: ADMIN.email }).waitFor()
    const invite = page.getByRole('form', { name: 'Invite someone' })
    await invite.getByLabel('Email').fill(MAX.email)
    await invite.getByLabel('Role').selectOption({ label: 'Member' })
    await invite.getByRole('button', { name: 'Send invitation' }).click()
    await invite.getByRole('status').filter({ hasText: `Invitation sent to ${MAX.email}.` }).waitFor()
    await signOut()
  })

  step('the invitee accepts from the mailed link and sees only a member\'s settings', async () => {
    const link = await mailbox.linkTo(MAX.email, '/accept-invite')
    await page.goto(link.toString())
    await page.getByRole('heading', { name: 'Join the workspace' }).waitFor()
    await page.getByRole('button', { name: 'Accept invitation' }).click()
    // A new account needs a name and password: the problems show under the fields.
    await page.getByText('is required to create your account').first().waitFor()
    await page.getByLabel('Your name').fill(MAX.name)
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(MAX.password)
    await page.getByRole('button', { name: 'Accept invitation' }).click()
    await page.getByRole('heading', { name: ADMIN.workspaceName }).waitFor()
    await page.getByRole('link', { name: 'Settings' }).click()
    const sections = page.getByRole('navigation', { name: 'Settings sections' })
    await sections.getByRole('link', { name: 'Account' }).waitFor()
    assert.deepEqual(await sections.getByRole('link').allTextContents(), ['Account', 'API keys'])
    await page.goto(`${server.url}/settings/members`)
    await page.getByText('This settings page does not exist or is for administrators only.').waitFor()
    await page.goto(`${server.url}/settings/account`)
    await signOut()
  })

  step('forgot password: the mailed link sets a new one, once', async () => {
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.getByLabel('Email').fill(MAX.email)
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await page.getByRole('status').filter({ hasText: 'a link to reset its password is on its way' }).waitFor()
    const link = await mailbox.linkTo(MAX.email, '/reset-password')
    await page.goto(link.toString())
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(MAX.newPassword)
    await page.getByRole('textbox', { name: 'Repeat the new password' }).fill('not the same password')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByText('The two passwords are not the same').waitFor()
    await page.getByRole('textbox', { name: 'Repeat the new password' }).fill(MAX.newPassword)
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor()

    // The same link again: refused, in words a person understands.
    await page.goto(link.toString())
    await page.evaluate(chooseLanguage, 'fa')
    await page.reload()
    await page.getByRole('textbox', { name: 'رمز عبور تازه', exact: true }).fill('third password 789')
    await page.getByRole('textbox', { name: 'تکرار رمز عبور تازه' }).fill('third password 789')
    await page.getByRole('button', { name: 'ثبت رمز عبور تازه' }).click()
    await page.getByRole('alert').filter({ hasText: 'این پیوند نامعتبر است' }).waitFor()
    await screenshot('account-reset-fa-1280.png')
    await page.evaluate(chooseLanguage, 'en')

    await page.goto(`${server.url}/sign-in`)
    await signIn(MAX.email, MAX.password)
    await page.getByRole('alert').filter({ hasText: 'The email, password or code is wrong.' }).waitFor()
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(MAX.newPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: ADMIN.workspaceName }).waitFor()
  })

  step('two-factor sign-in: set up from the account page, then sign in with a code', async () => {
    await page.goto(`${server.url}/settings/account`)
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click()
    totpSecret = (await page.getByLabel('Secret', { exact: true }).textContent())?.trim() ?? ''
    const uri = (await page.getByLabel('otpauth link').textContent())?.trim() ?? ''
    assert.match(uri, /^otpauth:\/\/totp\/Rapport:max%40example\.com\?/)
    assert.ok(uri.includes(`secret=${totpSecret}`))
    const totp = new TOTP({ issuer: 'Rapport', label: MAX.email, secret: Secret.fromBase32(totpSecret), digits: 6, period: 30 })
    await page.getByLabel('Two-factor code').fill('000000' === totp.generate() ? '111111' : '000000')
    await page.getByRole('button', { name: 'Turn on' }).click()
    await page.getByText('the code is wrong or was already used').waitFor()
    await page.getByLabel('Two-factor code').fill(totp.generate())
    await page.getByRole('button', { name: 'Turn on' }).click()
    await page.getByText('On: signing in asks for a code from your authenticator app.').waitFor()

    await signOut()
    await page.setViewportSize({ width: 375, height: 800 })
    await signIn(MAX.email, MAX.newPassword)
    await page.getByRole('alert').filter({ hasText: 'Enter the six-digit code from your authenticator app.' }).waitFor()
    await page.getByLabel('Two-factor code').fill(totp.generate({ timestamp: Date.now() + NEXT_STEP_MS }))
    await screenshot('account-totp-en-375.png')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: ADMIN.workspaceName }).waitFor()
    assert.deepEqual(problems, [])
  })
})
