/**
 * The supervisor wallboard in a real Chromium against a real server: a call queued through the
 * API appears on the Sales tile (calls waiting, agents by state) over the event stream without
 * a reload; an agent taking it empties the queue; Persian mirrors the page and shows Persian
 * digits; nothing scrolls sideways at 375 px. Screenshots go to
 * test-results/screenshots/wallboard-<locale>-<width>.png.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe } from 'node:test'
import type { Page } from 'playwright-core'
import {
  apiCall, documentDirIs, horizontalOverflow, saveScreenshot, SCREENSHOTS, serverAndPageHooks, stepper, submitSetupForm, type BrowserPage, type RunningServer,
} from './support.js'

const ADMIN = { workspaceName: 'Wallboard test', name: 'Wanda Supervisor', email: 'wall@example.com', password: 'correct horse battery staple' }
const CC = '/api/v1/contact-center'
interface PageGlobals { localStorage: { setItem(key: string, value: string): void } }
const chooseLanguage = (language: string) => (globalThis as unknown as PageGlobals).localStorage.setItem('rapport.language', language)

describe('contact-center wallboard in Chromium', { timeout: 10 * 60_000 }, () => {
  let server: RunningServer
  let browser: BrowserPage
  let page: Page
  let userId = ''
  let salesId = ''
  const problems: string[] = []
  const screenshot = (name: string) => saveScreenshot(page, path.join(SCREENSHOTS, name))
  const step = stepper((slug) => screenshot(`wallboard-failed-${slug}.png`))
  const stat = (queue: string, key: string) => page.locator(`[data-queue="${queue}"] [data-stat="${key}"] dd`)

  serverAndPageHooks(problems, (started, opened) => { server = started; browser = opened; page = opened.page })

  step('set up the workspace, a queue and an agent', async () => {
    await page.goto(`${server.url}/setup`)
    await submitSetupForm(page, ADMIN)
    await page.getByRole('link', { name: 'Wallboard' }).waitFor()
    const me = await browser.context.request.get(`${server.url}/api/v1/auth/me`)
    userId = ((await me.json()) as { data: { user: { id: string } } }).data.user.id
    await apiCall(server, 'POST', `${CC}/skills`, { key: 'en', name: 'English' })
    salesId = (await apiCall<{ data: { id: string } }>(server, 'POST', `${CC}/queues`, { name: 'Sales', requirements: [{ skill: 'en', minLevel: 2 }], serviceLevelSeconds: 20 })).data.id
    await apiCall(server, 'POST', `${CC}/queues`, { name: 'Support', serviceLevelSeconds: 30 })
    await apiCall(server, 'PUT', `${CC}/agents/${userId}`, { skills: { en: 3 }, wrapUpSeconds: 0 })
  })

  step('a queued call appears on the wallboard live, and leaves when an agent takes it', async () => {
    await page.getByRole('link', { name: 'Wallboard' }).click()
    await page.getByRole('heading', { name: 'Wallboard', level: 1 }).waitFor()
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
    assert.equal(await stat('Sales', 'waiting').innerText(), '0')
    await page.getByRole('region', { name: 'Sales' }).getByText('Offline: 1').waitFor()

    const queued = await apiCall<{ data: { decisions: unknown[] } }>(server, 'POST', `${CC}/calls`, { callId: 'browser-call-1', queueId: salesId })
    assert.deepEqual(queued.data.decisions, [], 'no agent is available, so the call waits')
    await page.locator('[data-queue="Sales"] [data-stat="waiting"] dd', { hasText: /^1$/ }).waitFor()
    assert.equal(await stat('Support', 'waiting').innerText(), '0')
    await page.getByRole('region', { name: 'Sales' }).getByText('Offered 1 · answered 0 · abandoned 0').waitFor()
    await page.waitForTimeout(1200) // the longest wait counts up between updates
    assert.match(await stat('Sales', 'longest').innerText(), /^[1-9]\d*s$/)
    await screenshot('wallboard-en-1280.png')

    const ready = await apiCall<{ data: { decisions: { type: string; callId: string }[] } }>(server, 'PUT', `${CC}/agents/${userId}/state`, { state: 'available' })
    assert.deepEqual(ready.data.decisions.map((d) => [d.type, d.callId]), [['assign', 'browser-call-1']])
    await page.locator('[data-queue="Sales"] [data-stat="waiting"] dd', { hasText: /^0$/ }).waitFor()
    await page.getByRole('region', { name: 'Sales' }).getByText('On a call: 1').waitFor()
    await page.getByRole('table', { name: 'Agents' }).getByText('Wanda Supervisor').waitFor()
    assert.equal(await stat('Sales', 'sl').innerText(), '100%')
    assert.equal(await stat('Sales', 'occupancy').innerText(), '100%')
  })

  step('Persian mirrors the wallboard and shows Persian digits; nothing overflows at 375 px', async () => {
    await apiCall(server, 'POST', `${CC}/calls`, { callId: 'browser-call-2', queueId: salesId })
    await apiCall(server, 'POST', `${CC}/calls`, { callId: 'browser-call-3', queueId: salesId })
    await page.evaluate(chooseLanguage, 'fa')
    await page.reload()
    await page.waitForFunction(documentDirIs, 'rtl')
    await page.getByRole('heading', { name: 'تابلوی زنده', level: 1 }).waitFor()
    await page.locator('[data-queue="Sales"] [data-stat="waiting"] dd', { hasText: '۲' }).waitFor()
    await screenshot('wallboard-fa-1280.png')
    await page.setViewportSize({ width: 375, height: 800 })
    await page.waitForTimeout(300)
    assert.ok(await page.evaluate(horizontalOverflow) <= 0, 'no sideways scroll in Persian at 375 px')
    await screenshot('wallboard-fa-375.png')
    for (const language of ['en', 'ru', 'lt']) {
      await page.evaluate(chooseLanguage, language)
      await page.reload()
      await page.locator('[data-queue="Sales"] [data-stat="waiting"] dd', { hasText: /^2$/ }).waitFor()
      assert.ok(await page.evaluate(horizontalOverflow) <= 0, `no sideways scroll in ${language} at 375 px`)
      await screenshot(`wallboard-${language}-375.png`)
    }
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.deepEqual(problems, [])
  })
})
